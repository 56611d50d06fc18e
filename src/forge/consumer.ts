/**
 * Queue consumer: one job inside the consumer's budget (manifest timeoutSeconds) — a whole pull request, or one
 * chunk of a large one (docs/large-pull-requests.md). Builds the Forge adapters of the pipeline's ports and runs the
 * pipeline; everything else lives in src/pipeline/.
 */
import { type AsyncEvent, InvocationError, InvocationErrorCode } from '@forge/events';
import { SignalRecorder } from '../pipeline/api-budget';
import { parseQueuedJob } from '../pipeline/job';
import { budgetFrom } from '../pipeline/large-pr';
import { attemptFrom } from '../pipeline/retry-policy';
import { recordActivity } from '../pipeline/record-activity';
import { runQueuedJob } from '../pipeline/run-queued-job';
import type { PipelineDeps, RunOutcome } from '../pipeline/types';
import { prebuiltEngine } from '../prebuilt/engine';
import { kvsActivityLog } from './activity-log';
import { kvsApiBudgetStore } from './api-budget-store';
import { forgeAiReviewPorts } from './ai-ports';
import { kvsDismissalStore } from './dismissal-store';
import { forgeFailureClass } from './failure-classes';
import { forgeBitbucketApi, forgeChunkPorts, forgeClock, kvsIdentity, kvsRunStore } from './ports';
import { kvsSettingsLayers } from './settings-store';

export async function runAnalysis(
  event: AsyncEvent,
): Promise<RunOutcome | { action: 'rejected'; reason: string } | InvocationError> {
  const parsed = parseQueuedJob(event?.body);
  if (!parsed.ok) {
    console.error(`Lintel dropped a queued job it cannot use: ${parsed.error}`);
    return { action: 'rejected', reason: parsed.error };
  }
  const job = parsed.value;
  // What Bitbucket's answers say of the workspace's hourly budget, shared with every run through kvs.
  const signals = new SignalRecorder(() => Date.now());
  const deps: PipelineDeps & { chunks: typeof forgeChunkPorts } = {
    api: forgeBitbucketApi(undefined, signals.observe),
    store: kvsRunStore,
    // The AI review runs only when the repository's settings turn AI comments on (docs/ai.md).
    publishPorts: { identity: kvsIdentity, ai: forgeAiReviewPorts((m) => console.log(`Lintel: ${m}`)) },
    clock: forgeClock(),
    loadSettings: kvsSettingsLayers,
    log: (message) => console.log(`Lintel: ${message}`),
    // Loaded on first analysis, inside the run's error handling: an engine that cannot load ends in STOPPED.
    analyzeChange: (input, options) => prebuiltEngine().analyzeChange(input, options),
    chunks: forgeChunkPorts,
    // Findings dismissed in the pull request's "Lintel findings" dialog are left out of every later run.
    dismissals: (repositoryUuid, pullRequestId) => kvsDismissalStore.list(repositoryUuid, pullRequestId),
    // Forge environment variables (`forge variables set`) can lower or raise the large-pull-request budget.
    budget: budgetFrom(process.env),
    // Forge retries for 24 h; Lintel caps the attempts and ends the last one with STOPPED (retry-policy.ts).
    attempt: attemptFrom(event?.retryContext, forgeFailureClass),
    // Jobs the workspace's Bitbucket budget cannot cover now wait on the queue (docs/rate-limits.md).
    pacing: { store: kvsApiBudgetStore, signals },
  };
  const startedAt = new Date();
  const outcome = await runQueuedJob(job, deps);
  // The repository page's activity list; a storage failure there is logged and never changes the outcome.
  const timing = { startedAt, endedAt: new Date(), attempt: deps.attempt };
  await recordActivity(kvsActivityLog, job, outcome, timing, deps.log);
  const where =
    job.kind === 'chunk'
      ? `pull request #${job.pullRequestId} (chunk ${job.chunk.index + 1} of ${job.chunk.count})`
      : `pull request #${job.pullRequestId}`;
  if (outcome.action === 'published') {
    const o = outcome.outcome;
    console.log(
      `Lintel published ${where}: gate ${outcome.passed ? 'passed' : 'failed'}; ${o.published.join(', ') || 'nothing'}` +
        `${o.failed.length ? `; failed: ${o.failed.map((f) => f.part).join(', ')}` : ''}; ${outcome.apiCalls} API calls`,
    );
  } else if (outcome.action === 'failed') {
    console.error(`Lintel could not analyse ${where}: ${outcome.reason}`);
  } else if (outcome.action === 'retry') {
    console.warn(`Lintel will retry ${where} in ${outcome.afterSeconds} s: ${outcome.reason}`);
    const { afterSeconds, retryReason, retryData } = outcome;
    return new InvocationError({
      retryAfter: afterSeconds,
      retryReason: InvocationErrorCode[retryReason],
      retryData,
    });
  } else if (outcome.action === 'waiting') {
    console.log(`Lintel put ${where} back on the queue for ${outcome.afterSeconds} s: ${outcome.reason}`);
  } else if (outcome.action === 'chunked' || outcome.action === 'chunk-done') {
    console.log(`Lintel ${outcome.action === 'chunked' ? 'split' : 'analysed'} ${where}: ${outcome.reason}`);
  } else {
    console.log(`Lintel did not analyse ${where}: ${outcome.reason}`);
  }
  return outcome;
}
