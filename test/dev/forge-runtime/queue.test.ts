// @forge/events Queue under the runtime: the fixture pushes with the real SDK; the runtime delivers to the
// consumer bound in manifest.yml, asynchronously, at least once, with Forge's limits and retries.
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import type { DeliveryRecord, WorkBody } from '../../fixtures/forge-app/src/consumer';
import { fixtureRuntime } from './helpers';

let runtime: ForgeRuntime;
afterEach(() => runtime.uninstall());

function start(redeliver = false): ForgeRuntime {
  runtime = fixtureRuntime('http://127.0.0.1:9', { redeliver, delayMsPerSecond: 5 });
  runtime.install();
  return runtime;
}

async function push(queue: string, events: unknown[], cancel = false): Promise<Record<string, unknown>> {
  const result = await runtime.invokeFunction('push-probe', { queue, events, cancel });
  if (!result.ok) throw new Error(result.error);
  return result.value as Record<string, unknown>;
}

const work = (body: WorkBody, extra: Record<string, unknown> = {}): unknown => ({ body, ...extra });
const deliveries = (id: string): DeliveryRecord[] =>
  (runtime.kvs.get(`deliveries:${id}`) as DeliveryRecord[]) ?? [];

test('a pushed event reaches the bound consumer with the body under event.body, after push returns', async () => {
  start();
  const pushed = await push('fixture-short', [work({ id: 'e1', mode: 'ok' })]);
  expect(pushed.jobId).toEqual(expect.any(String));
  // Delivery is asynchronous: nothing has been consumed when push() resolves.
  expect(deliveries('e1')).toEqual([]);
  await runtime.idle();
  expect(deliveries('e1')).toEqual([{ retryCount: 0, functionKey: 'fixture-short' }]);
  expect(runtime.invocations.at(-1)).toMatchObject({
    functionKey: 'short-work',
    moduleKind: 'consumer',
    ok: true,
  });
});

test('redeliver mode delivers every event twice', async () => {
  start(true);
  await push('fixture-short', [work({ id: 'r1', mode: 'ok' }), work({ id: 'r2', mode: 'ok' })]);
  await runtime.idle();
  expect(deliveries('r1')).toHaveLength(2);
  expect(deliveries('r2')).toHaveLength(2);
});

test('a consumer that throws is retried with a growing retryCount until it succeeds', async () => {
  start();
  await push('fixture-short', [work({ id: 't1', mode: 'throw-times', times: 2 })]);
  await runtime.idle();
  expect(deliveries('t1').map((d) => [d.retryCount, d.retryReason])).toEqual([
    [0, undefined],
    [1, 'FUNCTION_PLATFORM_UNKNOWN_ERROR'],
    [2, 'FUNCTION_PLATFORM_UNKNOWN_ERROR'],
  ]);
  expect(runtime.logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
    "Function 'short-work' failed: transient failure 1",
    "Function 'short-work' failed: transient failure 2",
  ]);
});

test('a consumer that always throws is retried with growing backoff for 24 h after its push, then dropped', async () => {
  // 1 Forge second = 0.005 ms: the 24 h retention window passes in about half a second.
  runtime = fixtureRuntime('http://127.0.0.1:9', { delayMsPerSecond: 0.005 });
  runtime.install();
  await push('fixture-short', [work({ id: 'p1', mode: 'always-throw' })]);
  await runtime.idle();
  const waits = runtime.logs
    .map((l) =>
      /^Retrying event \S+ in (\d+) s \(retry \d+, FUNCTION_PLATFORM_UNKNOWN_ERROR\)$/.exec(l.message),
    )
    .filter((m) => m !== null)
    .map((m) => Number(m[1]));
  // Doubling from 15 s, capped at 15 minutes, for as long as the 24 h window allows.
  expect(waits.slice(0, 8)).toEqual([15, 30, 60, 120, 240, 480, 900, 900]);
  expect(waits.every((w) => w <= 900)).toBe(true);
  const total = waits.reduce((a, b) => a + b, 0);
  expect(total).toBeLessThanOrEqual(24 * 3600);
  expect(total + 900).toBeGreaterThan(24 * 3600);
  // Not "4 retries": Forge keeps retrying until the window closes, so the consumer must cap attempts itself.
  expect(waits).toHaveLength(100);
  expect(deliveries('p1').map((d) => d.retryCount)).toEqual(Array.from({ length: 101 }, (_, i) => i));
  expect(runtime.logs.at(-1)).toMatchObject({
    level: 'error',
    message: expect.stringMatching(/dropped: still failing 24 h after its push \(101 deliveries/),
  });
});

test('InvocationError retryAfter, reason and retryData are honoured; delayInSeconds orders deliveries', async () => {
  start();
  // retry-after asks for 30 s; the other event is delayed 10 s, so it must run between the two deliveries.
  await push('fixture-short', [
    work({ id: 'late', mode: 'ok' }, { delayInSeconds: 10 }),
    work({ id: 'ra', mode: 'retry-after' }),
  ]);
  await runtime.idle();
  const [first, retry] = deliveries('ra');
  expect(first).toEqual({ retryCount: 0, functionKey: 'fixture-short' });
  expect(retry).toEqual({
    retryCount: 1,
    functionKey: 'fixture-short',
    retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
    retryData: { cursor: 7 },
    // What is left of the event's 24 h once the 30 s wait is spent.
    retentionWindow: { startTime: expect.any(String), remainingTimeMs: (24 * 3600 - 30) * 1000 },
  });
  expect(Number.isNaN(Date.parse(retry?.retentionWindow?.startTime ?? ''))).toBe(false);
  expect(runtime.kvs.get('order')).toEqual(['ra', 'late', 'ra']);
});

describe('concurrency keys', () => {
  type Span = { start: number; end: number };
  const span = (id: string): Span => runtime.kvs.get(`span:${id}`) as Span;
  /** The most deliveries that ran at one moment. */
  const mostAtOnce = (spans: Span[]): number =>
    Math.max(...spans.map((s) => spans.filter((o) => o.start <= s.start && s.start < o.end).length));
  const sleeper = (id: string, concurrency?: { key: string; limit: number }): unknown =>
    work({ id, mode: 'sleep', ms: 40 }, concurrency ? { concurrency } : {});

  test('at most `limit` events of one key run at once; other keys are not held back', async () => {
    start();
    await push('fixture-short', [
      ...['a1', 'a2', 'a3'].map((id) => sleeper(id, { key: 'pr-1', limit: 1 })),
      ...['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => sleeper(id, { key: 'chunks-1', limit: 2 })),
      sleeper('free'),
    ]);
    await runtime.idle();
    expect(mostAtOnce(['a1', 'a2', 'a3'].map(span))).toBe(1);
    expect(mostAtOnce(['b1', 'b2', 'b3', 'b4', 'b5'].map(span))).toBe(2);
    // The event without a key started together with the first of each key.
    expect(mostAtOnce(['free', 'a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4', 'b5'].map(span))).toBe(4);
    // A postponed event is not a retry: every delivery saw retryCount 0.
    const counts = ['a1', 'a2', 'a3', 'b3', 'b4', 'b5'].flatMap((id) =>
      deliveries(id).map((d) => d.retryCount),
    );
    expect(counts).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('without a key, events run at the same time', async () => {
    start();
    await push('fixture-short', [sleeper('n1'), sleeper('n2'), sleeper('n3')]);
    await runtime.idle();
    expect(mostAtOnce(['n1', 'n2', 'n3'].map(span))).toBe(3);
  });

  test('a malformed concurrency setting is refused', async () => {
    start();
    const result = await push('fixture-short', [
      work({ id: 'c', mode: 'ok' }, { concurrency: { key: '', limit: 0 } }),
    ]);
    expect(result).toEqual({
      error: expect.objectContaining({
        name: 'InternalServerError',
        message: expect.stringContaining(
          'concurrency must be { key: non-empty string, limit: positive integer }',
        ),
      }),
    });
    await runtime.idle();
    expect(deliveries('c')).toEqual([]);
  });
});

test('more than 500 events in one minute: the push fails with the SDK RateLimitError', async () => {
  // 1 Forge second = 1 local second, so the eleven pushes surely fall inside one minute.
  runtime = fixtureRuntime('http://127.0.0.1:9', { delayMsPerSecond: 1000 });
  runtime.install();
  for (let p = 0; p < 10; p++) {
    // Delayed and cancelled at once: the pushes count against the limit, but 500 deliveries would only slow the test.
    const events = Array.from({ length: 50 }, (_, i) =>
      work({ id: `rl${p}-${i}`, mode: 'ok' }, { delayInSeconds: 1 }),
    );
    expect(await push('fixture-short', events, true)).toEqual({ jobId: expect.any(String) });
  }
  expect(await push('fixture-short', [work({ id: 'one-too-many', mode: 'ok' })])).toEqual({
    error: expect.objectContaining({ name: 'RateLimitError', message: 'Too many requests.' }),
  });
  await runtime.idle();
  expect(deliveries('one-too-many')).toEqual([]);
  expect(runtime.queuePushes).toHaveLength(10);
});

describe('push limits raise the SDK errors', () => {
  test('more than 50 events', async () => {
    start();
    const events = Array.from({ length: 51 }, (_, i) => work({ id: `m${i}`, mode: 'ok' }));
    expect(await push('fixture-short', events)).toEqual({
      error: expect.objectContaining({ name: 'TooManyEventsError' }),
    });
  });

  test('more than 200 KB in one push', async () => {
    start();
    const events = Array.from({ length: 3 }, (_, i) =>
      work({ id: `b${i}`, mode: 'ok' }, { pad: 'x'.repeat(70 * 1024) }),
    );
    expect(await push('fixture-short', events)).toEqual({
      error: expect.objectContaining({ name: 'PayloadTooBigError' }),
    });
  });

  test('an event over 100 KB is refused only when the consumer timeout exceeds 55 s', async () => {
    start();
    const big = work({ id: 'big', mode: 'ok', ms: 0 }, { pad: 'x'.repeat(120 * 1024) });
    const long = await push('fixture-long', [big]);
    expect(long).toEqual({
      error: expect.objectContaining({
        name: 'PayloadTooBigError',
        message: expect.stringContaining("consumer 'long-consumer' has timeoutSeconds > 55"),
      }),
    });
    expect(await push('fixture-short', [big])).toEqual({ jobId: expect.any(String) });
    await runtime.idle();
    expect(deliveries('big')).toHaveLength(1);
  });

  test('a queue no consumer is bound to', async () => {
    start();
    const result = await push('nobody-listens', [work({ id: 'x', mode: 'ok' })]);
    expect(result).toEqual({
      error: expect.objectContaining({
        name: 'InternalServerError',
        message: expect.stringContaining("No consumer in manifest.yml is bound to queue 'nobody-listens'"),
      }),
    });
  });

  test('delayInSeconds above 900', async () => {
    start();
    const result = await push('fixture-short', [work({ id: 'd', mode: 'ok' }, { delayInSeconds: 901 })]);
    expect(result).toEqual({ error: expect.objectContaining({ name: 'InvalidPushSettingsError' }) });
  });
});
