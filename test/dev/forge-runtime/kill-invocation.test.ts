// runtime.killInvocation: an invocation dies right after a chosen Bitbucket request took effect, as a Lambda
// reaching its timeout would, and the queue delivers the event again with Forge's reason.
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import type { WorkBody } from '../../fixtures/forge-app/src/consumer';
import { fixtureRuntime, startStubBitbucket, type StubBitbucket } from './helpers';

let stub: StubBitbucket;
let runtime: ForgeRuntime;

beforeAll(async () => {
  stub = await startStubBitbucket();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  runtime = fixtureRuntime(stub.baseUrl, { delayMsPerSecond: 1 });
  runtime.install();
});
afterEach(() => runtime.uninstall());

async function pushPosts(id: string, times: number): Promise<void> {
  const body: WorkBody = { id, mode: 'bitbucket-posts', times };
  const pushed = await runtime.invokeFunction('push-probe', { queue: 'fixture-short', events: [{ body }] });
  if (!pushed.ok) throw new Error(pushed.error);
  await runtime.idle();
}

const posted = (id: string): string[] =>
  stub.requests
    .filter((r) => r.url.startsWith(`/2.0/posts/${id}/`))
    .map((r) => r.url.split('/').at(-1) ?? '');

test('the invocation dies after the chosen request took effect; the retry runs from the start', async () => {
  runtime.killInvocation({
    functionKey: 'short-work',
    matching: (r) => r.method === 'POST',
    afterRequests: 2,
  });
  await pushPosts('k1', 3);

  // The first delivery got two POSTs to Bitbucket and nothing more: no third POST, no kvs write.
  expect(posted('k1')).toEqual(['1', '2', '1', '2', '3']);
  expect(runtime.kvs.get('finished:k1')).toBe(1);
  const consumer = runtime.invocations.filter((i) => i.functionKey === 'short-work');
  expect(consumer.map((i) => i.ok)).toEqual([false, true]);
  expect(consumer[0]?.error).toMatch(/^FUNCTION_TIME_OUT: function 'short-work' \(consumer\) was killed/);
  expect(runtime.logs.map((l) => l.message)).toContainEqual(
    expect.stringMatching(/^Retrying event \S+ in \d+ s \(retry 1, FUNCTION_TIME_OUT\)$/),
  );
});

test('a kill fires once, counts only matching requests of that function, and can say out of memory', async () => {
  runtime.killInvocation({
    functionKey: 'short-work',
    matching: (r) => r.path.endsWith('/3'),
    reason: 'FUNCTION_OUT_OF_MEMORY',
  });
  // Another function's requests do not count.
  await runtime.invokeFunction('bb-probe', { method: 'POST', path: '/2.0/posts/other/3' });
  await pushPosts('k2', 3);

  expect(posted('k2')).toEqual(['1', '2', '3', '1', '2', '3']);
  expect(runtime.kvs.get('finished:k2')).toBe(1);
  expect(runtime.logs.map((l) => l.message)).toContainEqual(
    expect.stringMatching(/\(retry 1, FUNCTION_OUT_OF_MEMORY\)$/),
  );
});

test('kill specifications the runtime cannot honour are refused', () => {
  expect(() => runtime.killInvocation({ afterRequests: 0 })).toThrow(
    /afterRequests must be a positive integer/,
  );
  expect(() => runtime.killInvocation({ reason: 'FUNCTION_CRASHED' as 'FUNCTION_TIME_OUT' })).toThrow(
    /reason must be FUNCTION_TIME_OUT or FUNCTION_OUT_OF_MEMORY/,
  );
});
