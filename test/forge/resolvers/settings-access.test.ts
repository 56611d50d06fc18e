// The settings pages' resolver (getSettings in src/forge/resolver.ts): a repository's settings only for its
// admins, the workspace's only for workspace admins, whatever repository or workspace the page's extension names.
import { kvs } from '@forge/kvs';
import { extensions } from '../../../dev/forge-runtime';
import {
  SECRETS_UUID,
  WIDGETS_UUID,
  WORKSPACE_UUID,
  startAccessWorld,
  type AccessWorld,
  type Person,
} from '../../support/access-world';

const bare = (uuid: string) => uuid.replace(/[{}]/g, '');
const WIDGETS_SETTINGS = { statusChecks: false, annotations: true, summaries: true, aiComments: false };
const SECRETS_SETTINGS = {
  statusChecks: true,
  annotations: false,
  summaries: false,
  aiComments: true,
  ignore: ['TOP-SECRET/**'],
};
const WORKSPACE_SETTINGS = { statusChecks: true, annotations: true, summaries: false, aiComments: true };

let world: AccessWorld;
beforeAll(async () => {
  world = await startAccessWorld();
  await kvs.set(`settings:repo:${bare(WIDGETS_UUID)}`, WIDGETS_SETTINGS);
  await kvs.set(`settings:repo:${bare(SECRETS_UUID)}`, SECRETS_SETTINGS);
  await kvs.set(`settings:ws:${bare(WORKSPACE_UUID)}`, WORKSPACE_SETTINGS);
});
afterAll(() => world?.stop());

async function settings(person: Person, moduleKey: string, extension: object) {
  const result = await world.runtime.invokeResolver(
    moduleKey,
    { functionKey: 'getSettings' },
    { accountId: world.people[person].accountId, extension },
  );
  return result;
}
const repoPage = (person: Person, uuid: string) =>
  settings(person, 'repo-settings', extensions.repoSettings(uuid));
const workspacePage = (person: Person, uuid = WORKSPACE_UUID) =>
  settings(person, 'workspace-settings', extensions.workspaceSettings(uuid));

describe('repository settings page', () => {
  test("a repository admin and a workspace owner see the repository's settings", async () => {
    // Stored as earlier builds did (schema version 1): read, migrated in memory, and said so.
    expect((await repoPage('admin', WIDGETS_UUID)).value).toMatchObject({
      level: 'repository',
      overrides: WIDGETS_SETTINGS,
      revision: 0,
      notices: expect.arrayContaining([
        expect.stringMatching(
          /^The repository's settings were stored by an older Lintel \(schema version 1\)/,
        ),
      ]),
    });
    expect((await repoPage('owner', SECRETS_UUID)).value).toMatchObject({ overrides: SECRETS_SETTINGS });
  });

  test('a reader or a writer on the settings page is refused, told what access it takes', async () => {
    expect((await repoPage('reader', WIDGETS_UUID)).value).toEqual({
      access: 'refused',
      reason: 'forbidden',
      message:
        "Only repository admins can show this repository's Lintel settings; your permission on it is read.",
    });
    expect((await repoPage('writer', WIDGETS_UUID)).value).toMatchObject({
      reason: 'forbidden',
      message: expect.stringContaining('your permission on it is write'),
    });
  });

  test("an admin of one repository whose page names another repository gets nothing of the other's settings", async () => {
    const answer = await repoPage('admin', SECRETS_UUID);
    expect(answer.value).toMatchObject({ access: 'refused', reason: 'forbidden' });
    expect(JSON.stringify(answer)).not.toContain('TOP-SECRET');
  });

  test('a signed-in person outside the repository is refused', async () => {
    expect((await repoPage('outsider', WIDGETS_UUID)).value).toMatchObject({
      reason: 'forbidden',
      message: expect.stringContaining('you have no permission on it'),
    });
  });

  test('a person who has not consented yet is asked to, and sees no settings', async () => {
    const answer = await repoPage('newcomer', WIDGETS_UUID);
    expect(answer.value).toEqual({
      access: 'refused',
      reason: 'needs-consent',
      message: expect.stringMatching(/^Lintel needs your permission to read this repository as you/),
    });
  });
});

describe('workspace settings page', () => {
  test('the workspace owner sees the workspace settings', async () => {
    expect((await workspacePage('owner')).value).toMatchObject({
      level: 'workspace',
      overrides: WORKSPACE_SETTINGS,
      effective: WORKSPACE_SETTINGS,
    });
  });

  test('a repository admin who is only a workspace member is refused', async () => {
    const answer = await workspacePage('admin');
    expect(answer.value).toEqual({
      access: 'refused',
      reason: 'forbidden',
      message: "Only workspace admins can show the workspace's Lintel settings; your role is member.",
    });
    expect(JSON.stringify(answer)).not.toContain('"aiComments":true');
  });

  test('a page naming another workspace is refused with a reason, not served this one', async () => {
    const answer = await workspacePage('owner', '{99999999-9999-4999-8999-999999999999}');
    expect(answer).toMatchObject({
      ok: false,
      error: expect.stringContaining('but Lintel is installed in {4c16a397-8e48-479c-8ca2-442e46c90570}'),
    });
  });

  test('a person who has not consented yet is asked to', async () => {
    expect((await workspacePage('newcomer')).value).toMatchObject({
      reason: 'needs-consent',
      message: expect.stringMatching(/^Lintel needs your permission to read this workspace as you/),
    });
  });
});

test("every request the resolver made is one Bitbucket's OpenAPI document allows", () => {
  expect(world.emulator.violations).toEqual([]);
});
