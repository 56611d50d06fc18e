/**
 * The analysis job the trigger puts on the queue. It carries identifiers and hashes only: Forge limits an event to
 * 100 KB when the consumer's timeout exceeds 55 s (../shared/docs/forge-platform.md §7), and the consumer reads
 * everything else fresh from Bitbucket.
 */
import { budgetWaitProblem, type BudgetWait } from './budget-wait';
import type { Parsed, PullRequestEvent, PullRequestRef } from './events';

export const ANALYSIS_QUEUE = 'lintel-pr-analysis';

export interface AnalysisJob extends PullRequestRef {
  version: 1;
  /** Absent in jobs queued before chunk mode existed: they are whole-pull-request jobs. */
  kind?: 'pull-request';
  /** The repository's project from the event, for its settings; absent when the event named none. */
  projectUuid?: string;
  /** Abbreviated source head from the event; the consumer resolves it and drops the job if the PR moved on. */
  sourceHash: string;
  sourceBranch: string;
  /** Abbreviated destination head: with the source it names the diff, so no pull-request read is needed first. */
  destinationHash: string;
  destinationBranch: string;
  receivedAt: string;
  /**
   * Set when someone asked for the run with "Re-analyse" (src/forge/resolvers/reanalyze.ts): the head is analysed
   * again although it already was, once per request (run-pull-request.ts). `accountId` is whom Forge said asked.
   */
  reanalysis?: { requestedAt: string; accountId: string };
  /** Set on a job pushed back to wait for Bitbucket API budget (docs/rate-limits.md). */
  waiting?: BudgetWait;
}

export function jobFor(event: PullRequestEvent, now: Date): AnalysisJob {
  return {
    version: 1,
    workspaceUuid: event.workspaceUuid,
    repositoryUuid: event.repositoryUuid,
    pullRequestId: event.pullRequestId,
    ...(event.projectUuid ? { projectUuid: event.projectUuid } : {}),
    sourceHash: event.sourceHash,
    sourceBranch: event.sourceBranch,
    destinationHash: event.destinationHash,
    destinationBranch: event.destinationBranch,
    receivedAt: now.toISOString(),
  };
}

/** Why an optional `projectUuid` is unusable, or undefined when it is absent or a non-empty string. */
function projectUuidProblem(projectUuid: unknown): string | undefined {
  if (projectUuid === undefined || (typeof projectUuid === 'string' && projectUuid !== '')) return undefined;
  return 'projectUuid must be a non-empty string when present';
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
  const projectProblem = projectUuidProblem(job.projectUuid);
  if (projectProblem) return { ok: false, error: `the queued job's ${projectProblem}` };
  const reanalysisProblem = reanalysisProblemOf(job.reanalysis);
  if (reanalysisProblem) return { ok: false, error: `the queued job's ${reanalysisProblem}` };
  const waitProblem = budgetWaitProblem(job.waiting);
  if (waitProblem) return { ok: false, error: `the queued job's ${waitProblem}` };
  return { ok: true, value: job as AnalysisJob };
}

/** Why an optional `reanalysis` is unusable: it must name a valid time and an account. */
function reanalysisProblemOf(reanalysis: unknown): string | undefined {
  if (reanalysis === undefined) return undefined;
  const r = reanalysis as { requestedAt?: unknown; accountId?: unknown } | null;
  const valid =
    typeof r === 'object' &&
    r !== null &&
    typeof r.requestedAt === 'string' &&
    !Number.isNaN(Date.parse(r.requestedAt)) &&
    typeof r.accountId === 'string' &&
    r.accountId !== '';
  return valid ? undefined : 'reanalysis must be { requestedAt: an ISO time, accountId: a non-empty string }';
}

/**
 * One file a chunk job analyses: `oldPath` only when the file was renamed (the diff needs both names), `added` when
 * it has no base version.
 */
export interface ChunkFile {
  path: string;
  oldPath?: string;
  added?: true;
}

/**
 * A slice of a large pull request (docs/large-pull-requests.md): the coordinator has resolved the head and planned
 * the chunks, so the job carries the full head hash and its own file paths — at most CHUNK_PATH_CHARS_MAX
 * characters of them, far below Forge's 100 KB per event.
 */
export interface ChunkJob extends PullRequestRef {
  version: 1;
  kind: 'chunk';
  /** Full 40-character source head the coordinator resolved; every chunk key includes it. */
  headHash: string;
  sourceBranch: string;
  destinationHash: string;
  destinationBranch: string;
  /** The fork `headHash` lives in, for a pull request from one (docs/forks.md); absent: the repository itself. */
  fork?: { workspace: string; repository: string };
  /** The coordinator's `projectUuid`, so every chunk reads the same project settings. */
  projectUuid?: string;
  chunk: { index: number; count: number; files: ChunkFile[] };
  /** When the coordinator started the run: the report's analysis time counts from it. */
  startedAt: string;
  /**
   * The set's publisher: the chunk that completed the set queues itself again with this flag, under the pull
   * request's own concurrency key (src/forge/ports.ts), so no other run of the pull request writes while it publishes.
   */
  publishing?: true;
  /** Set on a chunk pushed back to wait for Bitbucket API budget (docs/rate-limits.md). */
  waiting?: BudgetWait;
}

export type QueuedJob = AnalysisJob | ChunkJob;

function parseChunkJob(job: Partial<ChunkJob>): Parsed<ChunkJob> {
  const missing: string[] = (
    ['workspaceUuid', 'repositoryUuid', 'headHash', 'sourceBranch', 'destinationHash', 'startedAt'] as const
  ).filter((k) => typeof job[k] !== 'string' || job[k] === '');
  if (!Number.isInteger(job.pullRequestId)) missing.push('pullRequestId');
  if (missing.length > 0) return { ok: false, error: `the queued chunk job lacks ${missing.join(', ')}` };
  if (!/^[0-9a-f]{40}$/i.test(job.headHash as string)) {
    return { ok: false, error: "the queued chunk job's headHash is not a full 40-character commit hash" };
  }
  const projectProblem = projectUuidProblem(job.projectUuid);
  if (projectProblem) return { ok: false, error: `the queued chunk job's ${projectProblem}` };
  const waitProblem = budgetWaitProblem(job.waiting);
  if (waitProblem) return { ok: false, error: `the queued chunk job's ${waitProblem}` };
  if (job.publishing !== undefined && job.publishing !== true)
    return { ok: false, error: "the queued chunk job's publishing must be true when present" };
  const fork = job.fork as Partial<NonNullable<ChunkJob['fork']>> | undefined;
  if (
    fork !== undefined &&
    !(
      typeof fork === 'object' &&
      fork !== null &&
      typeof fork.workspace === 'string' &&
      fork.workspace !== '' &&
      typeof fork.repository === 'string' &&
      fork.repository !== ''
    )
  ) {
    return {
      ok: false,
      error: "the queued chunk job's fork must be { workspace, repository } with non-empty names",
    };
  }
  const chunk = job.chunk as Partial<ChunkJob['chunk']> | undefined;
  if (typeof chunk !== 'object' || chunk === null)
    return { ok: false, error: 'the queued chunk job lacks chunk' };
  const { index, count, files } = chunk;
  if (!Number.isInteger(count) || (count as number) < 1) {
    return { ok: false, error: 'chunk.count must be a positive integer' };
  }
  if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= (count as number)) {
    return {
      ok: false,
      error: `chunk.index must be an integer from 0 to chunk.count - 1 (${String(count)})`,
    };
  }
  const fileOk = (f: unknown): boolean => {
    const file = f as Partial<ChunkFile> | null;
    return (
      typeof file === 'object' &&
      file !== null &&
      typeof file.path === 'string' &&
      file.path !== '' &&
      (file.oldPath === undefined || (typeof file.oldPath === 'string' && file.oldPath !== '')) &&
      (file.added === undefined || file.added === true)
    );
  };
  if (!Array.isArray(files) || files.length === 0 || !files.every(fileOk)) {
    return {
      ok: false,
      error: 'chunk.files must be a non-empty list of { path, oldPath?, added? } with non-empty paths',
    };
  }
  return { ok: true, value: job as ChunkJob };
}

/** Either kind of queued job; `kind` discriminates, and a job without it is a whole-pull-request job. */
export function parseQueuedJob(body: unknown): Parsed<QueuedJob> {
  const job = body as { version?: unknown; kind?: unknown } | null;
  if (typeof job !== 'object' || job === null) return { ok: false, error: 'the queued job is not an object' };
  if (job.version !== 1) return { ok: false, error: `unknown job version ${JSON.stringify(job.version)}` };
  if (job.kind === 'chunk') return parseChunkJob(job as Partial<ChunkJob>);
  if (job.kind !== undefined && job.kind !== 'pull-request') {
    return { ok: false, error: `unknown job kind ${JSON.stringify(job.kind)}` };
  }
  return parseJob(body);
}
