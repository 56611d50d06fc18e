// The bridge server over real HTTP on 127.0.0.1 (Node's fetch), with the real runtime and resolvers behind it.
import { kvs } from '@forge/kvs';
import {
  ACCOUNT_ID,
  REPO_A,
  REPO_B,
  WORKSPACE_UUID,
  assertPagesBuilt,
  startHarness,
  type Harness,
} from './harness';

let h: Harness;

beforeAll(async () => {
  assertPagesBuilt();
  h = await startHarness();
});
afterAll(() => h?.stop());

/** Opens a page the way a browser would and returns the session's invoke URL from the injected script. */
async function openSession(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const html = await res.text();
  const match = /<script src="(\/__bridge\/[0-9a-f]{32})\/bridge\.js"><\/script>/.exec(html);
  if (!match) throw new Error(`no bridge script in page:\n${html}`);
  return `${h.bridge.baseUrl}${match[1]}/invoke`;
}

async function invoke(invokeUrl: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(invokeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: string } };
}

test('the page carries the bridge script before the app bundle and a strict CSP', async () => {
  const res = await fetch(h.bridge.url('repo-settings', { repository: REPO_A }));
  const html = await res.text();
  expect(html.indexOf('/bridge.js')).toBeGreaterThan(-1);
  expect(html.indexOf('/bridge.js')).toBeLessThan(html.indexOf('./assets/'));
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
});

test('the injected bridge reports a Bitbucket-like context built on the server', async () => {
  const invokeUrl = await openSession(h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: 7 }));
  const script = await (await fetch(invokeUrl.replace(/invoke$/, 'bridge.js'))).text();
  const context = JSON.parse(/var context = (.*);\n/.exec(script)![1]!) as Record<string, unknown>;
  expect(context).toMatchObject({
    accountId: ACCOUNT_ID,
    workspaceId: WORKSPACE_UUID,
    moduleKey: 'pr-panel',
    environmentType: 'DEVELOPMENT',
    extension: {
      type: 'bitbucket:repoPullRequestOverviewPanel',
      repository: { uuid: REPO_A },
      pullRequest: { id: 7 },
    },
  });
  expect(context.localId).toMatch(/^ari:cloud:ecosystem::extension\/.+\/static\/pr-panel$/);
});

test('a bad page request is answered with what was wrong', async () => {
  const missing = await fetch(h.bridge.url('repo-settings'));
  expect(missing.status).toBe(400);
  expect(await missing.text()).toContain("missing query parameter 'repository'");

  const badPr = await fetch(h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: 'seven' }));
  expect(badPr.status).toBe(400);
  expect(await badPr.text()).toContain("'pullRequest' is not a positive integer");

  const unknown = await fetch(`${h.bridge.baseUrl}/modules/no-such-module/`);
  expect(unknown.status).toBe(404);
  expect(await unknown.text()).toContain("no Custom UI module 'no-such-module'");

  const escape = await fetch(`${h.bridge.baseUrl}/modules/pr-panel/..%2f..%2f..%2fpackage.json`);
  expect(escape.status).toBe(404);
});

test('the payload cannot name another repository: identity comes from the page session', async () => {
  await kvs.set(`settings:repo:${REPO_B.replace(/[{}]/g, '')}`, { statusChecks: false, secretOfB: true });
  const invokeUrl = await openSession(h.bridge.url('repo-settings', { repository: REPO_A }));
  const answer = await invoke(invokeUrl, {
    functionKey: 'getSettings',
    payload: {
      repository: { uuid: REPO_B },
      extension: { repository: { uuid: REPO_B } },
      accountId: 'attacker',
    },
  });
  // Repository A's page, with nothing stored for A: B's stored settings appear nowhere in the answer.
  expect(answer.body).toMatchObject({
    ok: true,
    value: { level: 'repository', overrides: {}, effective: { statusChecks: true } },
  });
  expect(JSON.stringify(answer.body)).not.toContain('secretOfB');
});

test('unknown and prototype function keys get a clear error, not the request echoed back', async () => {
  const invokeUrl = await openSession(h.bridge.url('repo-settings', { repository: REPO_A }));
  for (const functionKey of ['deleteEverything', 'constructor', 'toString', '__proto__']) {
    const answer = await invoke(invokeUrl, { functionKey });
    expect(answer.body.ok).toBe(false);
    expect(answer.body.error).toContain(`Lintel has no resolver function '${functionKey}'`);
    expect(JSON.stringify(answer.body)).not.toContain(ACCOUNT_ID);
  }
});

test('a resolver called from the wrong kind of page explains itself', async () => {
  const invokeUrl = await openSession(h.bridge.url('repo-settings', { repository: REPO_A }));
  const answer = await invoke(invokeUrl, { functionKey: 'getPanelState' });
  expect(answer.body.ok).toBe(false);
  expect(answer.body.error).toContain('only available in the pull-request panel');
});

test('malformed invoke requests are refused with a reason', async () => {
  const invokeUrl = await openSession(h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: 3 }));
  expect(await invoke(invokeUrl, '{not json')).toEqual({
    status: 400,
    body: { ok: false, error: 'invoke request body is not JSON' },
  });
  expect((await invoke(invokeUrl, { functionKey: 42 })).body.error).toBe(
    'invoke: functionKey must be a string',
  );
  const notObject = await invoke(invokeUrl, { functionKey: 'getPanelState', payload: 'text' });
  expect(notObject.body.error).toContain('payload');
  const tooBig = await invoke(invokeUrl, {
    functionKey: 'getPanelState',
    payload: { blob: 'x'.repeat(600 * 1024) },
  });
  expect(tooBig.status).toBe(413);
  const foreign = await invoke(
    invokeUrl,
    { functionKey: 'getPanelState' },
    { origin: 'http://evil.example' },
  );
  expect(foreign.status).toBe(403);
  const stale = await invoke(`${h.bridge.baseUrl}/__bridge/${'0'.repeat(32)}/invoke`, {
    functionKey: 'getPanelState',
  });
  expect(stale).toEqual({
    status: 404,
    body: { ok: false, error: 'unknown bridge session: reload the page' },
  });
});
