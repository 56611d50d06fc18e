// The repository's project travels from Bitbucket's event to every job of the run, so the consumer and each chunk
// read the same project settings: event (`project.uuid`) → PullRequestEvent.projectUuid → AnalysisJob → ChunkJob.
// Events come from the local runtime's builder over an emulator repository, as Forge sends them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { createGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import { pullRequestEvent } from '../../dev/forge-runtime';
import { parsePullRequestEvent, type PullRequestEvent } from '../../src/pipeline/events';
import { jobFor, parseQueuedJob, type AnalysisJob } from '../../src/pipeline/job';
import { DEFAULT_LARGE_PR_BUDGET } from '../../src/pipeline/large-pr';
import { chunkJobsFor } from '../../src/pipeline/start-chunks';
import { defaultSettings } from '../../src/settings';

const PROJECT = '{1860e69a-65c1-4ac2-8ab0-cbd2868e7573}';

let dir: string;
let bb: Emulator;
let event: Record<string, unknown>;
let pr: EmulatorPullRequest;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lintel-event-project-'));
  const fixture = await createGitRepository(path.join(dir, 'repo'), [
    { branch: 'main', message: 'initial', files: { 'a.ts': 'export const a = 1;\n' } },
    { branch: 'feature', from: 'main', message: 'change', files: { 'a.ts': 'export const a = 2;\n' } },
  ]);
  bb = await startEmulator();
  const author = bb.addUser({ displayName: 'Dana' });
  const workspace = bb.addWorkspace({ slug: 'acme' });
  bb.addProject({ workspace: 'acme', key: 'CORE', uuid: PROJECT });
  const repository = bb.addRepository({
    workspace: 'acme',
    slug: 'widgets',
    gitDir: fixture.gitDir,
    project: 'CORE',
  });
  pr = bb.createPullRequest({
    workspace: 'acme',
    repo: 'widgets',
    title: 'Change a',
    sourceBranch: 'feature',
    destinationBranch: 'main',
    author,
  });
  event = pullRequestEvent('created', { workspace, repository, pullRequest: pr });
});
afterAll(async () => {
  await bb?.close();
  await rm(dir, { recursive: true, force: true });
});

function parsed(e: unknown): PullRequestEvent {
  const result = parsePullRequestEvent(e);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const withoutProject = (): Record<string, unknown> => {
  const { project: _project, ...rest } = event;
  return rest;
};

describe('the event', () => {
  test("names the emulator repository's project, as Forge's documented sample does", () => {
    expect(event.project).toEqual({ uuid: PROJECT });
    expect(parsed(event).projectUuid).toBe(PROJECT);
  });

  test('without project (an older event) parses, with no project', () => {
    const older = parsed(withoutProject());
    expect(older.projectUuid).toBeUndefined();
    expect(older).toMatchObject({ repositoryUuid: (event.repository as { uuid: string }).uuid });
  });

  test('with a project that names no UUID is refused, naming the field', () => {
    for (const project of [{}, { uuid: '' }, { uuid: 42 }, 'CORE'])
      expect(parsePullRequestEvent({ ...event, project })).toEqual({
        ok: false,
        error: expect.stringMatching(
          /^malformed avi:bitbucket:created:pullrequest event: project\.uuid must be/,
        ),
      });
  });
});

describe('the jobs of the run', () => {
  const chunksOf = (job: AnalysisJob) =>
    chunkJobsFor({
      job,
      repo: { workspace: 'acme', repository: 'widgets' },
      headHash: pr.sourceCommit,
      wanted: [{ path: 'a.ts' }, { path: 'b.ts' }],
      skipped: [],
      reason: 'test',
      budget: { ...DEFAULT_LARGE_PR_BUDGET, filesPerChunk: 1 },
      startedAt: new Date('2026-01-01T00:00:00Z'),
      firstReportOnCommit: true,
      settings: defaultSettings(),
      notices: [],
      apiCalls: () => 0,
    });

  test('the queued job and every chunk job carry the project, and survive the queue', () => {
    const job = jobFor(parsed(event), new Date('2026-01-01T00:00:00Z'));
    expect(job.projectUuid).toBe(PROJECT);
    expect(parseQueuedJob(JSON.parse(JSON.stringify(job)))).toMatchObject({
      ok: true,
      value: { projectUuid: PROJECT },
    });
    const chunks = chunksOf(job);
    expect(chunks).toHaveLength(2);
    for (const chunk of chunks) {
      expect(chunk.projectUuid).toBe(PROJECT);
      expect(parseQueuedJob(JSON.parse(JSON.stringify(chunk)))).toMatchObject({
        ok: true,
        value: { kind: 'chunk', projectUuid: PROJECT },
      });
    }
  });

  test('an event without project makes jobs without one, which still parse', () => {
    const job = jobFor(parsed(withoutProject()), new Date());
    expect('projectUuid' in job).toBe(false);
    expect(parseQueuedJob(job)).toMatchObject({ ok: true });
    for (const chunk of chunksOf(job)) expect('projectUuid' in chunk).toBe(false);
  });

  test('a queued job whose projectUuid is not a non-empty string is refused, not run without its settings', () => {
    const job = jobFor(parsed(event), new Date());
    expect(parseQueuedJob({ ...job, projectUuid: 7 })).toEqual({
      ok: false,
      error: "the queued job's projectUuid must be a non-empty string when present",
    });
    const [chunk] = chunksOf(job);
    expect(parseQueuedJob({ ...chunk, projectUuid: '' })).toEqual({
      ok: false,
      error: "the queued chunk job's projectUuid must be a non-empty string when present",
    });
  });
});
