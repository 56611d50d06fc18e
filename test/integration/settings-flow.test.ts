// Settings as the pipeline applies them, end to end on the local platform with the bundled functions: an admin saves
// through the real resolver and the next pull request follows; `.lintel.yml` counts only from the destination branch;
// branch filters and skipped drafts leave a pull request alone and the merge check lets it merge.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorPullRequest, EmulatorUser } from '../../dev/bitbucket-emulator';
import { createGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import { extensions, mergeCheckEvent, pullRequestEvent, type ForgeRuntime } from '../../dev/forge-runtime';
import { startLocalApp, WORKSPACE, type LocalApp } from '../support/local-app';

/** Cyclomatic complexity 10: a MEDIUM complex-method finding, which the default gate (HIGH and worse) lets pass. */
const TANGLED = `export function grade(a: number, b: number, c: number): string {
  if (a > 1) return 'a';
  if (b > 2) return 'b';
  if (c > 3) return 'c';
  if (a > b) return 'ab';
  if (b > c) return 'bc';
  if (a > c) return 'ac';
  if (a === b) return 'eq';
  if (b === c) return 'eq2';
  if (a === c) return 'eq3';
  return 'none';
}
`;

let dir: string;
let app: LocalApp;
let admin: EmulatorUser;
let runtime: ForgeRuntime;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-settings-flow-'));
  const repo = await createGitRepository(path.join(dir, 'repo'), [
    { branch: 'main', message: 'initial', files: { 'src/base.ts': 'export const base = 1;\n' } },
    { branch: 'release/1.0', from: 'main', message: 'release', files: { 'RELEASE.md': '1.0\n' } },
    { branch: 'first', from: 'main', message: 'tangled', files: { 'src/grade.ts': TANGLED } },
    { branch: 'second', from: 'main', message: 'tangled again', files: { 'src/grade2.ts': TANGLED } },
    {
      branch: 'weakens',
      from: 'main',
      message: 'tangled, and a weaker gate in the file',
      files: {
        'src/grade3.ts': TANGLED,
        '.lintel.yml': 'gate:\n  newIssues:\n    minSeverity: CRITICAL\n',
      },
    },
    { branch: 'draft', from: 'main', message: 'work in progress', files: { 'src/wip.ts': TANGLED } },
    {
      branch: 'release/quiet',
      from: 'main',
      message: 'settings as code',
      files: { '.lintel.yml': '# No summary comments on release branches\nsummaries: false\n' },
    },
    {
      branch: 'release/broken',
      from: 'main',
      message: 'a typo in the settings file',
      files: { '.lintel.yml': 'gate:\n  minHealth: high\n' },
    },
    { branch: 'fifth', from: 'main', message: 'tangled a fifth time', files: { 'src/grade5.ts': TANGLED } },
    // Statuses belong to commits: each test that looks for "no status" needs a commit of its own.
    { branch: 'third', from: 'main', message: 'tangled a third time', files: { 'src/grade4.ts': TANGLED } },
    {
      branch: 'switched-off',
      from: 'main',
      message: 'tangled, Lintel off',
      files: { 'src/grade6.ts': TANGLED },
    },
  ]);
  app = await startLocalApp(repo.gitDir);
  admin = app.emulator.addUser({ displayName: 'Ada Admin' });
  app.emulator.setWorkspaceRole({ workspace: WORKSPACE, user: admin, role: 'owner' });
  runtime = app.runtime({ userTokens: { [admin.accountId]: admin.token } });
});

afterAll(async () => {
  runtime?.uninstall();
  await app?.emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => expect(app.emulator.violations).toEqual([]));

async function analyse(pr: EmulatorPullRequest): Promise<void> {
  const [trigger] = await runtime.fireProductEvent(app.created(pr));
  await runtime.idle();
  expect(trigger).toMatchObject({ ok: true, value: { action: 'queued' } });
}

const summaryText = (pr: EmulatorPullRequest): string =>
  String((app.published(pr).summaries[0]?.content as { raw?: string } | undefined)?.raw ?? '');
const statusOf = (pr: EmulatorPullRequest) => app.published(pr).statuses.map((s) => s.state);

async function saveRepositorySettings(overrides: object) {
  const call = (functionKey: string, payload?: object) =>
    runtime.invokeResolver(
      'repo-settings',
      { functionKey, ...(payload ? { payload } : {}) },
      { accountId: admin.accountId, extension: extensions.repoSettings(app.ids.repository) },
    );
  const view = (await call('getSettings')).value as { revision: number };
  const saved = await call('saveSettings', { overrides, revision: view.revision });
  expect(saved).toMatchObject({ ok: true, value: { saved: true } });
  return saved.value as { view: { effective: Record<string, unknown> } };
}

async function mergeCheck(pr: EmulatorPullRequest) {
  const answer = await runtime.invokeMergeCheck(
    'quality-gate-check',
    mergeCheckEvent('on-merge', {
      workspace: { uuid: app.ids.workspace },
      repository: { uuid: app.ids.repository },
      pullRequest: pr.id,
    }),
  );
  return answer.value as { success: boolean; message: string };
}

test('a gate saved on the settings page is applied by the next pipeline run', async () => {
  const first = app.openPullRequest('first');
  await analyse(first);
  expect(statusOf(first)).toEqual(['SUCCESSFUL']);

  const saved = await saveRepositorySettings({ gate: { newIssues: { minSeverity: 'MEDIUM', max: 0 } } });
  expect(saved.view.effective).toMatchObject({ gate: { newIssues: { minSeverity: 'MEDIUM', max: 0 } } });

  const second = app.openPullRequest('second');
  await analyse(second);
  expect(statusOf(second)).toEqual(['FAILED']);
  expect(summaryText(second)).toMatch(/❌ Lintel quality gate: failed/);
});

test(".lintel.yml on the pull request's own branch cannot weaken its gate", async () => {
  // The repository's gate (MEDIUM, saved above) stands; the branch's file asks for CRITICAL only.
  const weakening = app.openPullRequest('weakens');
  await analyse(weakening);
  expect(statusOf(weakening)).toEqual(['FAILED']);
});

test('pull requests into branches the settings do not select are left alone, and may merge', async () => {
  await saveRepositorySettings({
    gate: { newIssues: { minSeverity: 'MEDIUM', max: 0 } },
    pullRequests: { targetBranches: ['release/*'] },
  });
  const intoMain = app.openPullRequest('third');
  const before = app.emulator.requests.length;
  await analyse(intoMain);
  expect(statusOf(intoMain)).toEqual([]);
  expect(app.published(intoMain).summaries).toEqual([]);
  // Nothing is written on Bitbucket for it.
  const writes = app.emulator.requests.slice(before).filter((r) => r.method !== 'GET');
  expect(writes).toEqual([]);
  const check = await mergeCheck(intoMain);
  expect(check).toEqual({
    success: true,
    message: expect.stringContaining(
      'its destination branch main is not one Lintel analyses (target branches: release/*)',
    ),
  });

  const intoRelease = app.openPullRequest('third', 'release/1.0');
  await analyse(intoRelease);
  expect(statusOf(intoRelease)).toEqual(['FAILED']);
});

test('switched off, Lintel leaves every pull request alone, and its panel says why', async () => {
  await saveRepositorySettings({ pullRequests: { enabled: false } });
  const pr = app.openPullRequest('switched-off');
  const before = app.emulator.requests.length;
  await analyse(pr);
  expect(statusOf(pr)).toEqual([]);
  // Nothing is written on Bitbucket, and the pull request itself is not read (no draft check when switched off).
  const calls = app.emulator.requests.slice(before);
  expect(calls.filter((r) => r.method !== 'GET')).toEqual([]);
  expect(calls.filter((r) => new RegExp(`/pullrequests/${pr.id}$`).test(r.path))).toEqual([]);
  expect(runtime.kvs.get(`gate:${app.ids.repository.replace(/[{}]/g, '')}:${pr.id}`)).toMatchObject({
    state: 'not-analysed',
    notAnalysed: 'disabled',
    summary:
      'Lintel does not analyse this pull request: Lintel is switched off for this repository in its settings.',
  });
  expect(await mergeCheck(pr)).toMatchObject({ success: true });
});

test('a draft is skipped while drafts are skipped, and analysed once it is ready', async () => {
  await saveRepositorySettings({
    gate: { newIssues: { minSeverity: 'MEDIUM', max: 0 } },
    pullRequests: { skipDrafts: true },
  });
  const pr = app.emulator.createPullRequest({
    workspace: WORKSPACE,
    repo: app.repository,
    title: 'WIP',
    sourceBranch: 'draft',
    destinationBranch: 'main',
    author: admin,
    draft: true,
  });
  await analyse(pr);
  expect(statusOf(pr)).toEqual([]);
  expect((await mergeCheck(pr)).message).toMatch(/it is a draft/);

  app.emulator.setPullRequestDraft(WORKSPACE, app.repository, pr.id, false);
  const [trigger] = await runtime.fireProductEvent(
    pullRequestEvent('updated', {
      workspace: { uuid: app.ids.workspace },
      repository: { uuid: app.ids.repository, slug: app.repository },
      pullRequest: pr,
    }),
  );
  await runtime.idle();
  expect(trigger).toMatchObject({ ok: true, value: { action: 'queued' } });
  expect(statusOf(pr)).toEqual(['FAILED']);
});

test('.lintel.yml on the destination branch applies over the stored settings', async () => {
  await saveRepositorySettings({ gate: { newIssues: { minSeverity: 'MEDIUM', max: 0 } } });
  const pr = app.openPullRequest('fifth', 'release/quiet');
  await analyse(pr);
  expect(statusOf(pr)).toEqual(['FAILED']);
  expect(app.published(pr).summaries).toEqual([]);
});

test('an invalid .lintel.yml on the destination is ignored, and the summary says so first', async () => {
  const pr = app.openPullRequest('fifth', 'release/broken');
  await analyse(pr);
  expect(statusOf(pr)).toEqual(['FAILED']);
  // Markdown-escaped in the comment; compared as a reader sees it.
  const summary = summaryText(pr).replace(/\\(.)/g, '$1');
  expect(summary).toContain(
    '.lintel.yml on the destination branch is ignored, the stored settings apply: .lintel.yml: gate.minHealth: must be a number from 0 to 10, got "high"',
  );
  expect(summary.indexOf('⚠️')).toBeLessThan(summary.indexOf('**Code health**'));
});
