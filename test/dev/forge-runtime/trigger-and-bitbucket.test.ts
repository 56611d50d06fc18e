// Triggers, contexts and the Bitbucket proxy, with the fixture app's handlers running under the real
// @forge/api, @forge/kvs and @forge/events. Bitbucket is a tiny HTTP server on 127.0.0.1.
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import { pullRequestEvent } from '../../../dev/forge-runtime/events';
import { APP_TOKEN, WORKSPACE_ID, fixtureRuntime, startStubBitbucket, type StubBitbucket } from './helpers';

const REPO = '{15a31549-1cff-45dc-9d0d-310114c5038b}';
const FULL_SOURCE = 'cc2758d231fc0123456789abcdef0123456789ab';
const FULL_DEST = 'a37e0ad81173fedcba9876543210fedcba987654';

let bitbucket: StubBitbucket;
let runtime: ForgeRuntime;

beforeAll(async () => {
  bitbucket = await startStubBitbucket();
  runtime = fixtureRuntime(bitbucket.baseUrl);
  runtime.install();
});
afterAll(async () => {
  runtime.uninstall();
  await bitbucket.close();
});

function createdEvent(selfGenerated = false): Record<string, unknown> {
  return pullRequestEvent('created', {
    workspace: { uuid: WORKSPACE_ID },
    repository: { uuid: REPO, slug: 'payments' },
    pullRequest: {
      id: 3,
      title: 'Add retries',
      sourceBranch: 'feature',
      destinationBranch: 'main',
      sourceCommit: FULL_SOURCE,
      destinationCommit: FULL_DEST,
    },
    selfGenerated,
  });
}

test('a product event runs the subscribed trigger, which reads Bitbucket as the app and queues work', async () => {
  const [result, ...rest] = await runtime.fireProductEvent(createdEvent());
  expect(rest).toHaveLength(0);
  expect(result).toMatchObject({ ok: true, functionKey: 'on-pr' });
  const value = result?.value as { status: number; jobId: string; context: Record<string, unknown> };
  expect(value.status).toBe(200);
  expect(value.context).toMatchObject({
    installContext: 'ari:cloud:bitbucket::workspace/4c16a397-8e48-479c-8ca2-442e46c90570',
    workspaceId: WORKSPACE_ID,
  });
  const seen = bitbucket.requests.find((r) => r.url.includes('/pullrequests/3'));
  expect(seen).toMatchObject({ method: 'GET', authorization: `Bearer ${APP_TOKEN}` });
  // WHATWG fetch percent-encodes the braces of UUID path segments on the wire, as Bitbucket clients do.
  expect(seen?.url).toBe(
    `/2.0/repositories/%7B4c16a397-8e48-479c-8ca2-442e46c90570%7D/%7B15a31549-1cff-45dc-9d0d-310114c5038b%7D/pullrequests/3`,
  );
  expect(runtime.kvs.get('seen:15a31549-1cff-45dc-9d0d-310114c5038b:3')).toEqual({ hash: 'cc2758d231fc' });

  await runtime.idle();
  expect(runtime.queuePushes).toEqual([
    { queue: 'fixture-long', events: [{ body: { id: 'pr3', mode: 'ok' } }] },
  ]);
  expect(runtime.invocations.map((i) => [i.functionKey, i.moduleKind, i.ok])).toEqual([
    ['on-pr', 'trigger', true],
    ['long-work', 'consumer', true],
  ]);
  expect(runtime.kvs.get('deliveries:pr3')).toEqual([{ retryCount: 0, functionKey: 'fixture-long' }]);
});

test('object-form trigger subscriptions route too, and fulfilled events carry MERGED and a short merge hash', async () => {
  const event = pullRequestEvent('fulfilled', {
    workspace: { uuid: WORKSPACE_ID },
    repository: { uuid: REPO },
    pullRequest: {
      id: 3,
      sourceBranch: 'feature',
      destinationBranch: 'main',
      sourceCommit: FULL_SOURCE,
      destinationCommit: FULL_DEST,
      mergeCommitHash: FULL_DEST,
    },
  });
  const results = await runtime.fireProductEvent(event);
  expect(results).toEqual([
    {
      ok: true,
      functionKey: 'on-pr-closed',
      value: { state: 'MERGED', mergeCommit: { hash: 'a37e0ad81173' } },
    },
  ]);
});

test('POST bodies, methods and headers reach Bitbucket intact; the app token replaces any caller token', async () => {
  const result = await runtime.invokeFunction('bb-probe', {
    method: 'POST',
    path: '/2.0/things?q=a%20b',
    body: '{"content":{"raw":"hi"}}',
  });
  expect(result.ok).toBe(true);
  const value = result.value as {
    status: number;
    body: { echo: { method: string; url: string; body: string; contentType: string } };
  };
  expect(value.status).toBe(201);
  expect(value.body.echo).toMatchObject({
    method: 'POST',
    url: '/2.0/things?q=a%20b',
    body: '{"content":{"raw":"hi"}}',
    contentType: 'application/json',
  });
  expect(runtime.bitbucketRequests.at(-1)).toMatchObject({
    provider: 'app',
    method: 'POST',
    path: '/2.0/things?q=a%20b',
    status: 201,
    functionKey: 'bb-probe',
  });
});

test('a 302 from Bitbucket is passed through with its Location header, not followed', async () => {
  const before = bitbucket.requests.length;
  const result = await runtime.invokeFunction('bb-probe', { path: '/2.0/redirect' });
  expect(result.value).toEqual({ status: 302, location: `${bitbucket.baseUrl}/2.0/target`, body: null });
  expect(bitbucket.requests.slice(before).map((r) => r.url)).toEqual(['/2.0/redirect']);
});

test('asUser() outside a resolver raises the SDK NeedsAuthenticationError', async () => {
  const result = await runtime.invokeFunction('bb-probe', { path: '/2.0/user', user: true });
  expect(result.value).toMatchObject({ error: { name: 'NeedsAuthenticationError' } });
});

test('self-generated events reach the handler, which can skip them', async () => {
  const [result] = await runtime.fireProductEvent(createdEvent(true));
  expect(result).toEqual({ ok: true, functionKey: 'on-pr', value: { skipped: true } });
});

describe('bad input gives a clear, logged error and never an unhandled rejection', () => {
  test('an event type no trigger subscribes to', async () => {
    const results = await runtime.fireProductEvent({
      eventType: 'avi:bitbucket:created:pullrequest-comment',
    });
    expect(results).toEqual([
      {
        ok: false,
        functionKey: '',
        error:
          "No trigger in manifest.yml subscribes to event type 'avi:bitbucket:created:pullrequest-comment'",
      },
    ]);
    expect(runtime.logs.at(-1)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('pullrequest-comment'),
    });
  });

  test('an event without eventType', async () => {
    const [result] = await runtime.fireProductEvent({ foo: 1 });
    expect(result?.error).toMatch(/no string eventType/);
  });

  test('an unknown function key', async () => {
    const result = await runtime.invokeFunction('nope', {});
    expect(result).toMatchObject({ ok: false, functionKey: 'nope' });
    expect(result.error).toMatch(/Unknown function key 'nope'/);
    expect(runtime.logs.at(-1)).toMatchObject({ functionKey: 'nope', level: 'error' });
  });

  test('a handler whose export does not exist', async () => {
    const result = await runtime.invokeFunction('missing-export', {});
    expect(result.error).toMatch(/probes\.ts has no exported function 'doesNotExist'/);
  });

  test('a handler that throws', async () => {
    const result = await runtime.invokeFunction('boom', {});
    expect(result).toEqual({
      ok: false,
      functionKey: 'boom',
      error: "Function 'boom' failed: TypeError: kaboom",
    });
    expect(runtime.invocations.at(-1)).toMatchObject({
      functionKey: 'boom',
      moduleKind: 'function',
      ok: false,
    });
  });
});
