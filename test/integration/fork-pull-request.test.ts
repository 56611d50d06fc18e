/**
 * Pull requests from forks on the local platform (docs/forks.md): the real trigger, queue and consumer (Forge's
 * bundler output) against the emulator, where the fork is a repository of its own whose commits the destination
 * does not have. Files are read from the diff, asked of the destination with the fork-qualified spec, the
 * report and build status go on the fork's commit, the comments on the destination's pull request; a fork Lintel
 * cannot read ends with the reason stored and nothing written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { forkGitRepository, type GitFixture } from '../../dev/bitbucket-emulator/git-fixture';
import { createForgeRuntime, mergeCheckEvent, pullRequestEvent } from '../../dev/forge-runtime';
import { createSampleRepository } from '../../dev/demo/sample-repo';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import { APP_ROOT, bundledFunctionsDir } from '../support/forge-app';

const FORK_BRANCH = 'fork/retries';
const FORK_CHUNKED_BRANCH = 'fork/refunds';

describe('pull requests from a fork on the local platform', () => {
  let workDir: string;
  let emulator: Emulator;
  let appToken: string;
  let ids: { workspace: string; repository: string };
  let fork: GitFixture;
  let author: ReturnType<Emulator['addUser']>;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-fork-'));
    const sample = await createSampleRepository(workDir);
    // The fork continues the sample's feature branch with a commit of its own: that head exists only in the fork.
    fork = await forkGitRepository(sample.gitDir, path.join(workDir, 'payments-fork'), [
      {
        branch: FORK_BRANCH,
        from: sample.featureBranch,
        message: 'Retry notes, from the fork',
        files: { 'docs/retries.md': '# Retries\n\nFailed payments are retried with backoff.\n' },
      },
      {
        branch: FORK_CHUNKED_BRANCH,
        from: FORK_BRANCH,
        message: 'Refunds, from the fork',
        files: { 'src/refunds.ts': 'export const refundWindowDays = 30;\n' },
      },
    ]);
    emulator = await startEmulator();
    appToken = emulator.addUser({ displayName: 'Lintel', app: true }).token;
    author = emulator.addUser({ displayName: 'Outside contributor' });
    const ws = emulator.addWorkspace({ slug: 'acme' });
    const repo = emulator.addRepository({ workspace: 'acme', slug: 'payments', gitDir: sample.gitDir });
    emulator.addRepository({
      workspace: 'acme',
      slug: 'payments-fork',
      gitDir: fork.gitDir,
      forkOf: { workspace: 'acme', slug: 'payments' },
    });
    ids = { workspace: ws.uuid, repository: repo.uuid };
  });

  afterAll(async () => {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  afterEach(() => expect(emulator.violations).toEqual([]));

  const openFromFork = (title: string, sourceBranch = FORK_BRANCH): EmulatorPullRequest =>
    emulator.createPullRequest({
      workspace: 'acme',
      repo: 'payments',
      title,
      sourceBranch,
      destinationBranch: 'main',
      author,
      sourceRepository: { workspace: 'acme', slug: 'payments-fork' },
    });

  function runtime() {
    const r = createForgeRuntime({
      appRoot: APP_ROOT,
      // The functions as `forge deploy` ships them: Forge's bundler output, with no node_modules beside it.
      functionsDir: bundledFunctionsDir(),
      bitbucket: { baseUrl: emulator.baseUrl, appToken },
      installationContext: { workspaceId: ids.workspace },
    });
    r.install();
    return r;
  }

  // The event names the destination repository only, as Bitbucket's does.
  const created = (pr: EmulatorPullRequest) =>
    pullRequestEvent('created', {
      workspace: { uuid: ids.workspace },
      repository: { uuid: ids.repository, slug: 'payments' },
      pullRequest: pr,
    });

  const storedGate = (r: ReturnType<typeof runtime>, prId: number) =>
    Object.entries(r.kvs.snapshot()).find(([k]) => k.startsWith('gate:') && k.endsWith(`:${prId}`))?.[1] as
      { state: string; passed?: boolean; summary?: string; headHash: string } | undefined;

  it('reads the fork, publishes the report and status on its commit and the comments on the pull request', async () => {
    const pr = openFromFork('Retries from a fork');
    const head = await fork.head(FORK_BRANCH);
    const r = runtime();
    try {
      const before = emulator.requests.length;
      await r.fireProductEvent(created(pr));
      await r.idle();
      const calls = emulator.requests.slice(before).map((c) => `${c.method} ${decodeURIComponent(c.path)}`);
      // The files' text comes from the diff, asked of the destination naming the fork as Bitbucket does (a file
      // the diff cannot give whole is read from the fork: test/pipeline/read-whole-files.test.ts).
      expect(calls).toContainEqual(
        `GET /2.0/repositories/${ids.workspace}/${ids.repository}/diff/acme/payments-fork:${head}\r${pr.destinationShortHash}`,
      );
      expect(calls.filter((c) => c.includes('/payments-fork/src/'))).toEqual([]);
      // Only the settings file is read from the destination (the fork cannot change the gate), at its commit.
      const destinationReads = calls.filter(
        (c) => /\/repositories\/[^/]+\/[^/]+\/src\//.test(c) && !c.includes('payments-fork'),
      );
      expect(destinationReads).toEqual([
        `GET /2.0/repositories/${ids.workspace}/${ids.repository}/src/${pr.destinationShortHash}/.lintel.yml`,
      ]);

      const reports = emulator.state.reports('acme', 'payments-fork', head);
      const statuses = emulator.state.statuses('acme', 'payments-fork', head);
      expect(reports.map((rep) => rep.result)).toEqual(['FAILED']);
      expect(
        emulator.state.annotations('acme', 'payments-fork', head, 'lintel-analysis').length,
      ).toBeGreaterThan(0);
      expect(statuses.map((s) => [s.state, s.refname])).toEqual([['FAILED', FORK_BRANCH]]);
      const comments = emulator.state.comments('acme', 'payments', pr.id).filter((c) => !c.deleted);
      expect(comments.filter((c) => !c.inline)).toHaveLength(1);
      // The hard-coded AWS key in the fork's change is found, as in a same-repository pull request.
      expect(JSON.stringify(comments)).toMatch(/secret/i);

      expect(storedGate(r, pr.id)).toMatchObject({ state: 'done', passed: false, headHash: head });
      const check = await r.invokeMergeCheck(
        'quality-gate-check',
        mergeCheckEvent('on-merge', {
          workspaceUuid: ids.workspace,
          repositoryUuid: ids.repository,
          pullRequest: pr.id,
        }),
      );
      expect(check.value).toMatchObject({
        success: false,
        message: expect.stringMatching(/quality gate failed/i),
      });
    } finally {
      r.uninstall();
    }
  });

  it('in chunk mode, every chunk reads its slice of the diff through the fork-qualified spec', async () => {
    const pr = openFromFork('Refunds from a fork, in chunks', FORK_CHUNKED_BRANCH);
    const head = await fork.head(FORK_CHUNKED_BRANCH);
    const saved = { ...process.env };
    // A budget of one file per run: this five-file pull request is split into chunk jobs of two files.
    process.env[BUDGET_VARIABLES.maxFiles] = '1';
    process.env[BUDGET_VARIABLES.filesPerChunk] = '2';
    const r = runtime();
    try {
      const before = emulator.requests.length;
      await r.fireProductEvent(created(pr));
      await r.idle();
      const requests = emulator.requests.slice(before);
      const sliced = requests.filter((c) => c.path.includes('/diff/') && c.query.includes('path='));
      expect(sliced.length).toBeGreaterThan(1);
      expect(
        sliced.every((c) => decodeURIComponent(c.path).includes(`/diff/acme/payments-fork:${head}\r`)),
      ).toBe(true);
      expect(
        r.queuePushes
          .flatMap((p) => p.events as Array<{ body: { kind?: string } }>)
          .some((e) => e.body.kind === 'chunk'),
      ).toBe(true);
      expect(emulator.state.reports('acme', 'payments-fork', head).map((rep) => rep.result)).toEqual([
        'FAILED',
      ]);
      expect(emulator.state.statuses('acme', 'payments-fork', head).map((s) => s.state)).toEqual(['FAILED']);
      expect(storedGate(r, pr.id)).toMatchObject({ state: 'done', headHash: head });
    } finally {
      process.env = saved;
      r.uninstall();
    }
  });

  it('a fork Lintel cannot read ends with the reason for the merge check and writes nothing on Bitbucket', async () => {
    const pr = openFromFork('Retries from a fork that goes away');
    const head = await fork.head(FORK_BRANCH);
    // Deleted, or private outside the installation: either way every URL under the fork answers 404.
    emulator.deleteRepository('acme', 'payments-fork');
    const r = runtime();
    try {
      const before = emulator.requests.length;
      await r.fireProductEvent(created(pr));
      await r.idle();
      const writes = emulator.requests.slice(before).filter((c) => c.method !== 'GET');
      expect(writes).toEqual([]);
      expect(emulator.state.comments('acme', 'payments', pr.id)).toEqual([]);
      const consumer = r.invocations.filter((i) => i.functionKey === 'run-analysis');
      // One run, not a day of retries: the fork will not become readable by retrying.
      expect(consumer).toHaveLength(1);
      expect(consumer[0]?.ok).toBe(true);
      const gate = storedGate(r, pr.id);
      expect(gate?.state).toBe('error');
      expect(gate?.summary).toMatch(/comes from the fork acme\/payments-fork, which Lintel cannot read/);
      const check = await r.invokeMergeCheck(
        'quality-gate-check',
        mergeCheckEvent('on-merge', {
          workspaceUuid: ids.workspace,
          repositoryUuid: ids.repository,
          pullRequest: pr.id,
        }),
      );
      expect(check.value).toMatchObject({ success: false, message: expect.stringMatching(/payments-fork/) });
      expect(r.logs.map((l) => l.message).join('\n')).toMatch(
        /could not analyse pull request #\d+: .*payments-fork/,
      );
      expect(head).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      r.uninstall();
    }
  });
});
