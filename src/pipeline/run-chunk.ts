/**
 * One chunk job of a large pull request (docs/large-pull-requests.md): analyse the chunk's files, store a compact
 * result keyed by head and chunk index, and — when this result completes the set — elect one publisher through a
 * FAIL_IF_EXISTS lock, aggregate, publish with the ordinary publisher and clear the chunk keys.
 */
import type { RepoRef } from '../bitbucket/models';
import { analyzeChange } from '../engine';
import { statusFor } from '../publish';
import type { Settings } from '../settings/types';
import { aggregateChunks } from './aggregate-chunks';
import { compactChunkResult, failedChunkResult, type ChunkResult } from './chunk-result';
import type { ChunkPlan, ChunkPorts, ChunkRef } from './chunk-ports';
import { memo } from './concurrency';
import { fetchChunk } from './fetch-chunk';
import type { ChunkJob } from './job';
import { publishVerdict, pullRequestFromJob, reportRunFailure, sameCommit } from './publish-run';
import type { PipelineDeps, RunOutcome } from './types';

/**
 * Time a chunk leaves unused for storing its result and, if it completes the set, publishing (one report, up to
 * ten annotation batches, comments, status): a chunk still analysing then records itself as failed instead of
 * being killed at the invocation's deadline, which would leave the set incomplete and the status spinning.
 */
export const CHUNK_PUBLISH_RESERVE_MS = 120_000;

export async function runChunk(
  job: ChunkJob,
  deps: PipelineDeps & { chunks: ChunkPorts },
): Promise<RunOutcome> {
  const { api, store } = deps;
  const repo: RepoRef = { workspace: job.workspaceUuid, repository: job.repositoryUuid };
  const ref: ChunkRef = { repositoryUuid: job.repositoryUuid, pullRequestId: job.pullRequestId };
  const { headHash } = job;
  const chunk = job.chunk.index;
  const calls = () => api.client.calls;

  const previous = await store.get(job.repositoryUuid, job.pullRequestId);
  if (previous?.state === 'done' && sameCommit(previous.headHash, headHash)) {
    return {
      action: 'duplicate',
      reason: `${headHash.slice(0, 12)} was already analysed`,
      apiCalls: calls(),
    };
  }
  const settings = await deps.loadSettings(repo);
  const pullRequest = pullRequestFromJob({ ...job, sourceHash: headHash });
  const plan = await deps.chunks.store.plan(ref);
  if (!plan || plan.headHash !== headHash) {
    // A newer head was planned: this head's results no longer matter. One chunk stops its INPROGRESS status.
    if (settings.statusChecks && (await deps.chunks.store.claimPublisher(ref, headHash, chunk))) {
      await api.postBuildStatus(
        repo,
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

  const result = await analyseChunk(job, repo, settings, deps);
  if (result.state === 'failed')
    deps.log(`chunk ${chunk + 1} of ${job.chunk.count} failed: ${result.reason}`);
  await deps.chunks.store.saveResult(ref, headHash, result);

  const results = await deps.chunks.store.results(ref, headHash);
  const done = new Set(results.map((r) => r.index)).size;
  if (done < job.chunk.count) {
    return {
      action: 'chunk-done',
      headHash,
      chunk,
      reason: `${done} of ${job.chunk.count} chunks done`,
      apiCalls: calls(),
    };
  }
  if (!(await deps.chunks.store.claimPublisher(ref, headHash, chunk))) {
    return { action: 'chunk-done', headHash, chunk, reason: 'another chunk publishes', apiCalls: calls() };
  }
  return publishChunks(job, plan, results, { repo, ref, settings, pullRequest }, deps);
}

async function publishChunks(
  job: ChunkJob,
  plan: ChunkPlan,
  results: ChunkResult[],
  at: {
    repo: RepoRef;
    ref: ChunkRef;
    settings: Settings;
    pullRequest: ReturnType<typeof pullRequestFromJob>;
  },
  deps: PipelineDeps & { chunks: ChunkPorts },
): Promise<RunOutcome> {
  const common = {
    repositoryUuid: job.repositoryUuid,
    repo: at.repo,
    pullRequestId: job.pullRequestId,
    headHash: job.headHash,
    pullRequest: at.pullRequest,
  };
  try {
    const aggregated = aggregateChunks(results, plan.chunkCount, {
      skipped: plan.skipped,
      skippedCount: plan.skippedCount,
    });
    if (aggregated.failedChunks > 0) {
      deps.log(
        `${aggregated.failedChunks} of ${plan.chunkCount} chunks failed; their files are reported as not analysed`,
      );
    }
    const outcome = await publishVerdict(
      {
        ...common,
        settings: at.settings,
        analysis: aggregated.analysis,
        gateFacts: aggregated.gateFacts,
        changedLines: aggregated.changedLines,
        startedAt: Date.parse(job.startedAt),
        firstReportOnCommit: plan.firstReportOnCommit,
      },
      deps,
    );
    await deps.chunks.store.clear(at.ref, job.headHash, plan.chunkCount);
    return outcome;
  } catch (error) {
    return reportRunFailure(error, { ...common, settings: at.settings }, deps);
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
      headHash: job.headHash,
      destinationHash: job.destinationHash,
      mergeBase: memo(() => deps.api.mergeBase(repo, job.headHash, job.destinationHash)),
    };
    const change = await fetchChunk(deps.api, source, job.chunk.files);
    const analysis = await analyzeChange(change, { thresholds: settings.thresholds });
    return compactChunkResult({
      index: job.chunk.index,
      paths,
      analysis,
      changedLines: change.changedLines,
      skipped: change.skipped,
      baseTexts: change.base.map((f) => f.text),
    });
  };
  try {
    return await withinBudget(work, deps.clock.remainingMs() - CHUNK_PUBLISH_RESERVE_MS);
  } catch (error) {
    return failedChunkResult(job.chunk.index, paths, error instanceof Error ? error.message : String(error));
  }
}

/** `work`, or a rejection naming the budget once `ms` pass (no limit when `ms` is not finite). */
async function withinBudget<T>(work: () => Promise<T>, ms: number): Promise<T> {
  if (!Number.isFinite(ms)) return work();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error("the chunk ran out of the consumer's time budget")),
      Math.max(0, ms),
    );
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
