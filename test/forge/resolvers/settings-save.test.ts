// Saving settings through the real resolvers (saveSettings, resetSettings, previewIgnore) as real users of the
// emulator: what an admin saves is what the next read (and the pipeline) sees; bad input, a stale page and a
// non-admin are refused with a message and store nothing.
import { kvs } from '@forge/kvs';
import { extensions } from '../../../dev/forge-runtime';
import {
  CORE_PROJECT_UUID,
  WIDGETS_UUID,
  WORKSPACE_UUID,
  startAccessWorld,
  type AccessWorld,
  type Person,
} from '../../support/access-world';

const bare = (uuid: string) => uuid.replace(/[{}]/g, '');
const REPO_KEY = `settings:repo:${bare(WIDGETS_UUID)}`;

let world: AccessWorld;
beforeAll(async () => {
  world = await startAccessWorld();
});
afterAll(() => world?.stop());
beforeEach(async () => {
  // Each test starts with nothing stored: no documents and no revision claims of an earlier test.
  for (const key of Object.keys(world.runtime.kvs.snapshot())) {
    if (key.startsWith('settings')) await kvs.delete(key);
  }
});

type Page = 'repo-settings' | 'project-settings' | 'workspace-settings';
const extensionOf = (page: Page) =>
  page === 'repo-settings'
    ? extensions.repoSettings(WIDGETS_UUID)
    : page === 'project-settings'
      ? extensions.projectSettings(CORE_PROJECT_UUID)
      : extensions.workspaceSettings(WORKSPACE_UUID);

async function call(person: Person, page: Page, functionKey: string, payload?: unknown) {
  return world.runtime.invokeResolver(
    page,
    { functionKey, ...(payload !== undefined ? { payload } : {}) },
    { accountId: world.people[person].accountId, extension: extensionOf(page) },
  );
}
const view = async (person: Person = 'admin', page: Page = 'repo-settings') =>
  (await call(person, page, 'getSettings')).value as {
    revision: number;
    overrides: object;
    effective: Record<string, unknown>;
    sources: Record<string, string>;
  };

test('an admin saves, and the next read shows the values, their source and a new revision', async () => {
  const saved = await call('admin', 'repo-settings', 'saveSettings', {
    overrides: { annotations: false, gate: { minHealth: 7 } },
    revision: 0,
  });
  expect(saved.value).toMatchObject({ saved: true, view: { revision: 1 } });
  const read = await view();
  expect(read.overrides).toEqual({ annotations: false, gate: { minHealth: 7 } });
  expect(read.effective).toMatchObject({ annotations: false, statusChecks: true, gate: { minHealth: 7 } });
  expect(read.sources).toMatchObject({ annotations: 'repository', statusChecks: 'default' });
  expect(await kvs.get(REPO_KEY)).toMatchObject({
    schemaVersion: 2,
    revision: 1,
    updatedBy: world.people.admin.accountId,
  });
});

test('the project level sits between the workspace and the repository', async () => {
  await call('owner', 'workspace-settings', 'saveSettings', {
    overrides: { aiComments: true, gate: { minHealth: 8 } },
    revision: 0,
  });
  const project = await call('projectAdmin', 'project-settings', 'saveSettings', {
    overrides: { gate: { minHealth: 6 } },
    revision: 0,
  });
  expect(project.value).toMatchObject({ saved: true });
  const read = await view('admin');
  expect(read.effective).toMatchObject({ aiComments: true, gate: { minHealth: 6 } });
  expect(read.sources).toMatchObject({ aiComments: 'workspace', 'gate.minHealth': 'project' });
});

test('invalid values come back per field and nothing is stored', async () => {
  const answer = await call('admin', 'repo-settings', 'saveSettings', {
    overrides: { statusChecks: 'yes', gate: { minHealth: 99 }, ignore: ['ok/**', 'src/[x'], surprise: 1 },
    revision: 0,
  });
  expect(answer.value).toEqual({
    saved: false,
    reason: 'invalid',
    message: '4 settings are not valid; nothing was saved.',
    fieldErrors: expect.arrayContaining([
      { path: 'statusChecks', message: 'must be true or false, got "yes"' },
      { path: 'gate.minHealth', message: 'must be a number from 0 to 10, got 99' },
      { path: 'ignore[1]', message: 'glob pattern "src/[x" has a "[" without its "]"' },
      { path: 'surprise', message: 'unknown setting' },
    ]),
  });
  expect(await kvs.get(REPO_KEY)).toBeUndefined();
});

test('an oversized or malformed payload is refused with a message', async () => {
  const huge = { ignore: Array.from({ length: 150 }, (_, i) => `${'x'.repeat(280)}${i}/**`) };
  const big = await call('admin', 'repo-settings', 'saveSettings', { overrides: huge, revision: 0 });
  expect(big.value).toMatchObject({
    saved: false,
    reason: 'invalid',
    message: expect.stringMatching(/at most 32,768 can be stored/),
  });
  const noRevision = await call('admin', 'repo-settings', 'saveSettings', { overrides: {} });
  expect(noRevision.value).toMatchObject({
    saved: false,
    reason: 'invalid',
    message: expect.stringMatching(/^The page sent a request Lintel cannot use \(revision: /),
  });
  expect(await kvs.get(REPO_KEY)).toBeUndefined();
});

test('a stale page cannot save over a newer change', async () => {
  await call('admin', 'repo-settings', 'saveSettings', { overrides: { summaries: false }, revision: 0 });
  const stale = await call('owner', 'repo-settings', 'saveSettings', {
    overrides: { summaries: true },
    revision: 0,
  });
  expect(stale.value).toMatchObject({
    saved: false,
    reason: 'conflict',
    message: expect.stringMatching(
      /^Someone saved the repository's settings since you opened this page \(revision 1, saved /,
    ),
  });
  expect((await view()).overrides).toEqual({ summaries: false });
});

test('of two saves from the same revision at once, exactly one lands', async () => {
  const answers = await Promise.all(
    [{ summaries: false }, { annotations: false }].map((overrides) =>
      call('admin', 'repo-settings', 'saveSettings', { overrides, revision: 0 }),
    ),
  );
  const saved = answers.filter((a) => (a.value as { saved: boolean }).saved);
  expect(saved).toHaveLength(1);
  expect((await view()).revision).toBe(1);
});

test('a reader or writer cannot save, and nothing changes', async () => {
  for (const person of ['reader', 'writer'] as const) {
    const answer = await call(person, 'repo-settings', 'saveSettings', {
      overrides: { statusChecks: false },
      revision: 0,
    });
    expect(answer.value).toMatchObject({ access: 'refused', reason: 'forbidden' });
  }
  const workspace = await call('admin', 'workspace-settings', 'saveSettings', {
    overrides: { statusChecks: false },
    revision: 0,
  });
  expect(workspace.value).toMatchObject({
    access: 'refused',
    message: expect.stringContaining('your role is member'),
  });
  expect(await kvs.get(REPO_KEY)).toBeUndefined();
  expect(await kvs.get(`settings:ws:${bare(WORKSPACE_UUID)}`)).toBeUndefined();
});

test('reset to inherited drops every override of the level and moves the revision on', async () => {
  await call('admin', 'repo-settings', 'saveSettings', { overrides: { summaries: false }, revision: 0 });
  const reset = await call('admin', 'repo-settings', 'resetSettings', { revision: 1 });
  expect(reset.value).toMatchObject({ saved: true, view: { revision: 2, overrides: {} } });
  // A page still showing revision 1 cannot bring the old value back.
  const stale = await call('admin', 'repo-settings', 'saveSettings', {
    overrides: { summaries: false },
    revision: 1,
  });
  expect(stale.value).toMatchObject({ saved: false, reason: 'conflict' });
});

test("previewIgnore lists which of the repository's files the patterns would leave out", async () => {
  const preview = await call('admin', 'repo-settings', 'previewIgnore', { patterns: ['src/**'] });
  expect(preview.value).toEqual({
    ok: true,
    branch: 'main',
    filesScanned: 1,
    truncated: false,
    ignoredCount: 1,
    ignored: ['src/a.ts'],
  });
  const bad = await call('admin', 'repo-settings', 'previewIgnore', { patterns: ['src/{a'] });
  expect(bad.value).toMatchObject({ ok: false, fieldErrors: [{ path: 'ignore[0]' }] });
  const reader = await call('reader', 'repo-settings', 'previewIgnore', { patterns: ['**'] });
  expect(reader.value).toMatchObject({ access: 'refused' });
});

test("every request the resolvers made is one Bitbucket's OpenAPI document allows", () => {
  expect(world.emulator.violations).toEqual([]);
});
