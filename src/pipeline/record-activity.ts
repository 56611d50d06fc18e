/**
 * Records a delivery's activity line after the run (./activity.ts). The line is for the admin's eyes only: whatever
 * storage answers, the job's outcome stays what the run decided, so a failure here is logged and dropped.
 */
import { describeFailure } from '../publish/failures';
import { activityEntryFor, type ActivityTiming } from './activity';
import type { QueuedJob } from './job';
import type { ActivityLog } from './ports';
import type { RunOutcome } from './types';

export async function recordActivity(
  activity: ActivityLog,
  job: QueuedJob,
  outcome: RunOutcome,
  timing: ActivityTiming,
  log: (message: string) => void,
): Promise<void> {
  try {
    const entry = activityEntryFor(job, outcome, timing);
    if (entry) await activity.record(job.repositoryUuid, entry);
  } catch (error) {
    log(
      `could not record pull request #${job.pullRequestId} in the activity list: ${describeFailure(error)}`,
    );
  }
}
