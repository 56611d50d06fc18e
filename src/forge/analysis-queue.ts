/**
 * The one way a whole-pull-request job reaches the analysis queue: from the trigger (a Bitbucket event) and from
 * "Re-analyse" in the panel. Both use one concurrency key per pull request, so a re-analysis and an event-driven run
 * of the same pull request never race each other: the later waits for the earlier to finish.
 */
import { Queue } from '@forge/events';
import { ANALYSIS_QUEUE, type AnalysisJob } from '../pipeline/job';
import { withoutBraces } from './storage-keys';

const queue = new Queue({ key: ANALYSIS_QUEUE });

export async function queueAnalysis(job: AnalysisJob): Promise<void> {
  await queue.push([
    {
      body: { ...job },
      concurrency: { key: `pr-${withoutBraces(job.repositoryUuid)}-${job.pullRequestId}`, limit: 1 },
    },
  ]);
}
