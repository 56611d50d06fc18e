// What a tampered page can and cannot change through the bridge server (real HTTP, real runtime and resolvers):
// in Forge the extension is client-side data, so a request may replace it, while the signed-in account is the
// server's and stays fixed for the page session. Plus the consent round trip the bridge plays for Forge.
import { kvs } from '@forge/kvs';
import { REPO_A, REPO_B, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await kvs.set(`gate:${REPO_B.replace(/[{}]/g, '')}:${h.world.secretPullRequest.id}`, {
    state: 'done',
    headHash: h.world.secretPullRequest.sourceCommit,
    passed: false,
    summary: 'TOP-SECRET verdict of repository B',
    reasons: ['TOP-SECRET verdict of repository B'],
  });
});
afterAll(() => h?.stop());

interface Session {
  invokeUrl: string;
  context: Record<string, unknown>;
}

/** Opens a page as a browser would; returns its invoke URL and the context its bridge script carries. */
async function openPage(url: string): Promise<Session> {
  const html = await (await fetch(url)).text();
  const match = /<script src="(\/__bridge\/[0-9a-f]{32})\/bridge\.js"><\/script>/.exec(html);
  if (!match) throw new Error(`no bridge script in page:\n${html}`);
  const script = await (await fetch(`${h.bridge.baseUrl}${match[1]}/bridge.js`)).text();
  const context = JSON.parse(/var context = (.*);\n/.exec(script)![1]!) as Record<string, unknown>;
  return { invokeUrl: `${h.bridge.baseUrl}${match[1]}/invoke`, context };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const panelUrl = (account: string, repository = REPO_A, pullRequest: number = 2) =>
  h.bridge.url('pr-panel', { repository, pullRequest, account });

describe('acting as different people', () => {
  test('a page opened for an account runs as that account, in the context and in the resolver', async () => {
    const reader = h.world.people.reader.accountId;
    const session = await openPage(h.bridge.url('repo-settings', { repository: REPO_A, account: reader }));
    expect(session.context.accountId).toBe(reader);
    const answer = await post(session.invokeUrl, { functionKey: 'getSettings' });
    expect(answer.body.value).toMatchObject({
      access: 'refused',
      message: expect.stringContaining('your permission on it is read'),
    });
  });

  test('the request cannot change the account: accountId in the body or the payload is ignored', async () => {
    const session = await openPage(
      h.bridge.url('repo-settings', { repository: REPO_A, account: h.world.people.reader.accountId }),
    );
    const owner = h.world.people.owner.accountId;
    const answer = await post(session.invokeUrl, {
      functionKey: 'getSettings',
      accountId: owner,
      payload: { accountId: owner },
    });
    expect(answer.body.value).toMatchObject({ access: 'refused', reason: 'forbidden' });
  });

  test('an account that is not an Atlassian account ID is a 400 naming it', async () => {
    const res = await fetch(
      h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: 1, account: '../admin' }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("query parameter 'account' is not an Atlassian account ID");
  });
});

describe('forging the extension', () => {
  test('a forged extension reaches the resolver, which still returns nothing of the other repository', async () => {
    const session = await openPage(panelUrl(h.world.people.reader.accountId));
    const forged = await post(session.invokeUrl, {
      functionKey: 'getPanelState',
      extension: { repository: { uuid: REPO_B }, pullRequest: { id: h.world.secretPullRequest.id } },
    });
    expect(forged.body).toEqual({
      ok: true,
      value: {
        access: 'refused',
        reason: 'forbidden',
        message: expect.stringContaining(`pull request #${h.world.secretPullRequest.id}`),
      },
    });
    expect(JSON.stringify(forged.body)).not.toContain('TOP-SECRET');
  });

  test('the same forged extension works for someone Bitbucket lets read repository B', async () => {
    // Proves the forged extension really is what the resolver used: the owner may read B and gets its verdict.
    const session = await openPage(panelUrl(h.world.people.owner.accountId));
    const forged = await post(session.invokeUrl, {
      functionKey: 'getPanelState',
      extension: { repository: { uuid: REPO_B }, pullRequest: { id: h.world.secretPullRequest.id } },
    });
    expect(forged.body.value).toMatchObject({
      status: { state: 'failed', failingConditions: ['TOP-SECRET verdict of repository B'] },
    });
  });

  test("the module type is not the page's to forge, and an extension must be an object", async () => {
    const session = await openPage(panelUrl(h.world.people.owner.accountId));
    const retyped = await post(session.invokeUrl, {
      functionKey: 'getPanelState',
      extension: {
        type: 'bitbucket:repoSettingsMenuPage',
        repository: { uuid: REPO_A },
        pullRequest: { id: 2 },
      },
    });
    expect(retyped.body).toMatchObject({
      ok: true,
      value: { status: { state: 'not-analysed', reason: 'never' } },
    });
    const text = await post(session.invokeUrl, { functionKey: 'getPanelState', extension: 'repo B please' });
    expect(text).toEqual({ status: 400, body: { ok: false, error: 'invoke: extension must be an object' } });
  });
});

describe('consent', () => {
  afterEach(() => h.runtime.setUserToken(h.world.people.newcomer.accountId, undefined));

  test('a resolver that lets NeedsAuthenticationError escape is answered with needsConsent; consenting lets the next call through', async () => {
    const session = await openPage(panelUrl(h.world.people.newcomer.accountId));
    const first = await post(session.invokeUrl, { functionKey: 'getPanelState' });
    expect(first.body.value).toMatchObject({ access: 'refused', reason: 'needs-consent' });
    const prompt = await post(session.invokeUrl, {
      functionKey: 'getPanelState',
      payload: { promptForConsent: true },
    });
    expect(prompt.body).toMatchObject({ ok: false, needsConsent: true });

    const consentUrl = session.invokeUrl.replace(/invoke$/, 'consent');
    expect((await post(consentUrl, {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await post(consentUrl, {})).toEqual({ status: 200, body: { ok: true } });
    expect((await post(session.invokeUrl, { functionKey: 'getPanelState' })).body).toMatchObject({
      ok: true,
      value: { status: { state: 'not-analysed', reason: 'never' } },
    });
  });
});
