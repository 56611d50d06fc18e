/**
 * Whether a pull-request event deserves an analysis job. Decided from storage alone, because the trigger has 25 s
 * and must answer within a second: no Bitbucket call here.
 */
import type { PullRequestEvent } from './events';
import { sameCommit } from './commits';
import type { StoredRun } from './types';

/** The newest event the trigger queued for a pull request. */
export interface QueuedEvent {
  sourceHash: string;
  timestamp: string;
}

export type TriggerDecision = { queue: true } | { queue: false; reason: string };

export function decideOnEvent(
  event: PullRequestEvent,
  stored: StoredRun | undefined,
  lastQueued: QueuedEvent | undefined,
): TriggerDecision {
  // A head that was not fully analysed (docs/gate.md) is analysed again on the next event, like a failed one.
  if (stored?.state === 'done' && !stored.incomplete && sameCommit(stored.headHash, event.sourceHash)) {
    return { queue: false, reason: `${event.sourceHash} was already analysed` };
  }
  // A head left alone by the settings is looked at again on every event: "mark as ready" on a draft, or a settings
  // change, must not wait for a new commit.
  const retryable =
    stored?.state === 'error' || stored?.state === 'not-analysed' || stored?.incomplete !== undefined;
  if (lastQueued && sameCommit(lastQueued.sourceHash, event.sourceHash) && !retryable) {
    return { queue: false, reason: `${event.sourceHash} is already queued` };
  }
  // Events can arrive minutes late (forge-platform.md §1): an older event for another commit is superseded.
  if (lastQueued && event.timestamp && lastQueued.timestamp && event.timestamp < lastQueued.timestamp) {
    return { queue: false, reason: `superseded by the newer event for ${lastQueued.sourceHash}` };
  }
  return { queue: true };
}
