/**
 * The merge check's answer (docs/merge-check.md), from what is stored for the pull request and its current head.
 * Bitbucket keeps a merge check's answer until someone runs it again, so every message says what to do next. It
 * fails closed: without the current head, no stored verdict counts, because it may be for an older commit. Pure and
 * importing only leaf modules, so the 25 s merge check loads neither the engine nor the publisher.
 */
import { sameCommit, shortHash } from './commits';
import type { StoredRun } from './stored-run';
import type { QueuedEvent } from './trigger-decision';

export interface MergeVerdict {
  success: boolean;
  message: string;
}

export type CurrentHead = { ok: true; hash: string } | { ok: false; reason: string };

export interface MergeCheckFacts {
  /** The run record the consumer keeps (pending, done or error, for one head). */
  stored: StoredRun | undefined;
  /** The newest event the trigger queued for the pull request. */
  queued: QueuedEvent | undefined;
  head: CurrentHead;
}

/** How to get an analysis started: both raise the pull-request event the trigger listens to. */
const HOW_TO_START =
  'push a commit to its source branch, or edit the pull request (for example its description)';
const WAIT_FOR_STATUS = 'merge again once the "Lintel quality gate" build status has finished';

export function mergeVerdict({ stored, queued, head }: MergeCheckFacts): MergeVerdict {
  if (!head.ok) {
    return {
      success: false,
      message:
        `Lintel could not read this pull request's latest commit from Bitbucket (${head.reason}), so it cannot ` +
        'tell whether its stored verdict is for that commit. Try the merge again in a moment.',
    };
  }
  const current = head.hash;
  if (stored && sameCommit(stored.headHash, current)) return verdictForHead(stored, current);
  if (queued && sameCommit(queued.sourceHash, current)) {
    return {
      success: false,
      message: `Lintel has queued the analysis of the latest commit (${shortHash(current)}); ${WAIT_FOR_STATUS}.`,
    };
  }
  if (!stored && !queued) {
    return {
      success: false,
      message:
        'Lintel has not analysed this pull request (it may have been opened before Lintel was installed). ' +
        `To start an analysis, ${HOW_TO_START}.`,
    };
  }
  const older = stored ? `; its last verdict is for an older commit (${shortHash(stored.headHash)})` : '';
  return {
    success: false,
    message:
      `Lintel has not started on the latest commit (${shortHash(current)})${older}. Events can arrive a few ` +
      `minutes late: try again shortly, or ${HOW_TO_START} to start an analysis.`,
  };
}

function verdictForHead(stored: StoredRun, current: string): MergeVerdict {
  if (stored.state === 'pending') {
    // A retry records why the last attempt failed and when the next one comes.
    const retrying = stored.summary ? ` ${stored.summary}` : '';
    return {
      success: false,
      message: `Lintel is analysing the latest commit (${shortHash(current)}).${retrying} Please ${WAIT_FOR_STATUS}.`,
    };
  }
  if (stored.state === 'error') {
    const why = (stored.summary ?? 'Lintel could not analyse this pull request').replace(/\.?$/, '.');
    return { success: false, message: `${why} To try again, ${HOW_TO_START}.` };
  }
  if (stored.state === 'not-analysed') {
    // The admins chose to leave such pull requests alone (branch filter, drafts): the gate does not apply.
    return { success: true, message: stored.summary ?? 'Lintel does not analyse this pull request.' };
  }
  if (stored.state !== 'done') {
    return {
      success: false,
      message: `Lintel does not understand its stored verdict; to try again, ${HOW_TO_START}.`,
    };
  }
  if (stored.passed) return { success: true, message: 'Lintel quality gate passed.' };
  if (stored.incomplete) {
    // Not fully analysed is never a pass (docs/gate.md): the summary says what was missed (and what failed).
    const why = (stored.summary ?? 'Lintel could not analyse all of this pull request').replace(/\.?$/, '.');
    return { success: false, message: `${why} To try again, ${HOW_TO_START}.` };
  }
  const reasons = stored.reasons?.length ? stored.reasons.join('; ') : 'see the Lintel report';
  return { success: false, message: `Lintel quality gate failed: ${reasons}.` };
}
