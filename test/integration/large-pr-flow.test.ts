/**
 * Large pull requests on the local platform (docs/large-pull-requests.md): the real trigger and consumer, the real
 * @forge/events queue and @forge/kvs under the runtime shim, the Bitbucket emulator over real git. The size budget is
 * lowered through the consumer's environment variables so a 400-file pull request goes to chunk mode quickly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import { QUEUE_EVENTS_PER_PUSH_MAX, QUEUE_PUSH_BYTES_MAX } from '../../src/pipeline/queue-batches';
import { startLocalApp, WORKSPACE, type LocalApp } from '../support/local-app';
import { createLargeRepository, modulePath } from './large-pr-fixture';

const FILES = 400;
const FILES_PER_CHUNK = 5;
const CHUNKS = FILES / FILES_PER_CHUNK;
const BRANCHES = ['big-a', 'big-b', 'big-c', 'big-d'] as const;

describe('large pull requests in chunk mode', () => {
  let workDir: string;
  let gitDir: string;
  let app: LocalApp;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-large-'));
    gitDir = (await createLargeRepository(workDir, FILES, BRANCHES)).gitDir;
    app = await startLocalApp(gitDir, { repository: 'mono' });
    process.env[BUDGET_VARIABLES.maxFiles] = '100';
    process.env[BUDGET_VARIABLES.filesPerChunk] = String(FILES_PER_CHUNK);
  });

  afterAll(async () => {
    process.env = savedEnv;
    await app.emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function analyse(on: LocalApp, pr: EmulatorPullRequest, options: { redeliver?: boolean } = {}) {
    // Chunk jobs wait on their concurrency key with Forge-like backoff; 1 ms per Forge second keeps that short.
    const runtime = on.runtime({ delayMsPerSecond: 1, ...options });
    try {
      await runtime.fireProductEvent(on.created(pr));
      await runtime.idle();
      return {
        runtime,
        ...on.published(pr),
        annotations: on.emulator.state.annotations(WORKSPACE, 'mono', pr.sourceCommit, 'lintel-analysis'),
        kvs: runtime.kvs.snapshot(),
      };
    } finally {
      runtime.uninstall();
    }
  }

  const chunkOf = (annotationPath: unknown): number => {
    const i = Number(/module(\d+)\.js$/.exec(String(annotationPath))?.[1]);
    return Math.floor(i / FILES_PER_CHUNK);
  };
  // Markdown escapes (\. \*) removed, so paths read as written.
  const summaryText = (c: Record<string, unknown>) =>
    String((c.content as { raw: string }).raw).replace(/\\/g, '');

  afterEach(() => expect(app.emulator.violations).toEqual([]));

  it('splits into chunk jobs within the queue limits and publishes one report with every chunk', async () => {
    const pr = app.openPullRequest('big-a');
    const { runtime, reports, annotations, statuses, summaries, kvs } = await analyse(app, pr);

    type Pushed = { body: { kind?: string; publishing?: true }; concurrency?: { key: string } };
    const isPublisher = (e: unknown) => (e as Pushed).body.publishing === true;
    const chunkPushes = runtime.queuePushes.filter((p) =>
      p.events.some((e) => (e as Pushed).body.kind === 'chunk' && !isPublisher(e)),
    );
    const chunkEvents = chunkPushes.flatMap((p) => p.events);
    expect(chunkEvents).toHaveLength(CHUNKS);
    // The chunk that completed the set queued the publisher, under the pull request's own key (the trigger's).
    const publishers = runtime.queuePushes.flatMap((p) => p.events).filter(isPublisher) as Pushed[];
    const triggerKey = (runtime.queuePushes[0]?.events[0] as Pushed).concurrency?.key;
    expect(publishers.map((e) => e.concurrency?.key)).toEqual([triggerKey]);
    expect(chunkPushes.length).toBeGreaterThan(1);
    for (const push of chunkPushes) {
      expect(push.events.length).toBeLessThanOrEqual(QUEUE_EVENTS_PER_PUSH_MAX);
      expect(Buffer.byteLength(JSON.stringify(push.events))).toBeLessThan(QUEUE_PUSH_BYTES_MAX);
    }
    const chunkRuns = runtime.invocations.filter((i) => i.functionKey === 'run-analysis' && i.ok);
    expect(chunkRuns).toHaveLength(CHUNKS + 2);

    expect(reports).toHaveLength(1);
    expect(statuses.map((s) => s.state)).toEqual(['SUCCESSFUL']);
    expect(summaries).toHaveLength(1);
    expect(new Set(annotations.map((a) => chunkOf(a.path))).size).toBe(CHUNKS);
    expect(annotations).toHaveLength(FILES);
    const data = reports[0]?.data as { title: string; value: unknown }[];
    expect(data.find((d) => d.title === 'New issues')?.value).toBe(FILES);
    expect(data.find((d) => d.title === 'Files analysed')?.value).toBe(FILES);
    expect(summaryText(summaries[0] ?? {})).toMatch(
      /duplication between files of different chunks is not detected/,
    );

    // Linear bookkeeping: finished chunks are counted on small markers (a page of up to 100 is ≤ 2 read units) and
    // each result is read once, by the publisher; quadratic reads would not fit Forge's 4,000 per minute.
    const reads = runtime.kvs.operations().filter((o) => o.kind === 'read');
    const resultReads = reads.filter((o) => o.key?.startsWith('chunk:'));
    expect(resultReads).toHaveLength(CHUNKS);
    expect(new Set(resultReads.map((o) => o.key)).size).toBe(CHUNKS);
    expect(reads.filter((o) => o.key?.startsWith('chunkdone:')).every((o) => o.units <= 2)).toBe(true);
    expect(runtime.kvs.usage().readUnits).toBeLessThan(8 * CHUNKS);
    expect(runtime.kvs.usage().rateLimited).toBe(0);

    // The verdict is stored for the merge check; the chunk keys are gone.
    const keys = Object.keys(kvs);
    expect(keys.filter((k) => /^chunk(done|plan)?:/.test(k))).toEqual([]);
    const gate = Object.entries(kvs).find(([k]) => k.startsWith('gate:'))?.[1];
    expect(gate).toMatchObject({ state: 'done', passed: true, newIssues: FILES });
  });

  it('redelivered chunk jobs count nothing twice and publish once', async () => {
    const pr = app.openPullRequest('big-b');
    const { runtime, reports, annotations, statuses, summaries } = await analyse(app, pr, {
      redeliver: true,
    });
    // Every job twice: the coordinator, each chunk, and the publisher (a redelivered last chunk may queue it again).
    expect(runtime.invocations.filter((i) => i.functionKey === 'run-analysis').length).toBeGreaterThanOrEqual(
      2 * (CHUNKS + 2),
    );
    expect(reports).toHaveLength(1);
    expect(statuses.map((s) => s.state)).toEqual(['SUCCESSFUL']);
    expect(summaries).toHaveLength(1);
    expect(annotations).toHaveLength(FILES);
    const data = reports[0]?.data as { title: string; value: unknown }[];
    expect(data.find((d) => d.title === 'New issues')?.value).toBe(FILES);
    const published = runtime.logs.filter((l) => /Lintel published/.test(l.message));
    expect(published).toHaveLength(1);
  });

  it('a chunk that fails is reported: the summary names its files as not analysed', async () => {
    // A Bitbucket that sends no context at all: every file is read on its own with `src`, and one of them answers
    // 500 every time, so its chunk fails.
    const cut = await startLocalApp(gitDir, { repository: 'mono', emulator: { diffContextMax: 0 } });
    const broken = 7;
    cut.emulator.faults.inject({
      status: 500,
      path: new RegExp(`/src/[0-9a-f]+/pkg/d0/module${broken}\\.js$`),
      times: 1000,
    });
    try {
      const pr = cut.openPullRequest('big-c');
      const { reports, annotations, statuses, summaries } = await analyse(cut, pr);
      const failedChunk = Math.floor(broken / FILES_PER_CHUNK);
      expect(reports).toHaveLength(1);
      expect(statuses).toHaveLength(1);
      expect(statuses[0]?.state).not.toBe('INPROGRESS');
      expect(new Set(annotations.map((a) => chunkOf(a.path))).has(failedChunk)).toBe(false);
      expect(annotations).toHaveLength(FILES - FILES_PER_CHUNK);
      const text = summaryText(summaries[0] ?? {});
      expect(text).toMatch(/Not analysed/);
      for (let i = failedChunk * FILES_PER_CHUNK; i < (failedChunk + 1) * FILES_PER_CHUNK; i++) {
        expect(text).toContain(`${modulePath(i)}: not analysed`);
      }
      expect(text).toMatch(/HTTP 500/);
      // The other chunks' files were read on their own, and the summary says so once, for all chunks.
      expect(text).toMatch(
        /files were read from Bitbucket on their own, because the diff could not carry them whole/,
      );
      expect(cut.emulator.violations).toEqual([]);
    } finally {
      await cut.emulator.close();
    }
  });

  it('a normal-size pull request whose full diff answers 555 is read in path slices by one run, not per file', async () => {
    const savedMax = process.env[BUDGET_VARIABLES.maxFiles];
    // Within the file budget: one run analyses it. Bitbucket cannot build a diff of more than 50 of its files.
    process.env[BUDGET_VARIABLES.maxFiles] = String(FILES * 2);
    const small = await startLocalApp(gitDir, { repository: 'mono', emulator: { diffFileLimit: 50 } });
    try {
      const pr = small.openPullRequest('big-d');
      const { runtime, reports, annotations, statuses, summaries } = await analyse(small, pr);
      expect(runtime.invocations.filter((i) => i.functionKey === 'run-analysis')).toHaveLength(1);
      expect(reports).toHaveLength(1);
      expect(statuses.map((s) => s.state)).toEqual(['SUCCESSFUL']);
      expect(summaries).toHaveLength(1);
      expect(annotations).toHaveLength(FILES);
      const requests = small.emulator.requests;
      const diffs = requests.filter((r) => r.method === 'GET' && /\/diff\//.test(r.path));
      expect(diffs.some((r) => r.status === 555)).toBe(true);
      // 400 files in slices of 200 (Bitbucket's most per diff), halved on each 555: 8 slices of 50 answer.
      expect(diffs.filter((r) => r.status === 200)).toHaveLength(8);
      // No file was read on its own: the only `src` read is the settings file.
      expect(requests.filter((r) => /\/src\//.test(r.path)).map((r) => r.path)).toEqual([
        expect.stringMatching(/\/\.lintel\.yml$/),
      ]);
      expect(small.emulator.violations).toEqual([]);
    } finally {
      process.env[BUDGET_VARIABLES.maxFiles] = savedMax;
      await small.emulator.close();
    }
  });
});
