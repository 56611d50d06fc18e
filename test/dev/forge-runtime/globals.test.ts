// install()/uninstall(): the SDKs find the runtime only while installed, and the previous globals come back.
import { fixtureRuntime } from './helpers';

const g = globalThis as Record<string, unknown>;

test('install is idempotent, and uninstall restores what was there before', async () => {
  const previousFetch = async (): Promise<Response> => new Response('previous');
  g.__forge_fetch__ = previousFetch;
  const runtime = fixtureRuntime('http://127.0.0.1:9');
  runtime.install();
  runtime.install();
  expect(g.__forge_fetch__).not.toBe(previousFetch);
  expect((g.__forge_runtime__ as { appContext: { appId: string } }).appContext.appId).toBe(
    '11111111-2222-4333-8444-555555555555',
  );
  const result = await runtime.invokeFunction('kvs-probe', { steps: [{ op: 'set', key: 'k', value: 1 }] });
  expect(result.ok).toBe(true);
  runtime.uninstall();
  expect(g.__forge_fetch__).toBe(previousFetch);
  expect('__forge_runtime__' in g).toBe(false);
  delete g.__forge_fetch__;
});

test('console output inside an invocation is attributed to the function; outside it is left alone', async () => {
  // Spy installed first, so the runtime's console wrapper forwards non-invocation output to it.
  const realWarn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const runtime = fixtureRuntime('http://127.0.0.1:9');
  runtime.install();
  try {
    console.warn('outside any invocation');
    expect(realWarn).toHaveBeenCalledWith('outside any invocation');
    // The fixture's 'boom' warns, then throws; both lines are logged against its key, not printed.
    await runtime.invokeFunction('boom', {});
    expect(realWarn).toHaveBeenCalledTimes(1);
    expect(runtime.logs).toEqual([
      { functionKey: 'boom', level: 'warn', message: 'about to fail, attempt 1' },
      { functionKey: 'boom', level: 'error', message: "Function 'boom' failed: TypeError: kaboom" },
    ]);
  } finally {
    runtime.uninstall();
    realWarn.mockRestore();
  }
});
