/**
 * One line of the repository page's activity list per delivery of a queued job (docs/settings.md, "Activity"): what
 * the run ended with, in words an admin can act on. Pure: the consumer records the entry (record-activity.ts).
 *
 * An entry holds identifiers, counts and the pipeline's own reasons only — never file content or a setting's
 * value. Reasons are already written for statuses and logs; they are still cut and put on one line here, so an
 * entry stays small (one kvs write unit) and renders as one row.
 */
import type { ActivityEntry } from './activity-entry';
import { ACTIVITY_COMMIT_CHARS, ACTIVITY_REASON_CHARS_MAX } from './activity-limits';
import type { QueuedJob } from './job';
import { inAbout, type RunAttempt } from './retry-policy';
import type { RunOutcome } from './types';

export { ACTIVITY_COMMIT_CHARS, ACTIVITY_REASON_CHARS_MAX };

export type { ActivityEntry } from './activity-entry';

export interface ActivityTiming {
  startedAt: Date;
  endedAt: Date;
  /** Which delivery this was (Forge's retryContext), so a retry line says "attempt 2 of 5". */
  attempt?: Pick<RunAttempt, 'number' | 'max'>;
}

/** One line, control characters and runs of whitespace folded to one space, cut with an ellipsis. */
export function activityReason(text: string): string {
  const line = text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  if (line.length <= ACTIVITY_REASON_CHARS_MAX) return line;
  // Never half of a surrogate pair: the page would show a replacement character.
  const cut = line.slice(0, ACTIVITY_REASON_CHARS_MAX - 1).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut.trimEnd()}…`;
}

/** The commit a job names before any outcome says more: a chunk's full head, a whole job's abbreviated source. */
function commitOf(job: QueuedJob): string {
  return job.kind === 'chunk' ? job.headHash : job.sourceHash;
}

type Described = Pick<ActivityEntry, 'outcome'> & { reason?: string; commit?: string };

function describe(job: QueuedJob, outcome: RunOutcome, timing: ActivityTiming): Described | undefined {
  switch (outcome.action) {
    case 'published': {
      const failed = outcome.outcome.failed.map((f) => `${f.part} failed: ${f.message}`).join('; ');
      // Files not analysed are said first (docs/gate.md); with no failing condition the run counts as not analysed.
      const reason = [outcome.notAnalysed, failed].filter(Boolean).join('; ');
      return {
        outcome: outcome.verdict ?? (outcome.passed ? 'passed' : 'failed'),
        commit: outcome.headHash,
        ...(reason ? { reason } : {}),
      };
    }
    case 'failed':
      return { outcome: 'error', reason: outcome.reason };
    case 'retry': {
      const attempt = timing.attempt ? `attempt ${timing.attempt.number} of ${timing.attempt.max}: ` : '';
      const next = outcome.retryData.outOfTime
        ? 'the next attempt splits it into chunks'
        : `next attempt in ${inAbout(outcome.afterSeconds)}`;
      return { outcome: 'retrying', reason: `${attempt}${outcome.reason}; ${next}` };
    }
    case 'waiting':
      // Pushed back onto the queue until the workspace's Bitbucket budget covers it (docs/rate-limits.md).
      return { outcome: 'retrying', reason: outcome.reason };
    case 'superseded':
    case 'duplicate':
      // Every chunk of a large pull request stops the same way; its first chunk speaks for the set, so one push
      // over a 50-chunk pull request does not push 49 other analyses off the list.
      if (job.kind === 'chunk' && job.chunk.index !== 0) return undefined;
      return { outcome: outcome.action, reason: outcome.reason };
    case 'closed':
      // A closed pull request is left alone: from the admin's side, nothing was analysed, and why.
      return { outcome: 'not-analysed', reason: outcome.reason };
    case 'not-analysed':
      return { outcome: 'not-analysed', reason: outcome.reason };
    case 'chunked':
      return { outcome: 'chunked', commit: outcome.headHash, reason: outcome.reason };
    case 'chunk-done':
      // A chunk that stored its result and left publishing to another: the publishing chunk's line tells the run.
      return undefined;
  }
}

/** The activity line for one delivery, or undefined when it is not worth one (a chunk that did not publish). */
export function activityEntryFor(
  job: QueuedJob,
  outcome: RunOutcome,
  timing: ActivityTiming,
): ActivityEntry | undefined {
  const described = describe(job, outcome, timing);
  if (!described) return undefined;
  const reason = described.reason === undefined ? '' : activityReason(described.reason);
  return {
    at: timing.endedAt.toISOString(),
    pullRequestId: job.pullRequestId,
    commit: (described.commit ?? commitOf(job)).slice(0, ACTIVITY_COMMIT_CHARS),
    outcome: described.outcome,
    // A clock that stepped back (NTP) must not show a negative duration.
    durationMs: Math.max(0, Math.round(timing.endedAt.getTime() - timing.startedAt.getTime())),
    apiCalls: outcome.apiCalls,
    ...(reason ? { reason } : {}),
  };
}
