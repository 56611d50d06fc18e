/**
 * Failures and retries of the real consumer on the local platform (docs/large-pull-requests.md, "Failures and
 * retries"): the queue shim retries as Forge does, for up to 24 h; Lintel reads retryContext, caps its attempts and
 * always ends with a verdict or a STOPPED status naming the reason. Faults come from the Bitbucket emulator.
 *
 * Budgets are scaled to 1 % (a 900 s consumer gets 9 s, so Bitbucket retries inside one attempt give up within
 * seconds) and one Forge second of queue time is 1 ms (Lintel's 1–8 minute retry waits take milliseconds).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Emulator, EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { createSampleRepository, type SampleRepository } from '../../dev/demo/sample-repo';
import { mergeCheckEvent, type ForgeRuntime, type LogLine } from '../../dev/forge-runtime';
import { parsePullRequestEvent } from '../../src/pipeline/events';
import { jobFor } from '../../src/pipeline/job';
import { RATE_LIMITED_COOLDOWN_MS } from '../../src/pipeline/api-budget';
import { shiftedClock } from '../support/shifted-clock';
import { startSamplePullRequest, type SamplePullRequest } from '../support/sample-pull-request';

describe('consumer failures and retries', () => {
  let workDir: string;
  let sample: SampleRepository;
  let world: SamplePullRequest;
  let emulator: Emulator;
  let pr: EmulatorPullRequest;
  let ids: SamplePullRequest['ids'];
  let runtime: ForgeRuntime;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-retries-'));
    sample = await createSampleRepository(workDir);
  });

  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  // A fresh emulator per test: statuses, reports and comments of one case never count for another.
  beforeEach(async () => {
    world = await startSamplePullRequest(sample);
    ({ emulator, pr, ids } = world);
  });

  afterEach(async () => {
    runtime.uninstall();
    emulator.faults.clear();
    expect(emulator.violations).toEqual([]);
    await emulator.close();
  });

  function start(onLog?: (line: LogLine) => void): ForgeRuntime {
    runtime = world.runtime({ budgetScale: 0.01, delayMsPerSecond: 1, ...(onLog ? { log: onLog } : {}) });
    return runtime;
  }

  const created = () => world.created();
  const published = () => world.published();
  const consumerRuns = () => runtime.invocations.filter((i) => i.functionKey === 'run-analysis');
  const messages = (pattern: RegExp) =>
    runtime.logs.filter((l) => pattern.test(l.message)).map((l) => l.message);
  const mergeCheck = async () => {
    const event = mergeCheckEvent('on-merge', {
      workspaceUuid: ids.workspace,
      repositoryUuid: ids.repository,
      pullRequest: pr.id,
    });
    return (await runtime.invokeMergeCheck('quality-gate-check', event)).value as {
      success: boolean;
      message: string;
    };
  };

  it('a Bitbucket rate limit outlasting the client retries makes the run wait for API budget, then publish once', async () => {
    emulator.faults.inject({ method: 'GET', path: /\/diffstat\//, status: 429 });
    // The rate limit lifts while the run waits, as Bitbucket's hourly window would, and Lintel's cool-down passes.
    const clock = shiftedClock();
    start((line) => {
      if (!/put pull request #\d+ back on the queue/.test(line.message)) return;
      emulator.faults.clear();
      clock.pass(RATE_LIMITED_COOLDOWN_MS);
    });
    try {
      await runtime.fireProductEvent(created());
      await runtime.idle();
    } finally {
      clock.restore();
    }

    expect(consumerRuns()).toHaveLength(2);
    expect(
      messages(
        /Waiting for API budget: Bitbucket refused requests.*Lintel resumes in about 5 minutes\. \(pushed back for 300 s, wait 1\)$/,
      ),
    ).toHaveLength(1);
    // It waited on the queue (docs/rate-limits.md): no Forge retry, so no attempt of the five was spent.
    expect(messages(/^Retrying event/)).toEqual([]);
    const pushedBack = runtime.queuePushes.flatMap((p) => p.events as { delayInSeconds?: number }[]);
    expect(pushedBack.map((e) => e.delayInSeconds)).toEqual([undefined, 300]);
    const { reports, statuses, summaries } = published();
    expect(reports.map((r) => r.result)).toEqual(['FAILED']);
    expect(statuses.map((s) => s.state)).toEqual(['FAILED']);
    expect(summaries).toHaveLength(1);
    expect(await mergeCheck()).toEqual({
      success: false,
      message: expect.stringMatching(/^Lintel quality gate failed: /),
    });
    // Without the current head the stored verdict is not trusted: the check fails closed and says why.
    emulator.faults.inject({ method: 'GET', path: /\/pullrequests\/\d+$/, status: 500 });
    expect(await mergeCheck()).toEqual({
      success: false,
      message: expect.stringMatching(/could not read this pull request's latest commit .*HTTP 500/),
    });
  });

  it('a permanent failure ends with STOPPED at once, and is not retried', async () => {
    start();
    // The destination commit the event names is gone: the diff Bitbucket is asked for does not exist (404).
    const event = created();
    (event.pullrequest as { destination: { commit: { hash: string } } }).destination.commit.hash =
      '0123456789ab';
    await runtime.fireProductEvent(event);
    await runtime.idle();

    expect(consumerRuns()).toHaveLength(1);
    expect(messages(/^Retrying event/)).toEqual([]);
    const [status] = published().statuses;
    expect(status?.state).toBe('STOPPED');
    expect(String(status?.description)).toMatch(/HTTP 404/);
    expect(String(status?.description)).not.toMatch(/attempts/);
    const check = await mergeCheck();
    expect(check.success).toBe(false);
    expect(check.message).toMatch(
      /could not analyse this pull request: .*HTTP 404.* To try again, push a commit/,
    );
  });

  it('past the cap of attempts: STOPPED with the reason and the count, and no more deliveries', async () => {
    // Bitbucket keeps timing out building the diffstat (555): worth retrying, but not forever.
    emulator.faults.inject({ method: 'GET', path: /\/diffstat\//, status: 555 });
    start();
    await runtime.fireProductEvent(created());
    await runtime.idle();

    expect(consumerRuns()).toHaveLength(5);
    // Lintel's own waits grow: 1, 2, 4, 8 minutes.
    const waits = messages(/^Retrying event/).map((m) => Number(/ in (\d+) s /.exec(m)?.[1]));
    expect(waits).toEqual([60, 120, 240, 480]);
    const { statuses, reports } = published();
    expect(statuses.map((s) => s.state)).toEqual(['STOPPED']);
    expect(String(statuses[0]?.description)).toMatch(/HTTP 555.*\(gave up after 5 attempts\)/);
    expect(reports).toEqual([]);
    expect((await mergeCheck()).message).toMatch(/gave up after 5 attempts/);
  });

  it('a whole pull request that would outrun the invocation stops cleanly, and its retry analyses it in chunks', async () => {
    // The diff takes longer than the 9 s consumer can spare while keeping time to report.
    emulator.faults.inject({ method: 'GET', path: /\/diff\//, delayMs: 7_500, times: 1 });
    start();
    await runtime.fireProductEvent(created());
    await runtime.idle();

    expect(messages(/attempt 1 of 5 failed: reading and analysing the change did not finish/)).toHaveLength(
      1,
    );
    expect(messages(/goes to chunk mode: the previous attempt did not finish in time/)).toHaveLength(1);
    expect(runtime.invocations.filter((i) => !i.ok)).toEqual([]);
    const { reports, statuses, summaries } = published();
    expect(reports.map((r) => r.result)).toEqual(['FAILED']);
    expect(statuses.map((s) => s.state)).toEqual(['FAILED']);
    expect(summaries).toHaveLength(1);
  });

  it('a job Forge delivers again past the cap (the last attempt timed out) stops its INPROGRESS at once', async () => {
    start();
    // Drive the consumer directly, as Forge would deliver: attempt 4 fails on a 555 after setting INPROGRESS ...
    emulator.faults.inject({ method: 'GET', path: /\/diffstat\//, status: 555 });
    const parsed = parsePullRequestEvent(created());
    if (!parsed.ok) throw new Error(parsed.error);
    const job = jobFor(parsed.value, new Date());
    const deliver = (retryContext: Record<string, unknown>) =>
      runtime.invokeFunction('run-analysis', {
        queueName: 'lintel-pr-analysis',
        jobId: 'job-1',
        eventId: 'event-1',
        body: job,
        retryContext,
      });
    const fourth = await deliver({ retryCount: 3, retryReason: 'FUNCTION_RETRY_REQUEST' });
    expect(fourth.value).toMatchObject({ _retry: true, retryOptions: { retryAfter: 480 } });
    expect(published().statuses.map((s) => s.state)).toEqual(['INPROGRESS']);
    // ... and attempt 5 was killed by Forge's timeout, so Forge delivers a sixth time.
    const diffstatReads = () => emulator.requests.filter((r) => r.path.includes('/diffstat/')).length;
    const readsBefore = diffstatReads();
    const sixth = await deliver({ retryCount: 5, retryReason: 'FUNCTION_TIME_OUT' });
    expect(sixth.value).toMatchObject({
      action: 'failed',
      reason: 'gave up after 5 attempts; the last ended with FUNCTION_TIME_OUT',
    });
    expect(diffstatReads()).toBe(readsBefore);
    const [status] = published().statuses;
    expect(status?.state).toBe('STOPPED');
    expect(String(status?.description)).toMatch(
      /gave up after 5 attempts; the last ended with FUNCTION_TIME_OUT/,
    );
  });
});
