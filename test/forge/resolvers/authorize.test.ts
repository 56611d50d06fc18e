// The access checks of src/forge/resolvers/authorize.ts, run inside real resolver invocations (fixture app
// test/fixtures/authorize-app) under the real @forge/api: each check asks the Bitbucket emulator as the invoking
// person, whose permissions the emulator enforces. Nothing is mocked.
import path from 'node:path';
import { extensions } from '../../../dev/forge-runtime';
import type { CheckPayload } from '../../fixtures/authorize-app/src/resolver';
import {
  SECRETS_UUID,
  WIDGETS_UUID,
  WORKSPACE_UUID,
  startAccessWorld,
  type AccessWorld,
  type Person,
} from '../../support/access-world';

let world: AccessWorld;
beforeAll(async () => {
  world = await startAccessWorld({ appRoot: path.resolve(__dirname, '../../fixtures/authorize-app') });
});
afterAll(() => world?.stop());
afterEach(() => world.emulator.faults.clear());

async function check(person: Person, payload: CheckPayload) {
  const result = await world.runtime.invokeResolver(
    'checks',
    { functionKey: 'check', payload },
    // The extension is irrelevant to the checks: they take only what the payload claims.
    { accountId: world.people[person].accountId, extension: extensions.repoSettings(WIDGETS_UUID) },
  );
  if (!result.ok) throw new Error(`the check failed: ${result.error}`);
  return result.value;
}

const refused = (reason: string, message: RegExp | string) => ({
  access: 'refused',
  reason,
  message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
});

describe('requireRepositoryAdmin', () => {
  test('grants admins and workspace owners, naming the repository as Bitbucket spells it', async () => {
    const shouted = WIDGETS_UUID.toUpperCase().replace(/[{}]/g, '');
    expect(await check('admin', { check: 'repositoryAdmin', repositoryUuid: shouted })).toEqual({
      access: 'granted',
      value: { repositoryUuid: WIDGETS_UUID, permission: 'admin' },
    });
    expect(await check('owner', { check: 'repositoryAdmin', repositoryUuid: SECRETS_UUID })).toEqual({
      access: 'granted',
      value: { repositoryUuid: SECRETS_UUID, permission: 'admin' },
    });
  });

  test('refuses writers, readers and people without a permission, saying what they have', async () => {
    expect(await check('writer', { check: 'repositoryAdmin', repositoryUuid: WIDGETS_UUID })).toEqual(
      refused('forbidden', 'Only repository admins can show this repository'),
    );
    expect(await check('writer', { check: 'repositoryAdmin', repositoryUuid: WIDGETS_UUID })).toEqual(
      refused('forbidden', 'your permission on it is write'),
    );
    expect(await check('reader', { check: 'repositoryAdmin', repositoryUuid: WIDGETS_UUID })).toEqual(
      refused('forbidden', 'your permission on it is read'),
    );
    expect(await check('admin', { check: 'repositoryAdmin', repositoryUuid: SECRETS_UUID })).toEqual(
      refused('forbidden', 'you have no permission on it'),
    );
    expect(await check('outsider', { check: 'repositoryAdmin', repositoryUuid: WIDGETS_UUID })).toEqual(
      refused('forbidden', 'you have no permission on it'),
    );
  });

  test("asks Bitbucket as the caller, with the installation's workspace", async () => {
    const before = world.runtime.bitbucketRequests.length;
    await check('reader', { check: 'repositoryAdmin', repositoryUuid: WIDGETS_UUID });
    const asked = world.runtime.bitbucketRequests.slice(before);
    expect(asked).toEqual([
      expect.objectContaining({
        provider: 'user',
        accountId: world.people.reader.accountId,
        method: 'GET',
        status: 200,
        path: expect.stringMatching(
          /^\/2\.0\/user\/workspaces\/\{4c16a397-[^/]+\}\/permissions\/repositories\?q=/,
        ),
      }),
    ]);
    expect(decodeURIComponent(asked[0]!.path)).toContain(`repository.uuid="${WIDGETS_UUID}"`);
  });
});

describe('requireRepositoryWriter', () => {
  test('grants writers and admins, refuses readers', async () => {
    expect(await check('writer', { check: 'repositoryWriter', repositoryUuid: WIDGETS_UUID })).toMatchObject({
      access: 'granted',
      value: { permission: 'write' },
    });
    expect(await check('admin', { check: 'repositoryWriter', repositoryUuid: WIDGETS_UUID })).toMatchObject({
      access: 'granted',
      value: { permission: 'admin' },
    });
    expect(await check('reader', { check: 'repositoryWriter', repositoryUuid: WIDGETS_UUID })).toEqual(
      refused(
        'forbidden',
        'Only people who can write to this repository can do this; your permission on it is read',
      ),
    );
  });
});

describe('requirePullRequestReader', () => {
  test('grants whoever Bitbucket shows the pull request to', async () => {
    expect(
      await check('reader', { check: 'pullRequestReader', repositoryUuid: WIDGETS_UUID, pullRequestId: 3 }),
    ).toEqual({
      access: 'granted',
      value: {
        repositoryUuid: WIDGETS_UUID,
        pullRequestId: 3,
        // What Bitbucket answered, as the reader: the panel shows it without asking again.
        pullRequest: expect.objectContaining({
          state: 'OPEN',
          sourceBranch: 'feature',
          destinationBranch: 'main',
          sourceHash: expect.stringMatching(/^[0-9a-f]{12,40}$/),
          htmlUrl: 'https://bitbucket.org/acme/widgets/pull-requests/3',
        }),
      },
    });
  });

  test('refuses a private repository the caller cannot read, and a pull request that does not exist', async () => {
    const secret = world.secretPullRequest.id;
    expect(
      await check('reader', {
        check: 'pullRequestReader',
        repositoryUuid: SECRETS_UUID,
        pullRequestId: secret,
      }),
    ).toEqual(
      refused(
        'forbidden',
        `Bitbucket does not show you pull request #${secret} of this repository (HTTP 404)`,
      ),
    );
    expect(
      await check('outsider', { check: 'pullRequestReader', repositoryUuid: WIDGETS_UUID, pullRequestId: 1 }),
    ).toEqual(refused('forbidden', 'it does not exist or you have no access to it'));
    expect(
      await check('reader', {
        check: 'pullRequestReader',
        repositoryUuid: WIDGETS_UUID,
        pullRequestId: 4242,
      }),
    ).toEqual(refused('forbidden', 'pull request #4242'));
  });
});

describe('requireWorkspaceAdmin', () => {
  test('grants the workspace owner only', async () => {
    expect(await check('owner', { check: 'workspaceAdmin' })).toEqual({
      access: 'granted',
      value: { workspaceUuid: WORKSPACE_UUID, role: 'owner' },
    });
    expect(await check('admin', { check: 'workspaceAdmin' })).toEqual(
      refused('forbidden', 'Only workspace admins can show the workspace'),
    );
    expect(await check('admin', { check: 'workspaceAdmin' })).toEqual(
      refused('forbidden', 'your role is member'),
    );
    expect(await check('outsider', { check: 'workspaceAdmin' })).toEqual(
      refused('forbidden', 'you are not a member of this workspace'),
    );
  });
});

describe('first use: no consent yet', () => {
  test('every check answers needs-consent instead of throwing', async () => {
    const consent = refused(
      'needs-consent',
      /^Lintel needs your permission to read this (repository|workspace) as you/,
    );
    expect(await check('newcomer', { check: 'repositoryAdmin', repositoryUuid: WIDGETS_UUID })).toEqual(
      consent,
    );
    expect(await check('newcomer', { check: 'repositoryWriter', repositoryUuid: WIDGETS_UUID })).toEqual(
      consent,
    );
    expect(
      await check('newcomer', { check: 'pullRequestReader', repositoryUuid: WIDGETS_UUID, pullRequestId: 1 }),
    ).toEqual(consent);
    expect(await check('newcomer', { check: 'workspaceAdmin' })).toEqual(consent);
  });

  test("with promptForConsent the SDK's NeedsAuthenticationError escapes, so Forge can show its prompt", async () => {
    const result = await world.runtime.invokeResolver(
      'checks',
      {
        functionKey: 'check',
        payload: { check: 'repositoryAdmin', repositoryUuid: WIDGETS_UUID, promptForConsent: true },
      },
      { accountId: world.people.newcomer.accountId, extension: extensions.repoSettings(WIDGETS_UUID) },
    );
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('NEEDS_AUTHENTICATION_ERR') });
  });
});

describe('when Bitbucket cannot answer', () => {
  test('a 500 or a 429 is "unverified", never a grant', async () => {
    world.emulator.faults.inject({ path: /\/permissions\/repositories$/, status: 500, times: 1 });
    expect(await check('admin', { check: 'repositoryAdmin', repositoryUuid: WIDGETS_UUID })).toEqual(
      refused('unverified', 'Bitbucket answered HTTP 500'),
    );
    world.emulator.faults.inject({ path: /\/pullrequests\/2$/, status: 429, times: 1 });
    expect(
      await check('reader', { check: 'pullRequestReader', repositoryUuid: WIDGETS_UUID, pullRequestId: 2 }),
    ).toEqual(refused('unverified', 'Try again in a minute'));
  });
});

test("every request the checks made is one Bitbucket's OpenAPI document allows", () => {
  expect(world.emulator.violations).toEqual([]);
});
