// Forge's per-installation KVS rate limits under the runtime (limits-kvs-ce): 1,000 requests per second, 4,000 reads
// and 4,000 writes per minute in 10 KB units. Calls go through the real @forge/kvs SDK (from an invocation via the
// fixture's kvs-probe, or straight from the test once the globals are installed); a refusal must reach the app as
// the SDK's own ForgeKvsAPIError with code RATE_LIMIT_EXCEEDED and status 429, as on Forge. The clock is Jest's fake
// Date, so windows move only when the test moves them.
import { ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import { FORGE_KVS_RATE_LIMITS, KVS_UNIT_BYTES, type ForgeRuntime } from '../../../dev/forge-runtime';
import type { KvsRateLimits } from '../../../dev/forge-runtime/kvs-rate-limits';
import type { KvsStep } from '../../fixtures/forge-app/src/probes';
import { fixtureRuntime } from './helpers';

let runtime: ForgeRuntime | undefined;

function start(rateLimits?: Partial<KvsRateLimits>): ForgeRuntime {
  runtime = fixtureRuntime('http://127.0.0.1:9', rateLimits ? { kvs: { rateLimits } } : {});
  runtime.install();
  return runtime;
}

beforeEach(() => {
  jest.useFakeTimers({
    doNotFake: ['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask', 'clearTimeout'],
  });
});
afterEach(() => {
  runtime?.uninstall();
  runtime = undefined;
  jest.useRealTimers();
});

async function kvsSteps(rt: ForgeRuntime, ...steps: KvsStep[]): Promise<unknown[]> {
  const result = await rt.invokeFunction('kvs-probe', { steps });
  if (!result.ok) throw new Error(result.error);
  return result.value as unknown[];
}

/** What the real SDK threw, or 'ok'. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return 'ok';
  } catch (e) {
    if (!(e instanceof ForgeKvsAPIError)) throw e;
    return { code: e.code, status: e.responseDetails.status };
  }
}

const refused = { code: 'RATE_LIMIT_EXCEEDED', status: 429 };
/** A string value whose set request is just over two 10 KB units. */
const twentyFiveKb = 'x'.repeat(2.5 * KVS_UNIT_BYTES);

test('the defaults are Forge’s documented limits, in real time', () => {
  expect(FORGE_KVS_RATE_LIMITS).toEqual({
    requestsPerSecond: 1000,
    readUnitsPerMinute: 4000,
    writeUnitsPerMinute: 4000,
    msPerSecond: 1000,
  });
});

test('reads and writes are counted in 10 KB units, rounded up, at least one', async () => {
  const rt = start();
  await kvs.set('big', twentyFiveKb);
  await kvs.set('small', 1);
  await kvs.get('big');
  await kvs.get('small');
  await kvs.get('missing');
  expect(rt.kvs.usage()).toEqual({
    requests: 5,
    writes: 2,
    writeUnits: 3 + 1,
    reads: 3,
    readUnits: 3 + 1 + 1,
    rateLimited: 0,
  });
  expect(rt.kvs.operations().map((o) => [o.kind, o.key, o.units])).toEqual([
    ['write', 'big', 3],
    ['write', 'small', 1],
    ['read', 'big', 3],
    ['read', 'small', 1],
    ['read', 'missing', 1],
  ]);
});

test('past the write units of a minute the real SDK throws RATE_LIMIT_EXCEEDED (429) until the window moves', async () => {
  const rt = start({ writeUnitsPerMinute: 4 });
  expect(await outcome(() => kvs.set('a', twentyFiveKb))).toBe('ok'); // 3 units
  // One more unit fits, a 3-unit write does not; the refused write stores nothing and consumes nothing.
  expect(await outcome(() => kvs.set('b', twentyFiveKb))).toEqual(refused);
  expect(await outcome(() => kvs.set('c', 1))).toBe('ok');
  expect(await outcome(() => kvs.delete('a'))).toEqual(refused);
  // A transaction is one write, measured by its payload.
  expect(await outcome(() => kvs.transact().set('t1', 1).set('t2', 2).execute())).toEqual(refused);
  expect(rt.kvs.snapshot()).toEqual({ a: twentyFiveKb, c: 1 });
  // Reads have their own budget.
  expect(await outcome(() => kvs.get('a'))).toBe('ok');

  jest.setSystemTime(Date.now() + 60_000);
  expect(await outcome(() => kvs.transact().set('t1', 1).set('t2', 2).execute())).toBe('ok');
  expect(rt.kvs.usage()).toMatchObject({ writes: 3, writeUnits: 5, rateLimited: 3 });
});

test('reads are measured by what they return: a large value uses up the read units faster', async () => {
  const rt = start({ readUnitsPerMinute: 5 });
  await kvs.set('big', twentyFiveKb);
  expect(await outcome(() => kvs.get('big'))).toBe('ok'); // 3 units
  expect(await outcome(() => kvs.get('big'))).toEqual(refused);
  expect(await outcome(() => kvs.query().where('key', WhereConditions.beginsWith('none:')).getMany())).toBe(
    'ok',
  ); // an empty page: 1 unit
  // Within the window nothing frees up; half a minute later the first read has not left it yet.
  jest.setSystemTime(Date.now() + 30_000);
  expect(await outcome(() => kvs.get('big'))).toEqual(refused);
  jest.setSystemTime(Date.now() + 30_001);
  expect(await outcome(() => kvs.get('big'))).toBe('ok');
  expect(rt.kvs.usage()).toMatchObject({ reads: 3, readUnits: 7, rateLimited: 2 });
});

test('more than 1,000 requests in one second are refused, whatever their size', async () => {
  const rt = start();
  const outcomes = await Promise.all(Array.from({ length: 1001 }, (_, i) => outcome(() => kvs.get(`k${i}`))));
  expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1000);
  expect(outcomes.filter((o) => o !== 'ok')).toEqual([refused]);
  jest.setSystemTime(Date.now() + 1000);
  expect(await outcome(() => kvs.get('k'))).toBe('ok');
  expect(rt.kvs.usage().rateLimited).toBe(1);
});

test('inside an invocation the refusal is the SDK’s ForgeKvsAPIError, as a handler on Forge would see it', async () => {
  const rt = start({ writeUnitsPerMinute: 1 });
  const out = await kvsSteps(
    rt,
    { op: 'set', key: 'first', value: 1 },
    { op: 'set', key: 'second', value: 2 },
  );
  expect(out).toEqual([
    { value: null },
    {
      error: expect.objectContaining({
        name: 'ForgeKvsAPIError',
        code: 'RATE_LIMIT_EXCEEDED',
        message: expect.stringMatching(/1 write units per minute/) as unknown,
      }) as unknown,
    },
  ]);
});

test('compressed time: msPerSecond shortens both windows', async () => {
  const rt = start({ writeUnitsPerMinute: 1, requestsPerSecond: 2, msPerSecond: 10 });
  expect(await outcome(() => kvs.set('a', 1))).toBe('ok');
  expect(await outcome(() => kvs.set('b', 1))).toEqual(refused);
  jest.setSystemTime(Date.now() + 600); // one local "minute"
  expect(await outcome(() => kvs.set('b', 1))).toBe('ok');
  expect(await outcome(() => kvs.get('a'))).toBe('ok');
  expect(await outcome(() => kvs.get('a'))).toEqual(refused); // third request within a local "second"
  jest.setSystemTime(Date.now() + 10);
  expect(await outcome(() => kvs.get('a'))).toBe('ok');
  rt.kvs.clear();
  expect(rt.kvs.usage()).toEqual({
    requests: 0,
    reads: 0,
    readUnits: 0,
    writes: 0,
    writeUnits: 0,
    rateLimited: 0,
  });
});
