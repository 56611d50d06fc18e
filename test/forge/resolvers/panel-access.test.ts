// The PR panel's resolver (getPanelState in src/forge/resolver.ts) as Forge runs it, with contexts a tampered
// page can send: the extension names the pull request, but only a caller Bitbucket lets read it (asked as the
// caller, emulator enforcing private repositories) gets anything of its stored verdict.
import { kvs } from '@forge/kvs';
import { extensions } from '../../../dev/forge-runtime';
import {
  SECRETS_UUID,
  WIDGETS_UUID,
  startAccessWorld,
  type AccessWorld,
  type Person,
} from '../../support/access-world';

const SECRET_VERDICT = {
  state: 'done',
  passed: false,
  summary: 'TOP-SECRET summary of the secrets repository',
  reasons: ['Possible secret in deploy/prod.env'],
  findings: [
    { severity: 'CRITICAL', ruleId: 'hard-coded-secret', path: 'deploy/prod.env', line: 1, message: 'x' },
  ],
};
const WIDGETS_VERDICT = { state: 'done', headHash: '', passed: true, summary: 'Lintel quality gate passed.' };
/** What the reader's panel shows of it: the view model (src/panel/panel-view.ts) of a passed gate. */
const WIDGETS_SHOWN = expect.objectContaining({
  version: 1,
  pullRequest: expect.objectContaining({ id: 2, state: 'OPEN' }),
  status: expect.objectContaining({ state: 'passed', failingConditions: [] }),
});

let world: AccessWorld;
beforeAll(async () => {
  world = await startAccessWorld();
  // The verdict is for the pull request's head, as the consumer stores it.
  WIDGETS_VERDICT.headHash = world.emulator.state.pullRequest('acme', 'widgets', 2)!.sourceCommit;
  await kvs.set(`gate:${SECRETS_UUID.replace(/[{}]/g, '')}:${world.secretPullRequest.id}`, SECRET_VERDICT);
  await kvs.set(`gate:${WIDGETS_UUID.replace(/[{}]/g, '')}:2`, WIDGETS_VERDICT);
  // A verdict under a pull-request id that does not exist in widgets: a forged id must not reach it either.
  await kvs.set(`gate:${WIDGETS_UUID.replace(/[{}]/g, '')}:4242`, SECRET_VERDICT);
});
afterAll(() => world?.stop());

function panel(person: Person, extension: object, payload?: object) {
  return world.runtime.invokeResolver(
    'pr-panel',
    { functionKey: 'getPanelState', ...(payload ? { payload } : {}) },
    { accountId: world.people[person].accountId, extension },
  );
}

test('a reader of the repository sees the verdict of its pull request', async () => {
  expect(await panel('reader', extensions.pullRequestPanel(WIDGETS_UUID, 2))).toEqual({
    ok: true,
    functionKey: 'ui-resolver',
    value: WIDGETS_SHOWN,
  });
});

test("a panel whose extension names another repository's pull request gets nothing of it", async () => {
  const forged = extensions.pullRequestPanel(SECRETS_UUID, world.secretPullRequest.id);
  const answer = await panel('reader', forged);
  expect(answer.value).toEqual({
    access: 'refused',
    reason: 'forbidden',
    message: expect.stringContaining(
      `Bitbucket does not show you pull request #${world.secretPullRequest.id}`,
    ),
  });
  expect(JSON.stringify(answer)).not.toMatch(/TOP-SECRET|prod\.env/);
});

test('a forged pull-request id in a readable repository gets nothing either', async () => {
  const answer = await panel('reader', extensions.pullRequestPanel(WIDGETS_UUID, 4242));
  expect(answer.value).toMatchObject({ access: 'refused', reason: 'forbidden' });
  expect(JSON.stringify(answer)).not.toMatch(/TOP-SECRET|prod\.env/);
});

test('a workspace member without access to the private repository is refused', async () => {
  const answer = await panel('outsider', extensions.pullRequestPanel(WIDGETS_UUID, 2));
  expect(answer.value).toMatchObject({ access: 'refused', reason: 'forbidden' });
  expect(JSON.stringify(answer)).not.toContain('quality gate passed');
});

test('the payload cannot stand in for the extension', async () => {
  const answer = await panel('reader', extensions.pullRequestPanel(WIDGETS_UUID, 2), {
    repository: { uuid: SECRETS_UUID },
    pullRequest: { id: world.secretPullRequest.id },
    extension: { repository: { uuid: SECRETS_UUID } },
  });
  expect(answer.value).toEqual(WIDGETS_SHOWN);
});

test('the access check is made as the caller, at the installation workspace, never as the app', async () => {
  const before = world.runtime.bitbucketRequests.length;
  await panel('reader', extensions.pullRequestPanel(SECRETS_UUID, world.secretPullRequest.id));
  expect(world.runtime.bitbucketRequests.slice(before)).toEqual([
    expect.objectContaining({
      provider: 'user',
      accountId: world.people.reader.accountId,
      path: `/2.0/repositories/{4c16a397-8e48-479c-8ca2-442e46c90570}/${SECRETS_UUID}/pullrequests/${world.secretPullRequest.id}`,
      status: 404,
    }),
  ]);
});

describe('first use, before the person has allowed Lintel to act as them', () => {
  test('the panel answers needs-consent with a message for the page, nothing of the verdict', async () => {
    const answer = await panel('newcomer', extensions.pullRequestPanel(WIDGETS_UUID, 2));
    expect(answer.value).toEqual({
      access: 'refused',
      reason: 'needs-consent',
      message: expect.stringMatching(/^Lintel needs your permission to read this repository as you/),
    });
  });

  test('"Allow access" lets NeedsAuthenticationError reach Forge; once consent is given the verdict shows', async () => {
    const prompt = await panel('newcomer', extensions.pullRequestPanel(WIDGETS_UUID, 2), {
      promptForConsent: true,
    });
    expect(prompt).toMatchObject({ ok: false, error: expect.stringContaining('NEEDS_AUTHENTICATION_ERR') });

    const { accountId } = world.people.newcomer;
    world.runtime.setUserToken(accountId, world.tokenOf(accountId));
    try {
      expect((await panel('newcomer', extensions.pullRequestPanel(WIDGETS_UUID, 2))).value).toEqual(
        WIDGETS_SHOWN,
      );
    } finally {
      world.runtime.setUserToken(accountId, undefined);
    }
  });
});

test('malformed contexts are still refused with a reason before anything is asked', async () => {
  const before = world.runtime.bitbucketRequests.length;
  const answer = await panel('reader', { repository: { uuid: WIDGETS_UUID }, pullRequest: { id: -1 } });
  expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('has no valid pullRequest.id') });
  expect(world.runtime.bitbucketRequests.length).toBe(before);
});

test("every request the resolver made is one Bitbucket's OpenAPI document allows", () => {
  expect(world.emulator.violations).toEqual([]);
});
