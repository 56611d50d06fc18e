/**
 * Merge check (on-merge, on-code-pushed). It has 25 s and must never analyse inline: it answers from the result
 * the consumer stored for the pull request.
 */
import { kvs } from '@forge/kvs';
import { runStateKey } from './storage-keys';

export interface MergeCheckResult {
  success: boolean;
  message?: string;
}

interface StoredGate {
  state?: string;
  passed?: boolean;
  summary?: string;
}

function pullRequestOf(event: unknown): { repositoryUuid: string; pullRequestId: number } | string {
  const e = event as { repository?: { uuid?: unknown }; pullrequest?: { id?: unknown } } | null;
  const repositoryUuid = e?.repository?.uuid;
  const pullRequestId = Number(e?.pullrequest?.id);
  if (typeof repositoryUuid !== 'string' || !repositoryUuid) return 'the merge-check event has no repository.uuid';
  if (!Number.isInteger(pullRequestId) || pullRequestId < 1) return 'the merge-check event has no valid pullrequest.id';
  return { repositoryUuid, pullRequestId };
}

export async function checkMerge(event: unknown): Promise<MergeCheckResult> {
  const pr = pullRequestOf(event);
  if (typeof pr === 'string') {
    console.error(`Lintel merge check received a malformed event: ${pr}`);
    return { success: false, message: `Lintel could not read this merge check request (${pr}).` };
  }
  const stored = await kvs.get<StoredGate>(runStateKey(pr.repositoryUuid, pr.pullRequestId));
  if (!stored || stored.state !== 'done') {
    return { success: false, message: 'Lintel analysis in progress: the quality gate has no result for this pull request yet.' };
  }
  return stored.passed
    ? { success: true, message: stored.summary ?? 'Lintel quality gate passed.' }
    : { success: false, message: stored.summary ?? 'Lintel quality gate failed.' };
}
