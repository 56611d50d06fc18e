/**
 * One chunk job of a large pull request (docs/large-pull-requests.md): analyse the chunk's files, record a compact
 * result with a small done marker keyed by head and chunk index, count the markers, and — when they complete the set
 * — elect one publisher through a FAIL_IF_EXISTS lock, read the results once, aggregate, publish with the ordinary
 * publisher and clear the chunk keys.
 */
import type { RepoRef } from '../bitbucket/models';
import { statusFor } from '../publish';
import type { Settings } from '../settings/types';
import type { CodeWindow } from '../ai/code-window';
import { aggregateChunks } from './aggregate-chunks';
import { compactChunkResult, failedChunkResult, type ChunkResult } from './chunk-result';
import type { ChunkPlan, ChunkRef } from './chunk-store';
import type { ChunkPorts } from './ports';
import { memo } from './concurrency';
import { fetchChunk } from './fetch-chunk';
import { readSeparatelyNotice } from './read-separately';
import type { ChunkJob } from './job';
import { reviewWindowsFor } from './review-windows';
import { publishVerdict, pullRequestFromJob, reportRunFailure, sameCommit } from './publish-run';
import { withinBudget, workBudgetMs } from './run-budget';
import type { PipelineDeps, RunOutcome, StoredRun } from './types';
import { describeFailure } from '../publish/failures';
import { effectiveSettingsFor } from './effective-settings';
import { rateLimitedDecision } from './api-budget';
import { ApiBudgetExhaustedError, budgetNow, isRateLimited, waitForBudget, type Wait } from './api-pacing';
import { chunkRequests, publishRequests } from './request-estimate';

/**
 * Time a chunk leaves unused for storing its result and, if it completes the set, publishing (one report, up to
 * ten annotation batches, comments, status): a chunk still analysing then records itself as failed instead of
 * being killed at the invocation's deadline, which would leave the set incomplete and the status spinning. A shorter
 * invocation keeps a quarter of its time instead (workBudgetMs).
 */
export const CHUNK_PUBLISH_RESERVE_MS = 120_000;

export async function runChunk(
  job: ChunkJob,
  deps: PipelineDeps & { chunks: ChunkPorts },
): Promise<RunOutcome> {
  const { api, store } = deps;
  const repo: RepoRef = { workspace: job.workspaceUuid, repository: job.repositoryUuid };
  // Where the head commit lives: the fork a pull request comes from, or the repository itself.
  const headRepo: RepoRef = job.fork ?? repo;
  const ref: ChunkRef = { repositoryUuid: job.repositoryUuid, pullRequestId: job.pullRequestId };
  const { headHash } = job;
  const chunk = job.chunk.index;
  const calls = () => api.client.calls;

  const previous = await store.get(job.repositoryUuid, job.pullRequestId);
  if (previous?.state === 'done' && sameCommit(previous.headHash, headHash) && !newerRunThan(job, previous)) {
    return {
      action: 'duplicate',
      reason: `${headHash.slice(0, 12)} was already analysed`,
      apiCalls: calls(),
    };
  }
  const pullRequest = pullRequestFromJob({ ...job, sourceHash: headHash });
  const plan = await deps.chunks.store.plan(ref);
  // The coordinator's snapshot: every chunk judges by the settings the run started with, read once.
  const settings =
    plan?.settings ??
    (
      await effectiveSettingsFor(
        {
          repo,
          ...(job.projectUuid ? { projectUuid: job.projectUuid } : {}),
          destinationHash: job.destinationHash,
        },
        deps,
      )
    ).settings;
  if (!plan || plan.headHash !== headHash) {
    // A newer head was planned: this head's results no longer matter. One chunk stops its INPROGRESS status.
    if (settings.statusChecks && (await deps.chunks.store.claimPublisher(ref, headHash, chunk))) {
      await api.postBuildStatus(
        headRepo,
        headHash,
        statusFor(pullRequest, 'STOPPED', 'Superseded by a newer commit.'),
      );
    }
    const now = plan ? `now analysing ${plan.headHash.slice(0, 12)}` : 'no plan for it';
    return {
      action: 'superseded',
      reason: `chunk ${chunk + 1} of ${headHash.slice(0, 12)}: ${now}`,
      apiCalls: calls(),
    };
  }

  const at = { repo, ref, settings, pullRequest };
  if (job.publishing) {
    // Publishing the set (a report of up to 1,000 annotations, comments, the status) waits for budget like reading.
    const files = job.chunk.count * job.chunk.files.length;
    const publishing = await deps.jobBudget?.admit(publishRequests(files, settings));
    const waited = publishing && !publishing.go ? await waitAsChunk(job, publishing, deps) : undefined;
    if (waited && 'action' in waited) return waited;
    return publishQueued(job, plan, at, deps);
  }

  // Each chunk reserves its reads before making them; without budget it waits on the queue (docs/rate-limits.md).
  const need = await deps.jobBudget?.admit(chunkRequests(job.chunk.files.length));
  const waited = need && !need.go ? await waitAsChunk(job, need, deps) : undefined;
  if (waited && 'action' in waited) return waited;
  const result = waited ?? (await analyseChunkOrWait(job, repo, settings, deps));
  if ('action' in result) return result;
  if (result.state === 'failed')
    deps.log(`chunk ${chunk + 1} of ${job.chunk.count} failed: ${result.reason}`);

  // A storage failure before this point leaves nothing of this chunk behind: it throws, and runQueuedJob retries the
  // job or stops it. From here on one past the store's own retries is reported here (another attempt of this chunk,
  // or STOPPED with the reason on the last): without this chunk counted no chunk can complete the set, and the
  // status would spin.
  let finished: number;
  try {
    await deps.chunks.store.recordResult(ref, headHash, result);
    // Every chunk counts after recording itself, so the last one to record always sees the full set.
    finished = await deps.chunks.store.finishedCount(ref, headHash);
    if (finished >= job.chunk.count && !(await deps.chunks.store.claimPublisher(ref, headHash, chunk))) {
      return { action: 'chunk-done', headHash, chunk, reason: 'another chunk publishes', apiCalls: calls() };
    }
  } catch (error) {
    return reportRunFailure(error, failureTarget(job, at), deps);
  }
  if (finished < job.chunk.count) {
    return {
      action: 'chunk-done',
      headHash,
      chunk,
      reason: `${finished} of ${job.chunk.count} chunks done`,
      apiCalls: calls(),
    };
  }
  return queuePublisher(job, at, deps);
}

/**
 * The chunk that completed the set does not publish itself: it queues itself again as the set's publisher, under the
 * pull request's own concurrency key, so publishing never overlaps a whole-pull-request run of a newer push (which
 * holds that key; chunk jobs hold another) — the newest head's verdict is the last one written, and written once.
 */
async function queuePublisher(
  job: ChunkJob,
  at: ChunkAt,
  deps: PipelineDeps & { chunks: ChunkPorts },
): Promise<RunOutcome> {
  try {
    await deps.chunks.queue.push([{ ...job, publishing: true as const }]);
  } catch (error) {
    const failed = await reportRunFailure(error, failureTarget(job, at), deps);
    await quietly(
      'release the publisher lock',
      () => deps.chunks.store.releasePublisher(at.ref, job.headHash, job.chunk.index),
      deps.log,
    );
    return failed;
  }
  return {
    action: 'chunk-done',
    headHash: job.headHash,
    chunk: job.chunk.index,
    reason: `all ${job.chunk.count} chunks done; the publisher is queued`,
    apiCalls: deps.api.client.calls,
  };
}

/** The queued publisher: the lock is its chunk's already (or again, after a release), then it publishes. */
async function publishQueued(
  job: ChunkJob,
  plan: ChunkPlan,
  at: ChunkAt,
  deps: PipelineDeps & { chunks: ChunkPorts },
): Promise<RunOutcome> {
  let claimed: boolean;
  try {
    claimed = await deps.chunks.store.claimPublisher(at.ref, job.headHash, job.chunk.index);
  } catch (error) {
    return reportRunFailure(error, failureTarget(job, at), deps);
  }
  if (!claimed) {
    const reason = 'another chunk publishes';
    return {
      action: 'chunk-done',
      headHash: job.headHash,
      chunk: job.chunk.index,
      reason,
      apiCalls: deps.api.client.calls,
    };
  }
  return publishChunks(job, plan, at, deps);
}

/**
 * A chunk of a run that started after the head's verdict was stored is no duplicate: the head is analysed again on
 * purpose (it was not fully analysed, docs/gate.md, or someone asked for a re-analysis). A late delivery of the run
 * that stored the verdict started before it, and is one.
 */
function newerRunThan(job: ChunkJob, previous: StoredRun): boolean {
  return previous.analysedAt !== undefined && Date.parse(job.startedAt) > Date.parse(previous.analysedAt);
}

interface ChunkAt {
  repo: RepoRef;
  ref: ChunkRef;
  settings: Settings;
  pullRequest: ReturnType<typeof pullRequestFromJob>;
}

/** Where the chunk set's verdict or failure is published: statuses on the head commit, in the fork for a fork PR. */
const publishingTarget = (job: ChunkJob, at: ChunkAt) => ({
  repositoryUuid: job.repositoryUuid,
  repo: at.repo,
  ...(job.fork ? { headRepo: job.fork } : {}),
  pullRequestId: job.pullRequestId,
  headHash: job.headHash,
  pullRequest: at.pullRequest,
});

const failureTarget = (job: ChunkJob, at: ChunkAt) => ({
  ...publishingTarget(job, at),
  settings: at.settings,
});

/** Chunk indexes below `count` with no stored result. */
function missingChunks(results: readonly ChunkResult[], count: number): number[] {
  const present = new Set(results.map((r) => r.index));
  return Array.from({ length: count }, (_, i) => i).filter((i) => !present.has(i));
}

/** Housekeeping whose failure changes nothing a user sees (the keys expire on their own): logged, not thrown. */
async function quietly(
  what: string,
  work: () => Promise<void>,
  log: (message: string) => void,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    log(`could not ${what}: ${describeFailure(error)}`);
  }
}

/**
 * The publisher reads every result once, aggregates and publishes. On failure it reports it (another attempt, or
 * STOPPED with the reason) and gives the lock up, so the next delivery of any chunk can publish instead of finding
 * the lock held for its TTL.
 */
async function publishChunks(
  job: ChunkJob,
  plan: ChunkPlan,
  at: ChunkAt,
  deps: PipelineDeps & { chunks: ChunkPorts },
): Promise<RunOutcome> {
  const store = deps.chunks.store;
  let outcome: RunOutcome;
  try {
    const results = await store.results(at.ref, job.headHash, plan.chunkCount);
    const missing = missingChunks(results, plan.chunkCount);
    if (missing.length > 0) {
      throw new Error(
        `the stored results of chunk ${missing.map((i) => i + 1).join(', ')} of ${plan.chunkCount} are gone (expired?); push a new commit to analyse again`,
      );
    }
    outcome = await publishAggregate(job, plan, results, at, deps);
  } catch (error) {
    const release = () =>
      quietly(
        'release the publisher lock',
        () => store.releasePublisher(at.ref, job.headHash, job.chunk.index),
        deps.log,
      );
    // Bitbucket refused requests past the client's retries: the set is published later, costing no attempt, as a
    // whole pull request waits (docs/rate-limits.md). Every part of publishing is idempotent.
    if (deps.jobBudget && isRateLimited(error)) {
      await release();
      try {
        return await waitForBudget(job, rateLimitedDecision(budgetNow(deps)), deps);
      } catch (waitError) {
        return reportRunFailure(waitError, failureTarget(job, at), deps);
      }
    }
    const failed = await reportRunFailure(error, failureTarget(job, at), deps);
    await release();
    return failed;
  }
  await quietly('delete the chunk keys', () => store.clear(at.ref, job.headHash, plan.chunkCount), deps.log);
  // The verdict is stored, so late chunks of this set are duplicates; a later run of the same head (not fully
  // analysed, or re-analysed on request) must be able to take the lock for its own publisher.
  await quietly(
    'release the publisher lock',
    () => store.releasePublisher(at.ref, job.headHash, job.chunk.index),
    deps.log,
  );
  return outcome;
}

async function publishAggregate(
  job: ChunkJob,
  plan: ChunkPlan,
  results: ChunkResult[],
  at: ChunkAt,
  deps: PipelineDeps,
): Promise<RunOutcome> {
  const common = publishingTarget(job, at);
  const aggregated = aggregateChunks(results, plan.chunkCount, {
    skipped: plan.skipped,
    skippedCount: plan.skippedCount,
  });
  if (aggregated.failedChunks > 0) {
    deps.log(
      `${aggregated.failedChunks} of ${plan.chunkCount} chunks failed; their files are reported as not analysed`,
    );
  }
  return publishVerdict(
    {
      ...common,
      settings: at.settings,
      analysis: aggregated.analysis,
      gateFacts: aggregated.gateFacts,
      changedLines: aggregated.changedLines,
      startedAt: Date.parse(job.startedAt),
      firstReportOnCommit: plan.firstReportOnCommit,
      ...noticesOf(plan, results),
      ...(at.settings.aiComments ? { codeWindows: codeWindowsOf(results) } : {}),
    },
    deps,
  );
}

/** Every chunk's code windows for the AI review, by fingerprint (each chunk cut them from its own head files). */
function codeWindowsOf(results: readonly ChunkResult[]): Map<string, CodeWindow> {
  return new Map(results.flatMap((r) => Object.entries(r.codeWindows ?? {})));
}

/** The plan's settings notices, and one sentence for every chunk's files read on their own. */
function noticesOf(plan: ChunkPlan, results: readonly ChunkResult[]): { notices?: string[] } {
  const readNotice = readSeparatelyNotice(
    results.flatMap((r) => r.readSeparately ?? []),
    results.reduce((n, r) => n + (r.readSeparatelyCount ?? 0), 0),
  );
  const notices = [...(plan.notices ?? []), ...(readNotice ? [readNotice] : [])];
  return notices.length > 0 ? { notices } : {};
}

/**
 * A chunk waits for API budget on the queue; one that waited a day is recorded as failed, so its files are reported
 * as not analysed (docs/gate.md) and the set can still complete.
 */
async function waitAsChunk(job: ChunkJob, wait: Wait, deps: PipelineDeps): Promise<RunOutcome | ChunkResult> {
  try {
    return await waitForBudget(job, wait, deps);
  } catch (error) {
    if (!(error instanceof ApiBudgetExhaustedError)) throw error;
    return failedChunkResult(
      job.chunk.index,
      job.chunk.files.map((f) => f.path),
      error.message,
    );
  }
}

/** The chunk's analysis; Bitbucket refusing its requests (429 past the client's retries) makes it wait instead. */
async function analyseChunkOrWait(
  job: ChunkJob,
  repo: RepoRef,
  settings: Settings,
  deps: PipelineDeps,
): Promise<RunOutcome | ChunkResult> {
  try {
    return await analyseChunk(job, repo, settings, deps);
  } catch (error) {
    if (!isRateLimited(error)) throw error;
    return waitAsChunk(job, rateLimitedDecision(budgetNow(deps)), deps);
  }
}

async function analyseChunk(
  job: ChunkJob,
  repo: RepoRef,
  settings: Settings,
  deps: PipelineDeps,
): Promise<ChunkResult> {
  const paths = job.chunk.files.map((f) => f.path);
  const work = async (): Promise<ChunkResult> => {
    const source = {
      repo,
      ...(job.fork ? { fork: job.fork } : {}),
      headHash: job.headHash,
      destinationHash: job.destinationHash,
      mergeBase: memo(() => deps.api.mergeBase(job.fork ?? repo, job.headHash, job.destinationHash)),
    };
    const change = await fetchChunk(deps.api, source, job.chunk.files);
    const analysis = await deps.analyzeChange(change, {
      thresholds: settings.thresholds,
      disabledRules: settings.disabledRules,
    });
    return compactChunkResult({
      index: job.chunk.index,
      paths,
      analysis,
      changedLines: change.changedLines,
      skipped: change.skipped,
      readSeparately: change.readSeparately,
      baseTexts: change.base.map((f) => f.text),
      // Cut while this chunk's head files are at hand: the publisher never reads code (docs/ai.md).
      ...(settings.aiComments ? { codeWindows: reviewWindowsFor(analysis, change.head) } : {}),
    });
  };
  try {
    const ms = workBudgetMs(deps.clock.remainingMs(), CHUNK_PUBLISH_RESERVE_MS);
    return await withinBudget(work, ms, "the chunk ran out of the consumer's time budget");
  } catch (error) {
    // With a budget to wait on, a 429 is not the chunk's failure: the caller pushes the chunk back instead.
    if (deps.jobBudget && isRateLimited(error)) throw error;
    return failedChunkResult(job.chunk.index, paths, describeFailure(error));
  }
}
