/**
 * Queue consumer: one job inside the consumer's budget (manifest timeoutSeconds) — a whole pull request, or one
 * chunk of a large one (docs/large-pull-requests.md). Builds the Forge adapters of the pipeline's ports and runs the
 * pipeline; everything else lives in src/pipeline/.
 */
import { type AsyncEvent, InvocationError, InvocationErrorCode } from '@forge/events';
import { parseQueuedJob } from '../pipeline/job';
import { budgetFrom } from '../pipeline/large-pr';
import { attemptFrom } from '../pipeline/retry-policy';
import { recordActivity } from '../pipeline/record-activity';
import { runQueuedJob } from '../pipeline/run-queued-job';
import type { PipelineDeps, RunOutcome } from '../pipeline/types';
import { prebuiltEngine } from '../prebuilt/engine';
import { kvsActivityLog } from './activity-log';
import { forgeFailureClass } from './failure-classes';
import { forgeLlm } from './llm';
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
  const deps: PipelineDeps & { chunks: typeof forgeChunkPorts } = {
    api: forgeBitbucketApi(),
    store: kvsRunStore,
    publishPorts: { identity: kvsIdentity, llm: forgeLlm() },
    clock: forgeClock(),
    loadSettings: kvsSettingsLayers,
    log: (message) => console.log(`Lintel: ${message}`),
    // Loaded on first analysis, inside the run's error handling: an engine that cannot load ends in STOPPED.
    analyzeChange: (input, options) => prebuiltEngine().analyzeChange(input, options),
    chunks: forgeChunkPorts,
    // Forge environment variables (`forge variables set`) can lower or raise the large-pull-request budget.
    budget: budgetFrom(process.env),
    // Forge retries for 24 h; Lintel caps the attempts and ends the last one with STOPPED (retry-policy.ts).
    attempt: attemptFrom(event?.retryContext, forgeFailureClass),
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
  } else if (outcome.action === 'chunked' || outcome.action === 'chunk-done') {
    console.log(`Lintel ${outcome.action === 'chunked' ? 'split' : 'analysed'} ${where}: ${outcome.reason}`);
  } else {
    console.log(`Lintel did not analyse ${where}: ${outcome.reason}`);
  }
  return outcome;
}
