/**
 * The merge check's answer, from the stored run and the pull request's current head. Pure, so the 25 s merge check
 * does no analysis and only one optional Bitbucket read.
 */
import { sameCommit } from './run-pull-request';
import type { StoredRun } from './types';

export interface MergeVerdict {
  success: boolean;
  message: string;
}

export function mergeVerdict(stored: StoredRun | undefined, currentHead: string | undefined): MergeVerdict {
  if (!stored || (currentHead && !sameCommit(stored.headHash, currentHead))) {
    return {
      success: false,
      message: 'Lintel analysis in progress: the quality gate has no result for the latest commit yet.',
    };
  }
  if (stored.state === 'pending') {
    return { success: false, message: 'Lintel analysis in progress for the latest commit.' };
  }
  if (stored.state === 'error') {
    return {
      success: false,
      message: stored.summary ?? 'Lintel could not analyse this pull request; push again to retry.',
    };
  }
  if (stored.passed) return { success: true, message: 'Lintel quality gate passed.' };
  const reasons = stored.reasons?.length ? stored.reasons.join('; ') : 'see the Lintel report';
  return { success: false, message: `Lintel quality gate failed: ${reasons}.` };
}
