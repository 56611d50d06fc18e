/**
 * One pull-request run: confirm the job is current, analyse what the change adds, evaluate the gate, publish, and
 * store the verdict for the merge check and the panel. Every exit leaves Bitbucket consistent: an unrecoverable
 * error turns the INPROGRESS status into STOPPED with the reason, never leaving it spinning. A pull request past
 * the size budget, or whose full diff Bitbucket cannot build (HTTP 555), is split into chunk jobs instead
 * (docs/large-pull-requests.md).
 */
import { BitbucketError } from '../bitbucket/errors';
import type { RepoRef } from '../bitbucket/models';
import { analyzeChange } from '../engine';
import { ignoreMatcher } from '../settings/ignore-matcher';
import { memoryChunkStore, type ChunkPorts } from './chunk-ports';
import { memo } from './concurrency';
import { classifyDiffstat, fetchChange } from './fetch-change';
import type { AnalysisJob, ChunkJob } from './job';
import { chunkModeReason, DEFAULT_LARGE_PR_BUDGET } from './large-pr';
import { publishVerdict, pullRequestFromJob, reportRunFailure, sameCommit } from './publish-run';
import { runChunk } from './run-chunk';
import { startChunks, type ChunkStart } from './start-chunks';
import { publishInProgress } from '../publish';
import type { PipelineDeps, RunOutcome } from './types';

export { sameCommit } from './publish-run';

export async function runPullRequest(job: AnalysisJob, deps: PipelineDeps): Promise<RunOutcome> {
  const { api, store } = deps;
  const calls = () => api.client.calls;
  const repo: RepoRef = { workspace: job.workspaceUuid, repository: job.repositoryUuid };
  const id = job.pullRequestId;
  const started = deps.clock.now();

  const previous = await store.get(job.repositoryUuid, id);
  if (previous?.state === 'done' && sameCommit(previous.headHash, job.sourceHash)) {
    // A redelivered or duplicated event: the result for this head is already published.
    const reason = `${previous.headHash.slice(0, 12)} was already analysed`;
    return { action: 'duplicate', reason, apiCalls: calls() };
  }
  let headHash: string;
  try {
    headHash = await api.fullHash(repo, job.sourceHash);
  } catch (error) {
    if (error instanceof BitbucketError && error.kind === 'not-found') {
      return {
        action: 'superseded',
        reason: `commit ${job.sourceHash} no longer exists (force-pushed?)`,
        apiCalls: calls(),
      };
    }
    throw error;
  }
  const planned = await deps.chunks?.store.plan({ repositoryUuid: job.repositoryUuid, pullRequestId: id });
  if (planned?.queued && planned.headHash === headHash) {
    // A redelivered job whose chunks are already queued: they publish; queuing them again would double the work.
    return {
      action: 'duplicate',
      reason: `${headHash.slice(0, 12)} is already queued in chunks`,
      apiCalls: calls(),
    };
  }
  // The job names the pull request well enough for the INPROGRESS status; its full record is read just before
  // publishing, which is also where a moved head is caught — so no read is spent up front.
  const pullRequest = pullRequestFromJob(job);
  const common = { repositoryUuid: job.repositoryUuid, repo, pullRequestId: id, headHash, pullRequest };
  const settings = await deps.loadSettings(repo);
  // Lintel records every head it starts on before publishing there: no record means no report to clear.
  const firstReportOnCommit =
    store.authoritative === true && !(previous && sameCommit(previous.headHash, headHash));
  try {
    await store.set(job.repositoryUuid, id, { state: 'pending', headHash });
    await publishInProgress(api, { repo, pullRequest, commit: headHash }, settings);

    const isIgnored = ignoreMatcher(settings.ignore);
    const budget = deps.budget ?? DEFAULT_LARGE_PR_BUDGET;
    // The diffstat first: it lists every file cheaply and decides whether the full diff is worth asking for.
    const diffstat = await api.diffstat(repo, headHash, job.destinationHash);
    const { wanted, skipped } = classifyDiffstat(diffstat, isIgnored);
    let reason = wanted.length > 0 ? chunkModeReason(diffstat, budget) : undefined;
    let diff = '';
    if (!reason && wanted.length > 0) {
      try {
        diff = await api.diff(repo, headHash, job.destinationHash);
      } catch (error) {
        if (!(error instanceof BitbucketError && error.kind === 'too-large')) throw error;
        reason = 'Bitbucket could not build the full diff (HTTP 555)';
      }
    }
    if (reason) {
      deps.log(`pull request #${id} goes to chunk mode: ${reason}`);
      const start = {
        job,
        repo,
        headHash,
        wanted,
        skipped,
        reason,
        budget,
        startedAt: new Date(started),
        firstReportOnCommit,
        apiCalls: calls,
      };
      if (deps.chunks) return await startChunks(start, deps.chunks);
      return await runChunksInline(start, deps);
    }

    const source = {
      repo,
      headHash,
      destinationHash: job.destinationHash,
      mergeBase: memo(() => api.mergeBase(repo, headHash, job.destinationHash)),
    };
    const change = await fetchChange(api, source, isIgnored, { diffstat, diff });
    const analysis = await analyzeChange(change, { thresholds: settings.thresholds });
    // Files the pipeline skipped before analysis (deleted, binary, ignored) are reported with the engine's own.
    const reported = { ...analysis, skipped: [...change.skipped, ...analysis.skipped] };
    return await publishVerdict(
      {
        ...common,
        settings,
        analysis: reported,
        gateFacts: analysis,
        changedLines: change.changedLines,
        startedAt: started,
        firstReportOnCommit,
      },
      deps,
    );
  } catch (error) {
    return reportRunFailure(error, { ...common, settings }, deps);
  }
}

/**
 * Without a queue (the CLI), the chunk jobs run here one after another over a memory store: the same code path as
 * on Forge, minus the invocation boundaries. The outcome is the publishing chunk's.
 */
async function runChunksInline(start: ChunkStart, deps: PipelineDeps): Promise<RunOutcome> {
  const queued: ChunkJob[] = [];
  const chunks: ChunkPorts = {
    store: memoryChunkStore(),
    queue: { push: (jobs) => Promise.resolve(void queued.push(...jobs)) },
  };
  let outcome = await startChunks(start, chunks);
  for (const job of queued) {
    const chunkOutcome = await runChunk(job, { ...deps, chunks });
    if (chunkOutcome.action !== 'chunk-done') outcome = chunkOutcome;
  }
  return outcome;
}
