// Invocation budgets, remaining time, merge checks, resolvers (with asUser) and @forge/llm routing.
import type { ForgeRuntime, LlmChatRequest } from '../../../dev/forge-runtime';
import { extensions } from '../../../dev/forge-runtime/contexts';
import { mergeCheckEvent } from '../../../dev/forge-runtime/events';
import type { DeliveryRecord } from '../../fixtures/forge-app/src/consumer';
import { WORKSPACE_ID, fixtureRuntime, startStubBitbucket, type StubBitbucket } from './helpers';

const REPO = '{15a31549-1cff-45dc-9d0d-310114c5038b}';
let runtime: ForgeRuntime;
afterEach(() => runtime.uninstall());

describe('budgets', () => {
  // budgetScale 0.01: the 25 s trigger/function budget becomes 250 ms, a 55 s consumer 550 ms.
  beforeEach(() => {
    runtime = fixtureRuntime('http://127.0.0.1:9', { budgetScale: 0.01, delayMsPerSecond: 1 });
    runtime.install();
  });

  test('a function over its budget fails with FUNCTION_TIME_OUT', async () => {
    const result = await runtime.invokeFunction('slow', { ms: 2_000 });
    expect(result).toEqual({
      ok: false,
      functionKey: 'slow',
      error: "FUNCTION_TIME_OUT: function 'slow' (function) exceeded its 25 s budget",
    });
    expect(runtime.logs.at(-1)).toMatchObject({ functionKey: 'slow', level: 'error' });
  });

  test('app code reads its remaining time through getAppContext().invocationRemainingTimeInMillis()', async () => {
    const result = await runtime.invokeFunction('slow', { ms: 0 });
    const remaining = (result.value as { remainingAtStart: number }).remainingAtStart;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(250);
  });

  test('a consumer gets its own timeoutSeconds; one that times out is retried with FUNCTION_TIME_OUT', async () => {
    // long-work has timeoutSeconds 120 (1.2 s here): 600 ms fits. short-work has the 55 s default (550 ms): it does not.
    await runtime.invokeFunction('push-probe', {
      queue: 'fixture-long',
      events: [{ body: { id: 'fits', mode: 'sleep', ms: 600 } }],
    });
    await runtime.idle();
    expect((runtime.kvs.get('deliveries:fits') as DeliveryRecord[]).map((d) => d.retryCount)).toEqual([0]);

    await runtime.invokeFunction('push-probe', {
      queue: 'fixture-short',
      events: [{ body: { id: 'slowpoke', mode: 'sleep-once', ms: 600 } }],
    });
    await runtime.idle();
    const records = runtime.kvs.get('deliveries:slowpoke') as DeliveryRecord[];
    expect(records.map((r) => [r.retryCount, r.retryReason])).toEqual([
      [0, undefined],
      [1, 'FUNCTION_TIME_OUT'],
    ]);
  });
});

describe('merge checks', () => {
  beforeEach(() => {
    runtime = fixtureRuntime('http://127.0.0.1:9');
    runtime.install();
  });
  const onMerge = mergeCheckEvent('on-merge', {
    workspace: { uuid: WORKSPACE_ID },
    repository: { uuid: REPO },
    pullRequest: 7,
  });

  test('the check reads the stored gate and returns { success, message }', async () => {
    await runtime.invokeFunction('kvs-probe', {
      steps: [{ op: 'set', key: 'gate:15a31549-1cff-45dc-9d0d-310114c5038b:7', value: { passed: false } }],
    });
    expect(await runtime.invokeMergeCheck('gate', onMerge)).toEqual({
      ok: true,
      functionKey: 'merge-check',
      value: { success: false, message: 'Quality gate failed' },
    });
  });

  test('a check that returns the wrong shape, an unknown check or an unsubscribed trigger are clear errors', async () => {
    await runtime.invokeFunction('kvs-probe', {
      steps: [{ op: 'set', key: 'gate:15a31549-1cff-45dc-9d0d-310114c5038b:7', value: 'bad-shape' }],
    });
    expect((await runtime.invokeMergeCheck('gate', onMerge)).error).toMatch(
      /must return \{ success: boolean, message\? \}/,
    );
    expect((await runtime.invokeMergeCheck('nope', onMerge)).error).toBe(
      "No bitbucket:mergeCheck module 'nope' in manifest.yml",
    );
    const pushed = mergeCheckEvent('on-code-pushed', {
      workspace: { uuid: WORKSPACE_ID },
      repository: { uuid: REPO },
      pullRequest: 7,
    });
    expect((await runtime.invokeMergeCheck('gate', pushed)).error).toMatch(
      /not subscribed to trigger 'on-code-pushed'/,
    );
  });
});

describe('resolvers', () => {
  let bitbucket: StubBitbucket;
  beforeAll(async () => {
    bitbucket = await startStubBitbucket();
  });
  afterAll(() => bitbucket.close());
  beforeEach(() => {
    runtime = fixtureRuntime(bitbucket.baseUrl, { userTokens: { 'user-1': 'user-token-1' } });
    runtime.install();
  });

  test('the resolver gets payload, accountId, installContext and the module extension', async () => {
    const result = await runtime.invokeResolver(
      'repo-settings',
      { functionKey: 'whoami', payload: { level: 'repo' } },
      { accountId: 'user-1', extension: extensions.repoSettings(REPO) },
    );
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({
      payload: { level: 'repo' },
      context: {
        accountId: 'user-1',
        installContext: 'ari:cloud:bitbucket::workspace/4c16a397-8e48-479c-8ca2-442e46c90570',
        workspaceId: WORKSPACE_ID,
        extension: { type: 'bitbucket:repoSettingsMenuPage', repository: { uuid: REPO } },
      },
    });
  });

  test("asUser() in a resolver calls Bitbucket with that user's token; a user without one gets NeedsAuthenticationError", async () => {
    const ok = await runtime.invokeResolver(
      'repo-settings',
      { functionKey: 'userRequest' },
      { accountId: 'user-1', extension: {} },
    );
    expect(ok.value).toMatchObject({
      status: 200,
      body: { echo: { url: '/2.0/user', authorization: 'Bearer user-token-1' } },
    });
    const denied = await runtime.invokeResolver(
      'repo-settings',
      { functionKey: 'userRequest' },
      { accountId: 'user-2', extension: {} },
    );
    expect(denied.value).toMatchObject({ error: { name: 'NeedsAuthenticationError' } });
  });

  test('an unknown resolver function or module is a clear error', async () => {
    const r = await runtime.invokeResolver(
      'repo-settings',
      { functionKey: 'nope' },
      { accountId: 'user-1', extension: {} },
    );
    expect(r.error).toMatch(/Resolver has no definition for 'nope'/);
    const m = await runtime.invokeResolver(
      'no-such-page',
      { functionKey: 'whoami' },
      { accountId: 'user-1', extension: {} },
    );
    expect(m.error).toBe("No UI module 'no-such-page' in manifest.yml");
  });
});

describe('@forge/llm', () => {
  test('chat() is answered by the scripted stand-in (the one mock: no local LLM exists)', async () => {
    const seen: LlmChatRequest[] = [];
    runtime = fixtureRuntime('http://127.0.0.1:9', {
      llm: async (request) => {
        seen.push(request);
        return {
          choices: [{ finish_reason: 'stop', message: { role: 'assistant', content: 'Looks fine.' } }],
        };
      },
    });
    runtime.install();
    const chat = await runtime.invokeFunction('llm-probe', { mode: 'chat' });
    expect(chat.value).toEqual({
      choices: [{ finish_reason: 'stop', message: { role: 'assistant', content: 'Looks fine.' } }],
    });
    expect(seen[0]).toMatchObject({
      model: 'claude-haiku-4-5-20251001',
      stream: false,
      messages: [{ role: 'user', content: 'Summarise' }],
    });
    const listed = await runtime.invokeFunction('llm-probe', { mode: 'list' });
    expect(listed.value).toMatchObject({
      models: expect.arrayContaining([{ model: 'claude-haiku-4-5-20251001', status: 'active' }]),
    });
    const streamed = await runtime.invokeFunction('llm-probe', { mode: 'stream' });
    expect(streamed.value).toEqual({
      chunks: [
        { choices: [{ finish_reason: 'stop', message: { role: 'assistant', content: 'Looks fine.' } }] },
      ],
    });
  });

  test('without a stand-in, chat() raises ForgeLlmAPIError and list() reports no models', async () => {
    runtime = fixtureRuntime('http://127.0.0.1:9');
    runtime.install();
    expect((await runtime.invokeFunction('llm-probe', { mode: 'chat' })).value).toEqual({
      error: expect.objectContaining({ name: 'ForgeLlmAPIError', code: 'MODEL_UNAVAILABLE', status: 503 }),
    });
    expect((await runtime.invokeFunction('llm-probe', { mode: 'list' })).value).toEqual({ models: [] });
  });
});
