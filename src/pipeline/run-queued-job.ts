/**
 * One delivery of a queued job, whichever its kind, with the retry policy around it (retry-policy.ts). A failure
 * the run handles itself ends in STOPPED or a retry there; what escapes it (storage or Bitbucket failing before the
 * run could record anything) is decided here — so past the cap, or for a permanent failure, the job ends visibly
 * with STOPPED and the reason instead of throwing into yet another Forge retry.
 */
import type { ChunkPorts } from './ports';
import { rateLimitedDecision } from './api-budget';
import { budgetNow, isRateLimited, JobBudget, waitForBudget } from './api-pacing';
import { sameCommit } from './commits';
import type { QueuedJob } from './job';
import { publishFailure } from '../publish';
import { describeFailure } from '../publish/failures';
import { pullRequestFromJob } from './publish-run';
import { mayRecordOver } from './record-precedence';
import { decideOnFailure, retryLater } from './retry-policy';
import { effectiveSettingsFor } from './effective-settings';
import { runChunk } from './run-chunk';
import { runPullRequest } from './run-pull-request';
import type { PipelineDeps, RunOutcome, StoredRun } from './types';

export async function runQueuedJob(
  job: QueuedJob,
  deps: PipelineDeps & { chunks: ChunkPorts },
): Promise<RunOutcome> {
  // Every delivery reserves its share of the workspace's Bitbucket budget and settles it (docs/rate-limits.md).
  const jobBudget =
    deps.pacing && new JobBudget(deps.pacing, job, deps.clock, () => deps.api.client.calls, deps.log);
  try {
    return await runDelivery(job, jobBudget ? { ...deps, jobBudget } : deps);
  } finally {
    await jobBudget?.settle();
  }
}

async function runDelivery(job: QueuedJob, deps: PipelineDeps & { chunks: ChunkPorts }): Promise<RunOutcome> {
  const attempt = deps.attempt;
  if (attempt && attempt.number > attempt.max) {
    // Forge retried on its own (a timeout, out of memory, a crash) after Lintel's last attempt.
    const last = attempt.previousFailure ? `; the last ended with ${attempt.previousFailure}` : '';
    return stopJob(job, `gave up after ${attempt.max} attempts${last}`, deps);
  }
  try {
    return job.kind === 'chunk' ? await runChunk(job, deps) : await runPullRequest(job, deps);
  } catch (thrown) {
    let error = thrown;
    // Bitbucket refused the requests (429 after the client's retries): the job waits for budget, costing no attempt.
    if (deps.jobBudget && isRateLimited(error)) {
      try {
        return await waitForBudget(job, rateLimitedDecision(budgetNow(deps)), deps);
      } catch (waitError) {
        error = waitError;
      }
    }
    const decision = decideOnFailure(error, attempt);
    if (!decision.retry) return stopJob(job, decision.reason, deps);
    // A chunk knows its full head; a whole pull request failed before resolving it, so nothing is recorded.
    const at = {
      repositoryUuid: job.repositoryUuid,
      pullRequestId: job.pullRequestId,
      ...(job.kind === 'chunk' ? { headHash: job.headHash } : {}),
    };
    return retryLater(decision, at, deps, deps.api.client.calls);
  }
}

/** The head a job is about, in full when the stored record (or the chunk job) knows it. */
function headOf(job: QueuedJob, stored: StoredRun | undefined): string {
  if (job.kind === 'chunk') return job.headHash;
  return stored && sameCommit(stored.headHash, job.sourceHash) ? stored.headHash : job.sourceHash;
}

/**
 * Ends the job for good: the stored record says why (the merge check shows it), and an INPROGRESS status a previous
 * attempt left on the head becomes STOPPED with the reason. Never throws: this is the last word on the job.
 */
async function stopJob(job: QueuedJob, reason: string, deps: PipelineDeps): Promise<RunOutcome> {
  const { api, store, log } = deps;
  const repo = { workspace: job.workspaceUuid, repository: job.repositoryUuid };
  log(`gave up on pull request #${job.pullRequestId}: ${reason}`);
  let stored: StoredRun | undefined;
  try {
    stored = await store.get(job.repositoryUuid, job.pullRequestId);
  } catch (error) {
    log(`could not read the stored record: ${describeFailure(error)}`);
  }
  const head = headOf(job, stored);
  if (stored?.state === 'done' && sameCommit(stored.headHash, head)) {
    // Another delivery finished this head meanwhile: its verdict stands.
    return {
      action: 'duplicate',
      reason: `${head.slice(0, 12)} was already analysed`,
      apiCalls: api.client.calls,
    };
  }
  if (!mayRecordOver(stored, head, job.kind === 'chunk' ? undefined : job.receivedAt)) {
    return { action: 'failed', reason, apiCalls: api.client.calls };
  }
  const summary = `Lintel could not analyse this pull request: ${reason}`;
  try {
    await store.set(job.repositoryUuid, job.pullRequestId, { state: 'error', headHash: head, summary });
  } catch (error) {
    log(`could not store the failure: ${describeFailure(error)}`);
  }
  // Only an earlier attempt that got as far as INPROGRESS left a status to stop, on the full head it recorded.
  if (stored?.state === 'pending' && sameCommit(stored.headHash, head) && head.length === 40) {
    const pullRequest = pullRequestFromJob({ ...job, sourceHash: head });
    // Stored layers only: this is the last word on a failing job, so it spends no Bitbucket call on `.lintel.yml`.
    const settings = await effectiveSettingsFor(
      { repo, ...(job.projectUuid ? { projectUuid: job.projectUuid } : {}) },
      deps,
    )
      .then((effective) => effective.settings)
      .catch(() => undefined);
    // A fork's commit carries its statuses in the fork; a whole-PR job learns the fork only while running, so its
    // STOPPED goes to the repository and may be refused (logged) for a fork.
    const statusRepo = job.kind === 'chunk' && job.fork ? job.fork : repo;
    try {
      const target = { repo: statusRepo, pullRequest, commit: head };
      const reported = await publishFailure(api, target, reason, settings);
      for (const f of reported.failed) log(`could not report the failure on Bitbucket: ${f.message}`);
    } catch (error) {
      log(`could not report the failure on Bitbucket: ${describeFailure(error)}`);
    }
  }
  return { action: 'failed', reason, apiCalls: api.client.calls };
}
