/**
 * The activity line each delivery of a queued job leaves for the repository page (src/pipeline/activity.ts), and
 * its recording (record-activity.ts) over the in-memory log.
 */
import type { AnalysisJob, ChunkJob } from '../../src/pipeline/job';
import { ACTIVITY_REASON_CHARS_MAX, activityEntryFor, activityReason } from '../../src/pipeline/activity';
import { memoryActivityLog } from '../../src/pipeline/memory-activity-log';
import { recordActivity } from '../../src/pipeline/record-activity';
import type { RunOutcome } from '../../src/pipeline/types';
import type { PublishOutcome } from '../../src/publish';

const HEAD = '0123456789abcdef0123456789abcdef01234567';
const JOB: AnalysisJob = {
  version: 1,
  workspaceUuid: '{4c16a397-8e48-479c-8ca2-442e46c90570}',
  repositoryUuid: '{15a31549-1cff-45dc-9d0d-310114c5038b}',
  pullRequestId: 42,
  sourceHash: '0123456789ab',
  sourceBranch: 'feature',
  destinationHash: 'fedcba987654',
  destinationBranch: 'main',
  receivedAt: '2026-03-02T09:59:58.000Z',
};
const chunkJob = (index: number): ChunkJob => ({
  version: 1,
  kind: 'chunk',
  workspaceUuid: JOB.workspaceUuid,
  repositoryUuid: JOB.repositoryUuid,
  pullRequestId: 42,
  headHash: HEAD,
  sourceBranch: 'feature',
  destinationHash: 'fedcba987654',
  destinationBranch: 'main',
  chunk: { index, count: 3, files: [{ path: 'src/a.ts' }] },
  startedAt: '2026-03-02T09:59:00.000Z',
});
const TIMING = {
  startedAt: new Date('2026-03-02T10:00:00.000Z'),
  endedAt: new Date('2026-03-02T10:00:07.250Z'),
};
const published = (passed: boolean, failed: PublishOutcome['failed'] = []): RunOutcome => ({
  action: 'published',
  headHash: HEAD,
  passed,
  apiCalls: 17,
  outcome: {
    published: ['status', 'report'],
    skipped: [],
    failed,
    annotations: { published: 3, total: 3 },
    inlineComments: { posted: 0, alreadyPosted: 0, aiWritten: 0, resolved: 0 },
    apiCalls: 9,
  },
});

describe('activityEntryFor', () => {
  it('a published run shows its verdict, the head commit abbreviated, how long it took and its API calls', () => {
    expect(activityEntryFor(JOB, published(true), TIMING)).toEqual({
      at: '2026-03-02T10:00:07.250Z',
      pullRequestId: 42,
      commit: '0123456789ab',
      outcome: 'passed',
      durationMs: 7250,
      apiCalls: 17,
    });
    expect(activityEntryFor(JOB, published(false), TIMING)).toMatchObject({ outcome: 'failed' });
  });

  it('a verdict whose publishing partly failed says which parts failed and why', () => {
    const entry = activityEntryFor(
      JOB,
      published(false, [
        { part: 'annotations', message: 'POST annotations answered HTTP 400' },
        { part: 'summary-comment', message: 'POST comments answered HTTP 403' },
      ]),
      TIMING,
    );
    expect(entry).toMatchObject({
      outcome: 'failed',
      reason:
        'annotations failed: POST annotations answered HTTP 400; summary-comment failed: POST comments answered HTTP 403',
    });
  });

  it('a run that stopped is an error with its reason; the commit is the one the job asked for', () => {
    const outcome: RunOutcome = { action: 'failed', reason: 'read the diffstat: HTTP 404', apiCalls: 2 };
    expect(activityEntryFor(JOB, outcome, TIMING)).toEqual({
      at: '2026-03-02T10:00:07.250Z',
      pullRequestId: 42,
      commit: '0123456789ab',
      outcome: 'error',
      durationMs: 7250,
      apiCalls: 2,
      reason: 'read the diffstat: HTTP 404',
    });
  });

  it('a retry says which attempt failed, why, and when the next one comes', () => {
    const retry: RunOutcome = {
      action: 'retry',
      reason: 'read the diff: HTTP 503',
      afterSeconds: 120,
      retryReason: 'FUNCTION_RETRY_REQUEST',
      retryData: { failure: 'read the diff: HTTP 503', outOfTime: false },
      apiCalls: 5,
    };
    expect(activityEntryFor(JOB, retry, { ...TIMING, attempt: { number: 2, max: 5 } })).toMatchObject({
      outcome: 'retrying',
      reason: 'attempt 2 of 5: read the diff: HTTP 503; next attempt in about 2 minutes',
    });
    const outOfTime: RunOutcome = { ...retry, retryData: { failure: 'out of time', outOfTime: true } };
    expect(activityEntryFor(JOB, outOfTime, TIMING)?.reason).toBe(
      'read the diff: HTTP 503; the next attempt splits it into chunks',
    );
  });

  it.each([
    ['superseded', 'superseded', 'the pull request moved on to 89abcdef0123'],
    ['duplicate', 'duplicate', '0123456789ab was already analysed'],
    ['not-analysed', 'not-analysed', "destination branch 'release' is not selected"],
    ['closed', 'not-analysed', 'the pull request is declined'],
  ] as const)('%s is listed as %s with the reason', (action, shown, reason) => {
    const entry = activityEntryFor(JOB, { action, reason, apiCalls: 1 }, TIMING);
    expect(entry).toMatchObject({ outcome: shown, reason, commit: '0123456789ab', apiCalls: 1 });
  });

  it('a large pull request split into chunks says so, on its resolved head', () => {
    const chunked: RunOutcome = {
      action: 'chunked',
      headHash: HEAD,
      chunks: 3,
      pushes: 1,
      reason: '1,200 files: 3 chunk jobs',
      apiCalls: 4,
    };
    expect(activityEntryFor(JOB, chunked, TIMING)).toMatchObject({
      outcome: 'chunked',
      commit: '0123456789ab',
      reason: '1,200 files: 3 chunk jobs',
    });
  });

  it('a chunk that only stored its result leaves no line; the chunk that publishes leaves the verdict', () => {
    const done: RunOutcome = {
      action: 'chunk-done',
      headHash: HEAD,
      chunk: 1,
      reason: '2 of 3 chunks done',
      apiCalls: 3,
    };
    expect(activityEntryFor(chunkJob(1), done, TIMING)).toBeUndefined();
    expect(activityEntryFor(chunkJob(2), published(true), TIMING)).toMatchObject({
      outcome: 'passed',
      commit: '0123456789ab',
    });
  });

  it('the chunks of a superseded head leave one line, not one per chunk', () => {
    const superseded: RunOutcome = {
      action: 'superseded',
      reason: 'now analysing 89abcdef0123',
      apiCalls: 1,
    };
    expect(activityEntryFor(chunkJob(0), superseded, TIMING)).toMatchObject({ outcome: 'superseded' });
    expect(activityEntryFor(chunkJob(1), superseded, TIMING)).toBeUndefined();
    expect(activityEntryFor(chunkJob(2), superseded, TIMING)).toBeUndefined();
  });

  it('a clock that stepped back shows no negative duration', () => {
    const backwards = { startedAt: TIMING.endedAt, endedAt: TIMING.startedAt };
    expect(activityEntryFor(JOB, published(true), backwards)?.durationMs).toBe(0);
  });
});

describe('activityReason', () => {
  it('puts a multi-line reason on one line', () => {
    expect(activityReason('HTTP 400:\n  {"error":\r\n"bad"}\t\u0007end')).toBe(
      'HTTP 400: {"error": "bad"} end',
    );
  });

  it('cuts a long reason to the cap, marking the cut', () => {
    const reason = activityReason(`${'x'.repeat(ACTIVITY_REASON_CHARS_MAX)} tail`);
    expect(reason).toHaveLength(ACTIVITY_REASON_CHARS_MAX);
    expect(reason.endsWith('…')).toBe(true);
    expect(reason).not.toContain('tail');
  });

  it('never cuts a character in half', () => {
    const reason = activityReason(`${'x'.repeat(ACTIVITY_REASON_CHARS_MAX - 2)}😀😀`);
    expect(reason).toBe(`${'x'.repeat(ACTIVITY_REASON_CHARS_MAX - 2)}…`);
  });
});

describe('recordActivity', () => {
  it("records the delivery under the job's repository, and nothing for a chunk that did not publish", async () => {
    const log = memoryActivityLog();
    const lines: string[] = [];
    await recordActivity(log, JOB, published(true), TIMING, (m) => lines.push(m));
    const done: RunOutcome = {
      action: 'chunk-done',
      headHash: HEAD,
      chunk: 0,
      reason: '1 of 3',
      apiCalls: 1,
    };
    await recordActivity(log, chunkJob(0), done, TIMING, (m) => lines.push(m));
    expect(await log.recent('15A31549-1CFF-45DC-9D0D-310114C5038B', 20)).toEqual([
      expect.objectContaining({ pullRequestId: 42, outcome: 'passed' }),
    ]);
    expect(lines).toEqual([]);
  });
});
