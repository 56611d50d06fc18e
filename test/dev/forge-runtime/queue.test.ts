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

async function push(queue: string, events: unknown[]): Promise<Record<string, unknown>> {
  const result = await runtime.invokeFunction('push-probe', { queue, events });
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

test('a consumer that always throws is retried 4 times, then given up with a logged error', async () => {
  start();
  await push('fixture-short', [work({ id: 'p1', mode: 'always-throw' })]);
  await runtime.idle();
  expect(deliveries('p1').map((d) => d.retryCount)).toEqual([0, 1, 2, 3, 4]);
  expect(runtime.logs.at(-1)?.message).toMatch(/failed after 4 retries; giving up/);
});

test('InvocationError retryAfter, reason and retryData are honoured; delayInSeconds orders deliveries', async () => {
  start();
  // retry-after asks for 30 s; the other event is delayed 10 s, so it must run between the two deliveries.
  await push('fixture-short', [
    work({ id: 'late', mode: 'ok' }, { delayInSeconds: 10 }),
    work({ id: 'ra', mode: 'retry-after' }),
  ]);
  await runtime.idle();
  expect(deliveries('ra')).toEqual([
    { retryCount: 0, functionKey: 'fixture-short' },
    {
      retryCount: 1,
      functionKey: 'fixture-short',
      retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
      retryData: { cursor: 7 },
    },
  ]);
  expect(runtime.kvs.get('order')).toEqual(['ra', 'late', 'ra']);
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
