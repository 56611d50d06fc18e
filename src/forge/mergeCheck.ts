/**
 * Merge check, run when someone merges (`on-merge` only: docs/merge-check.md). It has 25 s and never analyses
 * inline: it answers from what the trigger and the consumer stored, checked against the pull request's current
 * head (one Bitbucket read), and fails closed when either cannot be read.
 */
import { kvs } from '@forge/kvs';
import { mergeVerdict, type CurrentHead, type MergeVerdict } from '../pipeline/merge-verdict';
import type { QueuedEvent } from '../pipeline/trigger-decision';
import type { StoredRun } from '../pipeline/types';
import { forgeBitbucketApi } from './ports';
import { gateKey, queuedKey } from './storage-keys';

/** Leave most of the 25 s unused: a merge check that answers late blocks the user's merge button. */
const MERGE_CHECK_BUDGET_MS = 8_000;

interface PullRequestRef {
  workspaceUuid: string;
  repositoryUuid: string;
  pullRequestId: number;
}

function pullRequestOf(event: unknown): PullRequestRef | string {
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

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function currentHead(pr: PullRequestRef): Promise<CurrentHead> {
  try {
    const api = forgeBitbucketApi(MERGE_CHECK_BUDGET_MS);
    const current = await api.pullRequest(
      { workspace: pr.workspaceUuid, repository: pr.repositoryUuid },
      pr.pullRequestId,
    );
    return { ok: true, hash: current.source.commit.hash };
  } catch (error) {
    return { ok: false, reason: messageOf(error) };
  }
}

export async function checkMerge(event: unknown): Promise<MergeVerdict> {
  const pr = pullRequestOf(event);
  if (typeof pr === 'string') {
    console.error(`Lintel merge check received a malformed event: ${pr}`);
    return { success: false, message: `Lintel could not read this merge check request (${pr}).` };
  }
  const [stored, head] = await Promise.all([
    Promise.all([
      kvs.get<StoredRun>(gateKey(pr.repositoryUuid, pr.pullRequestId)),
      kvs.get<QueuedEvent>(queuedKey(pr.repositoryUuid, pr.pullRequestId)),
    ]).catch((error: unknown) => messageOf(error)),
    currentHead(pr),
  ]);
  if (!head.ok) console.error(`Lintel merge check could not read the pull request: ${head.reason}`);
  if (typeof stored === 'string') {
    console.error(`Lintel merge check could not read its storage: ${stored}`);
    return {
      success: false,
      message: `Lintel could not read its stored verdict (${stored}). Try the merge again in a moment.`,
    };
  }
  return mergeVerdict({ stored: stored[0], queued: stored[1], head });
}
