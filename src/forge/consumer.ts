/**
 * Queue consumer: one pull-request analysis job inside the consumer's budget (manifest timeoutSeconds). Builds the
 * Forge adapters of the pipeline's ports and runs the pipeline; everything else lives in src/pipeline/.
 */
import type { AsyncEvent } from '@forge/events';
import { parseJob } from '../pipeline/job';
import { runPullRequest } from '../pipeline/run-pull-request';
import type { RunOutcome } from '../pipeline/types';
import { forgeLlm } from './llm';
import { forgeBitbucketApi, forgeClock, kvsIdentity, kvsRunStore, kvsSettings } from './ports';

export async function runAnalysis(
  event: AsyncEvent,
): Promise<RunOutcome | { action: 'rejected'; reason: string }> {
  const parsed = parseJob(event?.body);
  if (!parsed.ok) {
    console.error(`Lintel dropped a queued job it cannot use: ${parsed.error}`);
    return { action: 'rejected', reason: parsed.error };
  }
  const job = parsed.value;
  const outcome = await runPullRequest(job, {
    api: forgeBitbucketApi(),
    store: kvsRunStore,
    publishPorts: { identity: kvsIdentity, llm: forgeLlm() },
    clock: forgeClock(),
    loadSettings: kvsSettings,
    log: (message) => console.log(`Lintel: ${message}`),
  });
  const where = `pull request #${job.pullRequestId}`;
  if (outcome.action === 'published') {
    const o = outcome.outcome;
    console.log(
      `Lintel published ${where}: gate ${outcome.passed ? 'passed' : 'failed'}; ${o.published.join(', ') || 'nothing'}` +
        `${o.failed.length ? `; failed: ${o.failed.map((f) => f.part).join(', ')}` : ''}; ${outcome.apiCalls} API calls`,
    );
  } else if (outcome.action === 'failed') {
    console.error(`Lintel could not analyse ${where}: ${outcome.reason}`);
  } else {
    console.log(`Lintel did not analyse ${where}: ${outcome.reason}`);
  }
  return outcome;
}
