/**
 * The chunk set's publisher is a job of its own (run-chunk.ts): the chunk that completes the set queues itself again
 * with `publishing: true`, which Forge runs under the pull request's concurrency key. Without a queue (`lintel pr`),
 * the same job runs in process after the chunks: the pull request is still published once. And the flag survives
 * the queue only as `true`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGitRepository, startEmulator, type Emulator } from '../../dev/bitbucket-emulator';
import { BitbucketApi } from '../../src/bitbucket/api';
import { BitbucketClient, systemClock } from '../../src/bitbucket/client';
import { HttpTransport } from '../../src/bitbucket/http-transport';
import { analyzeChange } from '../../src/engine';
import { parseQueuedJob, type AnalysisJob } from '../../src/pipeline/job';
import type { RunStore } from '../../src/pipeline/ports';
import { runPullRequest } from '../../src/pipeline/run-pull-request';
import type { StoredRun } from '../../src/pipeline/types';
import { memoryIdentity } from '../../src/publish';

let workDir: string;
let emulator: Emulator;
let token: string;

const moduleText = (n: number) =>
  `export function pick${n}(code: number): string {\n${Array.from({ length: 12 }, (_, i) => `  if (code === ${i}) return 'c${i}';`).join('\n')}\n  return 'none';\n}\n`;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-inline-chunks-'));
  const { gitDir } = await createGitRepository(path.join(workDir, 'repo'), [
    { branch: 'main', message: 'base', files: { 'README.md': '# r\n' } },
    {
      branch: 'feature',
      from: 'main',
      message: 'three modules',
      files: { 'src/a.ts': moduleText(1), 'src/b.ts': moduleText(2), 'src/c.ts': moduleText(3) },
    },
  ]);
  emulator = await startEmulator();
  token = emulator.addUser({ displayName: 'Pipelines bot', app: true }).token;
  emulator.addWorkspace({ slug: 'team' });
  emulator.addRepository({ workspace: 'team', slug: 'repo', gitDir });
});

afterAll(async () => {
  await emulator.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

afterEach(() => expect(emulator.violations).toEqual([]));

function memoryStore(): RunStore {
  const runs = new Map<string, StoredRun>();
  return {
    get: (repo, id) => Promise.resolve(runs.get(`${repo}:${id}`)),
    set: (repo, id, run) => Promise.resolve(void runs.set(`${repo}:${id}`, run)),
  };
}

test('without a queue, a chunked pull request is published once, by the publisher job after the chunks', async () => {
  const pr = emulator.createPullRequest({
    workspace: 'team',
    repo: 'repo',
    title: 'three modules',
    sourceBranch: 'feature',
    destinationBranch: 'main',
    author: emulator.addUser({ displayName: 'Dev' }),
  });
  const clock = systemClock();
  const api = new BitbucketApi(
    new BitbucketClient(new HttpTransport(`${emulator.baseUrl}/2.0`, token), { clock }),
  );
  const job: AnalysisJob = {
    version: 1,
    workspaceUuid: 'team',
    repositoryUuid: 'repo',
    pullRequestId: pr.id,
    sourceHash: pr.sourceShortHash,
    sourceBranch: pr.sourceBranch,
    destinationHash: pr.destinationShortHash,
    destinationBranch: pr.destinationBranch,
    receivedAt: new Date().toISOString(),
  };
  const logs: string[] = [];
  const outcome = await runPullRequest(job, {
    api,
    store: memoryStore(),
    publishPorts: { identity: memoryIdentity() },
    clock,
    loadSettings: () => Promise.resolve({ layers: [], notices: [] }),
    log: (message) => logs.push(message),
    analyzeChange,
    // One file per run and per chunk: three chunks, then the publisher.
    budget: { maxFiles: 1, maxChangedLines: 1_000_000, filesPerChunk: 1 },
  });

  expect(outcome.action).toBe('published');
  const verdict = outcome.action === 'published' && outcome.passed ? 'SUCCESSFUL' : 'FAILED';
  expect(logs).toContainEqual(expect.stringMatching(/goes to chunk mode/));
  expect(emulator.state.reports('team', 'repo', pr.sourceCommit)).toHaveLength(1);
  expect(emulator.state.statuses('team', 'repo', pr.sourceCommit).map((s) => s.state)).toEqual([verdict]);
  const summaries = emulator.state.comments('team', 'repo', pr.id).filter((c) => !c.inline);
  expect(summaries).toHaveLength(1);
  expect(String((summaries[0]?.content as { raw: string }).raw)).toMatch(/analysed in 3 separate chunks/);
});

test('a queued chunk job says it is the publisher with `true` or not at all', () => {
  const chunk = {
    version: 1,
    kind: 'chunk',
    workspaceUuid: 'team',
    repositoryUuid: 'repo',
    pullRequestId: 1,
    headHash: 'a'.repeat(40),
    sourceBranch: 'feature',
    destinationHash: 'b'.repeat(12),
    destinationBranch: 'main',
    chunk: { index: 0, count: 1, files: [{ path: 'src/a.ts' }] },
    startedAt: new Date().toISOString(),
  };
  expect(parseQueuedJob({ ...chunk, publishing: true })).toMatchObject({
    ok: true,
    value: { publishing: true },
  });
  expect(parseQueuedJob(chunk)).toMatchObject({ ok: true });
  expect(parseQueuedJob({ ...chunk, publishing: 'yes' })).toEqual({
    ok: false,
    error: "the queued chunk job's publishing must be true when present",
  });
});
