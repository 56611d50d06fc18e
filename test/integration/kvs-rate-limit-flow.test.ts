/**
 * A run that meets Forge's kvs rate limits (forge-platform.md §5) on the local platform: the real trigger and
 * consumer (Forge's bundler output) under the runtime shim, whose kvs answers 429 RATE_LIMIT_EXCEEDED past the
 * installation's write units, through the real @forge/kvs SDK; the Bitbucket emulator over real git. Either the
 * app's storage retries ride the limit out and the pull request is published once, or — when the invocation's
 * time runs out first — the job is delivered again later, and its last attempt ends STOPPED with the reason, with
 * nothing half-written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kvs } from '@forge/kvs';
import type { EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { parsePullRequestEvent } from '../../src/pipeline/events';
import { ANALYSIS_QUEUE, jobFor } from '../../src/pipeline/job';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import { MAX_ANALYSIS_ATTEMPTS } from '../../src/pipeline/retry-policy';
import { createLargeRepository } from './large-pr-fixture';
import { startLocalApp, type LocalApp } from '../support/local-app';

// Enough files for four chunks (the budget below allows ten files per run): each chunk's writes meet the limit.
const FILES = 20;
const FILES_PER_CHUNK = 5;
const CHUNKS = FILES / FILES_PER_CHUNK;
/** The storage waits are real backoffs of Forge-scaled seconds (~40 writes at two per window): room for a slow machine. */
const RIDE_OUT_TIMEOUT_MS = 150_000;

describe('kvs rate limits during a run', () => {
  let workDir: string;
  let app: LocalApp;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-kvs-429-'));
    const { gitDir } = await createLargeRepository(workDir, FILES, ['rl-a', 'rl-b']);
    app = await startLocalApp(gitDir, { repository: 'mono' });
    process.env[BUDGET_VARIABLES.maxFiles] = '10';
    process.env[BUDGET_VARIABLES.filesPerChunk] = String(FILES_PER_CHUNK);
  });

  afterAll(async () => {
    process.env = savedEnv;
    await app.emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  afterEach(() => expect(app.emulator.violations).toEqual([]));

  const openPullRequest = (branch: string): EmulatorPullRequest => app.openPullRequest(branch);
  const runtimeWith = (options: Parameters<LocalApp['runtime']>[0]) => app.runtime(options);
  const event = (pr: EmulatorPullRequest) => app.created(pr);

  it(
    '429s on writes are retried: the large pull request is published once, complete',
    async () => {
      const pr = openPullRequest('rl-a');
      // Two write units per 1.5 s "minute": the run's few dozen writes cannot all fit, so some are refused.
      const runtime = runtimeWith({ kvs: { rateLimits: { writeUnitsPerMinute: 2, msPerSecond: 25 } } });
      try {
        await runtime.fireProductEvent(event(pr));
        await runtime.idle();
      } finally {
        runtime.uninstall();
      }
      expect(runtime.kvs.usage().rateLimited).toBeGreaterThan(0);
      expect(runtime.invocations.filter((i) => !i.ok)).toEqual([]);
      expect(app.emulator.state.reports('acme', 'mono', pr.sourceCommit)).toHaveLength(1);
      expect(app.emulator.state.statuses('acme', 'mono', pr.sourceCommit).map((s) => s.state)).toEqual([
        'SUCCESSFUL',
      ]);
      const comments = app.emulator.state.comments('acme', 'mono', pr.id).filter((c) => !c.deleted);
      expect(comments.filter((c) => !c.inline)).toHaveLength(1);
      expect(app.emulator.state.annotations('acme', 'mono', pr.sourceCommit, 'lintel-analysis')).toHaveLength(
        FILES,
      );
      expect(runtime.logs.filter((l) => /Lintel published/.test(l.message))).toHaveLength(1);
      const keys = Object.keys(runtime.kvs.snapshot());
      expect(keys.filter((k) => /^chunk(done|plan)?:/.test(k))).toEqual([]);
      expect(runtime.kvs.get(keys.find((k) => k.startsWith('gate:')) ?? '')).toMatchObject({
        state: 'done',
        newIssues: FILES,
      });
      const chunkRuns = runtime.logs.filter((l) =>
        /Lintel analysed pull request .* \(chunk \d+ of/.test(l.message),
      );
      expect(chunkRuns.length).toBeGreaterThanOrEqual(CHUNKS - 1);
    },
    RIDE_OUT_TIMEOUT_MS,
  );

  it('when the limit outlasts the invocation, the job is retried later, and its last attempt ends STOPPED with the reason', async () => {
    const pr = openPullRequest('rl-b');
    // One write unit per real minute, and consumers with 1 % of their budget (9 s): the retries run out of time.
    const runtime = runtimeWith({ kvs: { rateLimits: { writeUnitsPerMinute: 1 } }, budgetScale: 0.01 });
    const settingsKey = `settings:repo:${app.ids.repository.replace(/[{}]/g, '')}`;
    const failure =
      /^Forge storage could not store the pending run of pull request #\d+: HTTP 429 RATE_LIMIT_EXCEEDED/;
    try {
      // Another function of the installation (an admin saving settings) used the minute's write unit.
      await kvs.set(settingsKey, { statusChecks: true });
      const consume = (body: unknown, retryContext?: object) =>
        runtime.invokeFunction('run-analysis', {
          queueName: ANALYSIS_QUEUE,
          jobId: 'j',
          eventId: 'e',
          body,
          ...(retryContext ? { retryContext } : {}),
        });
      // Loads the handler first, so the real run's budget is not spent on loading the bundle.
      expect((await consume({})).value).toMatchObject({ action: 'rejected' });
      const parsed = parsePullRequestEvent(event(pr));
      if (!parsed.ok) throw new Error(parsed.error);
      const job = { ...jobFor(parsed.value, new Date()) };

      // The first attempt asks Forge to deliver the job again later, as rate limited; nothing is published yet.
      const first = await consume(job);
      expect(first.value).toMatchObject({
        retryOptions: {
          retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
          retryData: { failure: expect.stringMatching(failure) as unknown },
        },
      });
      expect(app.emulator.state.statuses('acme', 'mono', pr.sourceCommit)).toEqual([]);

      // The last attempt Lintel allows gives up visibly.
      const last = await consume(job, {
        retryCount: MAX_ANALYSIS_ATTEMPTS - 1,
        retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
      });
      expect(last.value).toMatchObject({
        action: 'failed',
        reason: expect.stringMatching(failure) as unknown,
      });
    } finally {
      runtime.uninstall();
    }
    const statuses = app.emulator.state.statuses('acme', 'mono', pr.sourceCommit);
    expect(statuses.map((s) => s.state)).toEqual(['STOPPED']);
    expect(statuses[0]?.description).toMatch(/rate limit/);
    expect(app.emulator.state.reports('acme', 'mono', pr.sourceCommit)).toEqual([]);
    expect(app.emulator.state.comments('acme', 'mono', pr.id).filter((c) => !c.deleted)).toEqual([]);
    // Nothing half-written: no run record, no chunk keys; only the settings the test stored.
    expect(Object.keys(runtime.kvs.snapshot())).toEqual([settingsKey]);
    expect(runtime.logs.some((l) => /could not store the failure/.test(l.message))).toBe(true);
  });
});
