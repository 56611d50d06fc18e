// @forge/kvs under the runtime: the fixture's kvs-probe function calls the real SDK; rule violations must
// surface as the SDK's own ForgeKvsAPIError with a code, as they would in Forge.
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import { MAX_VALUE_BYTES } from '../../../dev/forge-runtime/kvs-rules';
import type { KvsStep } from '../../fixtures/forge-app/src/probes';
import { fixtureRuntime } from './helpers';

let runtime: ForgeRuntime;
beforeAll(() => {
  // No Bitbucket traffic in this file; the base URL is never contacted.
  runtime = fixtureRuntime('http://127.0.0.1:9');
  runtime.install();
});
afterAll(() => runtime.uninstall());
beforeEach(() => runtime.kvs.clear());

async function kvsSteps(...steps: KvsStep[]): Promise<unknown[]> {
  const result = await runtime.invokeFunction('kvs-probe', { steps });
  if (!result.ok) throw new Error(result.error);
  return result.value as unknown[];
}

const apiError = (code: string): unknown => ({
  error: expect.objectContaining({ name: 'ForgeKvsAPIError', code }) as unknown,
});

test('set, get and delete round-trip; a missing key reads as undefined', async () => {
  const out = await kvsSteps(
    { op: 'set', key: 'settings:repo:abc', value: { threshold: 10, tags: ['a'] } },
    { op: 'get', key: 'settings:repo:abc' },
    { op: 'delete', key: 'settings:repo:abc' },
    { op: 'get', key: 'settings:repo:abc' },
  );
  expect(out).toEqual([
    { value: null },
    { value: { threshold: 10, tags: ['a'] } },
    { value: null },
    { value: null },
  ]);
  expect(runtime.kvs.snapshot()).toEqual({});
});

test.each([
  ['a key with braces', 'INVALID_KEY', '{uuid}'],
  ['a whitespace-only key', 'INVALID_KEY', '   '],
  ['a 501-character key', 'KEY_TOO_LONG', 'k'.repeat(501)],
])('%s is rejected with %s (a code Forge documents)', async (_label, code, key) => {
  const [out] = await kvsSteps({ op: 'set', key, value: 1 });
  expect(out).toEqual(apiError(code));
});

test('a 500-character key with the allowed punctuation is accepted', async () => {
  const key = 'a:b.c_d-e#f g'.padEnd(500, 'x');
  expect(await kvsSteps({ op: 'set', key, value: 1 }, { op: 'get', key })).toEqual([
    { value: null },
    { value: 1 },
  ]);
});

test('values over 240 KiB serialized or nested deeper than 31 levels are rejected', async () => {
  const big = 'x'.repeat(MAX_VALUE_BYTES); // plus two quotes: just over the limit
  let deep: unknown = 1;
  for (let i = 0; i < 32; i++) deep = { d: deep };
  let ok: unknown = 1;
  for (let i = 0; i < 31; i++) ok = [ok];
  const out = await kvsSteps(
    { op: 'set', key: 'big', value: big },
    { op: 'set', key: 'deep', value: deep },
    { op: 'set', key: 'ok', value: ok },
  );
  expect(out).toEqual([apiError('MAX_SIZE'), apiError('MAX_DEPTH'), { value: null }]);
  expect(Object.keys(runtime.kvs.snapshot())).toEqual(['ok']);
});

test('keyPolicy FAIL_IF_EXISTS refuses to overwrite; returnValue PREVIOUS gives the old value', async () => {
  const out = await kvsSteps(
    { op: 'set', key: 'lock', value: 'first', options: { keyPolicy: 'FAIL_IF_EXISTS' } },
    { op: 'set', key: 'lock', value: 'second', options: { keyPolicy: 'FAIL_IF_EXISTS' } },
    { op: 'set', key: 'lock', value: 'third', options: { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' } },
  );
  expect(out[0]).toEqual({ value: null });
  expect(out[1]).toEqual(apiError('KEY_ALREADY_EXISTS'));
  expect(out[2]).toEqual({ value: { key: 'lock', value: 'first' } });
  expect(runtime.kvs.get('lock')).toBe('third');
});

test('query pages by key prefix with limit and cursor, in key order, leaving other prefixes out', async () => {
  await kvsSteps(
    ...['c', 'a', 'b', 'd', 'e'].map((s): KvsStep => ({ op: 'set', key: `gate:${s}`, value: s })),
    { op: 'set', key: 'other:a', value: 0 },
  );
  const [first] = (await kvsSteps({ op: 'query', prefix: 'gate:', limit: 2 })) as Array<{
    value: { results: unknown[]; nextCursor?: string };
  }>;
  expect(first?.value.results).toEqual([
    { key: 'gate:a', value: 'a' },
    { key: 'gate:b', value: 'b' },
  ]);
  const cursor = first?.value.nextCursor as string;
  const [second] = (await kvsSteps({ op: 'query', prefix: 'gate:', limit: 10, cursor })) as Array<{
    value: { results: unknown[]; nextCursor?: string };
  }>;
  expect(second?.value.results).toEqual(['c', 'd', 'e'].map((s) => ({ key: `gate:${s}`, value: s })));
  expect(second?.value.nextCursor).toBeUndefined();
});

test('query limit defaults to 10 and may not exceed 100', async () => {
  await kvsSteps({
    op: 'batchSet',
    items: Array.from({ length: 12 }, (_, i) => ({ key: `k:${String(i).padStart(2, '0')}`, value: i })),
  });
  const out = (await kvsSteps(
    { op: 'query', prefix: 'k:' },
    { op: 'query', prefix: 'k:', limit: 101 },
  )) as Array<{ value?: { results: unknown[] } }>;
  expect(out[0]?.value?.results).toHaveLength(10);
  expect(out[1]).toEqual(apiError('LIST_QUERY_LIMIT_EXCEEDED'));
});

test('batch operations report per-key success and failure', async () => {
  const out = await kvsSteps(
    {
      op: 'batchSet',
      items: [
        { key: 'b:1', value: 1 },
        { key: 'bad{key}', value: 2 },
      ],
    },
    { op: 'batchGet', keys: ['b:1', 'b:missing'] },
    { op: 'batchDelete', keys: ['b:1'] },
  );
  expect(out[0]).toEqual({
    value: {
      successfulKeys: [{ key: 'b:1' }],
      failedKeys: [{ key: 'bad{key}', error: expect.objectContaining({ code: 'INVALID_KEY' }) }],
    },
  });
  expect(out[1]).toMatchObject({ value: { successfulKeys: [{ key: 'b:1', value: 1 }], failedKeys: [] } });
  expect(runtime.kvs.snapshot()).toEqual({});
});

test('transactions apply all or nothing and hold at most 25 operations', async () => {
  await kvsSteps({ op: 'set', key: 'old', value: 1 });
  const out = await kvsSteps(
    {
      op: 'transact',
      set: [
        ['t:1', 1],
        ['t:2', 2],
      ],
      delete: ['old'],
    },
    {
      op: 'transact',
      set: [
        ['t:3', 3],
        ['bad{key}', 4],
      ],
    },
    { op: 'transact', set: Array.from({ length: 26 }, (_, i): [string, unknown] => [`n:${i}`, i]) },
  );
  expect(out[0]).toEqual({ value: null });
  expect(out[1]).toEqual(apiError('INVALID_KEY'));
  expect(out[2]).toEqual(apiError('TOO_MANY_OPERATIONS'));
  expect(runtime.kvs.snapshot()).toEqual({ 't:1': 1, 't:2': 2 });
});

test('secrets live apart from ordinary keys and stay out of snapshots and queries', async () => {
  const out = await kvsSteps(
    { op: 'setSecret', key: 'token', value: 's3cret' },
    { op: 'get', key: 'token' },
    { op: 'getSecret', key: 'token' },
    { op: 'query', prefix: 'to' },
    { op: 'deleteSecret', key: 'token' },
    { op: 'getSecret', key: 'token' },
  );
  expect(out).toEqual([
    { value: null },
    { value: null },
    { value: 's3cret' },
    { value: { results: [] } },
    { value: null },
    { value: null },
  ]);
});

test('a TTL expires the key; an invalid TTL is rejected', async () => {
  jest.useFakeTimers({
    doNotFake: ['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask', 'clearTimeout'],
  });
  try {
    const out = await kvsSteps(
      { op: 'set', key: 'temp', value: 1, options: { ttl: { value: 5, unit: 'SECONDS' } } },
      { op: 'set', key: 'forever', value: 1, options: { ttl: { value: 2, unit: 'YEARS' } } },
    );
    expect(out).toEqual([{ value: null }, apiError('INVALID_TTL')]);
    expect(runtime.kvs.get('temp')).toBe(1);
    jest.setSystemTime(Date.now() + 6_000);
    expect(await kvsSteps({ op: 'get', key: 'temp' })).toEqual([{ value: null }]);
  } finally {
    jest.useRealTimers();
  }
});
