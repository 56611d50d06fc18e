/**
 * The coordinator of a large pull request (docs/large-pull-requests.md): after INPROGRESS and the diffstat, it
 * records a chunk plan and queues one chunk job per slice of the analysable files, in pushes Forge accepts. It
 * analyses nothing itself, so it fits any invocation budget.
 */
import type { Settings } from '../settings/types';
import type { RepoRef } from '../bitbucket/models';
import type { SkipReason } from '../engine/types';
import { CHUNK_SKIPPED_MAX } from './chunk-result';
import type { ChunkPlan } from './chunk-store';
import type { ChunkPorts } from './ports';
import type { AnalysisJob, ChunkFile, ChunkJob } from './job';
import { planChunks, type LargePrBudget } from './large-pr';
import { pushBatches } from './queue-batches';
import type { RunOutcome } from './types';
import { describeFailure } from '../publish/failures';

export interface ChunkStart {
  job: AnalysisJob;
  repo: RepoRef;
  /** The fork the head lives in, for a pull request from one: every chunk job carries it. */
  fork?: RepoRef;
  headHash: string;
  wanted: readonly ChunkFile[];
  skipped: readonly SkipReason[];
  /** Why chunk mode: a budget exceeded, or the full diff answered 555. */
  reason: string;
  budget: LargePrBudget;
  /** Head path → changed lines from the diffstat: chunks are cut by changed lines too. */
  linesByPath?: ReadonlyMap<string, number>;
  startedAt: Date;
  firstReportOnCommit: boolean;
  /** The run's effective settings and their notices, snapshotted in the plan for every chunk. */
  settings: Settings;
  notices: string[];
  apiCalls: () => number;
  /**
   * Paced to the workspace's API budget (docs/rate-limits.md): only the first `startNow` chunks are pushed at once,
   * the rest with `delayInSeconds`; absent, all at once.
   */
  pace?: { startNow: number; laterSeconds: number };
}

export function chunkJobsFor(start: ChunkStart): ChunkJob[] {
  const { job, headHash } = start;
  const lines = start.linesByPath;
  const slices = planChunks(start.wanted, start.budget, lines ? (f) => lines.get(f.path) ?? 0 : undefined);
  return slices.map((files, index) => ({
    version: 1,
    kind: 'chunk',
    workspaceUuid: job.workspaceUuid,
    repositoryUuid: job.repositoryUuid,
    pullRequestId: job.pullRequestId,
    ...(job.projectUuid ? { projectUuid: job.projectUuid } : {}),
    headHash,
    sourceBranch: job.sourceBranch,
    destinationHash: job.destinationHash,
    destinationBranch: job.destinationBranch,
    ...(start.fork ? { fork: { ...start.fork } } : {}),
    chunk: { index, count: slices.length, files },
    startedAt: start.startedAt.toISOString(),
  }));
}

export async function startChunks(
  start: ChunkStart,
  ports: ChunkPorts,
  log: (message: string) => void,
): Promise<RunOutcome> {
  const jobs = chunkJobsFor(start);
  // Paced: the chunks the budget covers now are pushed at once, the rest wait on the queue (docs/rate-limits.md).
  const first = start.pace ? jobs.slice(0, start.pace.startNow) : jobs;
  const laterSeconds = start.pace?.laterSeconds ?? 0;
  const batches = [
    ...pushBatches(first).map((jobsOfPush) => ({ jobsOfPush, delayInSeconds: 0 })),
    ...pushBatches(jobs.slice(first.length)).map((jobsOfPush) => ({
      jobsOfPush,
      delayInSeconds: laterSeconds,
    })),
  ];
  const plan: ChunkPlan = {
    headHash: start.headHash,
    chunkCount: jobs.length,
    createdAt: start.startedAt.toISOString(),
    skipped: start.skipped.slice(0, CHUNK_SKIPPED_MAX),
    skippedCount: start.skipped.length,
    firstReportOnCommit: start.firstReportOnCommit,
    queued: false,
    settings: start.settings,
    ...(start.notices.length > 0 ? { notices: start.notices } : {}),
  };
  const ref = { repositoryUuid: start.job.repositoryUuid, pullRequestId: start.job.pullRequestId };
  // The plan first: a chunk that finds no plan for its head treats itself as superseded.
  await ports.store.savePlan(ref, plan);
  for (const { jobsOfPush, delayInSeconds } of batches) {
    await ports.queue.push(jobsOfPush, delayInSeconds > 0 ? { delayInSeconds } : undefined);
  }
  // A coordinator that dies before this line is retried and pushes everything again; chunk results are keyed by
  // index, so the repeats overwrite rather than add. For the same reason a storage failure here is only logged: the
  // chunks are on the queue and will publish, so reporting the run as failed would be untrue.
  try {
    await ports.store.savePlan(ref, { ...plan, queued: true });
  } catch (error) {
    log(
      `could not mark the chunk plan as queued (a redelivered job would queue the chunks again): ${describeFailure(error)}`,
    );
  }
  return {
    action: 'chunked',
    headHash: start.headHash,
    chunks: jobs.length,
    pushes: batches.length,
    reason: `${start.reason}: ${start.wanted.length} files queued as ${jobs.length} chunk jobs in ${batches.length} pushes`,
    apiCalls: start.apiCalls(),
  };
}
