// The queue broker's push-rate window and retryAfter cap, driven directly. The invoker is replaced by a recording
// `deliver` and the clock by a counter, because the window is a Forge minute of compressed time; the SDK-level
// behaviour (RateLimitError, retries, concurrency) is covered with the real @forge/events in queue.test.ts.
import type { ConsumerDef } from '../../../dev/forge-runtime/manifest';
import { QueueBroker, type QueueBrokerDeps } from '../../../dev/forge-runtime/queue-broker';
import { MAX_EVENTS_PER_MINUTE } from '../../../dev/forge-runtime/queue-schedule';

const consumer: ConsumerDef = { key: 'c', queue: 'q', functionKey: 'work' };
const DELAY_MS_PER_SECOND = 1;

function broker(now: () => number, value: unknown = { done: true }) {
  const delivered: Array<Record<string, unknown>> = [];
  const logs: string[] = [];
  const deps: QueueBrokerDeps = {
    consumersFor: () => [consumer],
    timeoutSecondsOf: () => 55,
    deliver: (_c, event) => {
      delivered.push(event);
      // Asked to retry once, then done.
      const v = delivered.length === 1 ? value : { done: true };
      return Promise.resolve({ result: { ok: true, value: v, functionKey: 'work' }, timedOut: false });
    },
    log: (_f, level, message) => void logs.push(`${level}: ${message}`),
    delayMsPerSecond: DELAY_MS_PER_SECOND,
    redeliver: false,
    now,
  };
  return { broker: new QueueBroker(deps), delivered, logs };
}

const push = (b: QueueBroker, count: number) =>
  b.handle('/webhook/queue/publish/x', {
    queueName: 'q',
    payload: Array.from({ length: count }, (_, i) => ({ body: { i } })),
  });

test('the 500-events-per-minute window slides: a push is accepted again a (compressed) minute later', async () => {
  let now = 0;
  const { broker: b } = broker(() => now);
  for (let i = 0; i < MAX_EVENTS_PER_MINUTE / 50; i++) expect(push(b, 50).status).toBe(201);
  expect(push(b, 1)).toEqual({
    status: 429,
    body: { message: 'More than 500 events pushed in one minute' },
  });
  now += 60 * DELAY_MS_PER_SECOND - 1;
  expect(push(b, 1).status).toBe(429);
  now += 1;
  expect(push(b, 50).status).toBe(201);
  await b.idle();
});

test('an InvocationError retryAfter above 900 s waits 900 s, with a warning', async () => {
  const {
    broker: b,
    delivered,
    logs,
  } = broker(() => 0, {
    _retry: true,
    retryOptions: { retryAfter: 3600, retryReason: 'FUNCTION_RETRY_REQUEST' },
  });
  push(b, 1);
  await b.idle();
  expect(delivered.map((e) => (e.retryContext as { retryCount?: number } | undefined)?.retryCount)).toEqual([
    undefined,
    1,
  ]);
  expect(logs).toContain('warn: InvocationError retryAfter 3600 s exceeds 900 s; retrying after 900 s');
  expect(
    logs.some((l) => /^info: Retrying event \S+ in 900 s \(retry 1, FUNCTION_RETRY_REQUEST\)$/.test(l)),
  ).toBe(true);
});
