/**
 * Merge check (on-merge, on-code-pushed). It has 25 s and never analyses inline: it answers from the result the
 * consumer stored, checked against the pull request's current head (one Bitbucket read).
 */
import { kvs } from '@forge/kvs';
import { mergeVerdict, type MergeVerdict } from '../pipeline/merge-verdict';
import type { StoredRun } from '../pipeline/types';
import { forgeBitbucketApi } from './ports';
import { gateKey } from './storage-keys';

/** Leave most of the 25 s unused: a merge check that answers late blocks the user's merge button. */
const MERGE_CHECK_BUDGET_MS = 8_000;

function pullRequestOf(
  event: unknown,
): { workspaceUuid: string; repositoryUuid: string; pullRequestId: number } | string {
  const e = event as {
    workspace?: { uuid?: unknown };
    repository?: { uuid?: unknown };
    pullrequest?: { id?: unknown };
  } | null;
  const workspaceUuid = e?.workspace?.uuid;
  const repositoryUuid = e?.repository?.uuid;
  const pullRequestId = Number(e?.pullrequest?.id);
  if (typeof workspaceUuid !== 'string' || !workspaceUuid)
    return 'the merge-check event has no workspace.uuid';
  if (typeof repositoryUuid !== 'string' || !repositoryUuid)
    return 'the merge-check event has no repository.uuid';
  if (!Number.isInteger(pullRequestId) || pullRequestId < 1)
    return 'the merge-check event has no valid pullrequest.id';
  return { workspaceUuid, repositoryUuid, pullRequestId };
}

export async function checkMerge(event: unknown): Promise<MergeVerdict> {
  const pr = pullRequestOf(event);
  if (typeof pr === 'string') {
    console.error(`Lintel merge check received a malformed event: ${pr}`);
    return { success: false, message: `Lintel could not read this merge check request (${pr}).` };
  }
  const stored = await kvs.get<StoredRun>(gateKey(pr.repositoryUuid, pr.pullRequestId));
  let head: string | undefined;
  try {
    const api = forgeBitbucketApi(MERGE_CHECK_BUDGET_MS);
    const current = await api.pullRequest(
      { workspace: pr.workspaceUuid, repository: pr.repositoryUuid },
      pr.pullRequestId,
    );
    head = current.source.commit.hash;
  } catch (error) {
    // Without the current head, the stored verdict is still the best answer; say so in the log.
    console.error(
      `Lintel merge check could not read the pull request: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return mergeVerdict(stored, head);
}
