/**
 * The analysis job the trigger puts on the queue. It carries identifiers and hashes only: Forge limits an event to
 * 100 KB when the consumer's timeout exceeds 55 s (../shared/docs/forge-platform.md §7), and the consumer reads
 * everything else fresh from Bitbucket.
 */
import type { Parsed, PullRequestEvent, PullRequestRef } from './events';

export const ANALYSIS_QUEUE = 'lintel-pr-analysis';

export interface AnalysisJob extends PullRequestRef {
  version: 1;
  /** Abbreviated source head from the event; the consumer resolves it and drops the job if the PR moved on. */
  sourceHash: string;
  sourceBranch: string;
  /** Abbreviated destination head: with the source it names the diff, so no pull-request read is needed first. */
  destinationHash: string;
  destinationBranch: string;
  receivedAt: string;
}

export function jobFor(event: PullRequestEvent, now: Date): AnalysisJob {
  return {
    version: 1,
    workspaceUuid: event.workspaceUuid,
    repositoryUuid: event.repositoryUuid,
    pullRequestId: event.pullRequestId,
    sourceHash: event.sourceHash,
    sourceBranch: event.sourceBranch,
    destinationHash: event.destinationHash,
    destinationBranch: event.destinationBranch,
    receivedAt: now.toISOString(),
  };
}

export function parseJob(body: unknown): Parsed<AnalysisJob> {
  const job = body as Partial<AnalysisJob> | null;
  if (typeof job !== 'object' || job === null) return { ok: false, error: 'the queued job is not an object' };
  if (job.version !== 1) return { ok: false, error: `unknown job version ${JSON.stringify(job.version)}` };
  const missing = (
    ['workspaceUuid', 'repositoryUuid', 'sourceHash', 'sourceBranch', 'destinationHash'] as const
  ).filter((k) => typeof job[k] !== 'string' || job[k] === '');
  if (!Number.isInteger(job.pullRequestId)) missing.push('pullRequestId' as never);
  if (missing.length > 0) return { ok: false, error: `the queued job lacks ${missing.join(', ')}` };
  return { ok: true, value: job as AnalysisJob };
}
