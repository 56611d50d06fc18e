// The runtime against the real Bitbucket emulator (dev/bitbucket-emulator) over HTTP: the fixture's
// trigger reads the pull request through the real @forge/api, and the PR diff's 302 reaches the app as is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorPullRequest } from '../../../dev/bitbucket-emulator';
import { createGitRepository } from '../../../dev/bitbucket-emulator/git-fixture';
import { createForgeRuntime, pullRequestEvent, type ForgeRuntime } from '../../../dev/forge-runtime';
import { FIXTURE_APP } from './helpers';

let workDir: string;
let emulator: Emulator;
let runtime: ForgeRuntime;
let pr: EmulatorPullRequest;
let ids: { workspace: string; repository: string };

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-runtime-emu-'));
  const git = await createGitRepository(path.join(workDir, 'repo'), [
    { branch: 'main', message: 'init', files: { 'a.ts': 'export const a = 1;\n' } },
    { branch: 'feature', from: 'main', message: 'change', files: { 'a.ts': 'export const a = 2;\n' } },
  ]);
  emulator = await startEmulator();
  const app = emulator.addUser({ displayName: 'Fixture app', app: true });
  const author = emulator.addUser({ displayName: 'Dana' });
  const ws = emulator.addWorkspace({ slug: 'acme' });
  const repo = emulator.addRepository({ workspace: 'acme', slug: 'payments', gitDir: git.gitDir });
  ids = { workspace: ws.uuid, repository: repo.uuid };
  pr = emulator.createPullRequest({
    workspace: 'acme',
    repo: 'payments',
    title: 'Bump',
    sourceBranch: 'feature',
    destinationBranch: 'main',
    author,
  });
  runtime = createForgeRuntime({
    appRoot: FIXTURE_APP,
    bitbucket: { baseUrl: emulator.baseUrl, appToken: app.token },
    installationContext: { workspaceId: ws.uuid },
  });
  runtime.install();
});

afterAll(async () => {
  runtime.uninstall();
  await emulator.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

test('an event built from an emulator pull request runs the trigger, which reads the PR from the emulator', async () => {
  const event = pullRequestEvent('created', {
    workspace: { uuid: ids.workspace },
    repository: { uuid: ids.repository },
    pullRequest: pr,
  });
  expect((event.pullrequest as { source: { commit: { hash: string } } }).source.commit.hash).toBe(
    pr.sourceCommit.slice(0, 12),
  );
  const [result] = await runtime.fireProductEvent(event);
  expect(result).toMatchObject({ ok: true, value: { status: 200 } });
  await runtime.idle();
  expect(runtime.invocations.map((i) => i.ok)).toEqual([true, true]);
});

test("the emulator's 302 from a PR diff is handed to the app with its Location", async () => {
  const result = await runtime.invokeFunction('bb-probe', {
    path: `/2.0/repositories/${ids.workspace}/${ids.repository}/pullrequests/${pr.id}/diffstat`,
  });
  const value = result.value as { status: number; location: string };
  expect(value.status).toBe(302);
  expect(value.location).toMatch(/\/diffstat\//);
});
