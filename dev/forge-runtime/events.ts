// Factories for Bitbucket product-event and merge-check payloads, shaped like Forge's documented samples
// (events-reference/bitbucket/; forge-platform.md §1): 12-character short hashes, brace-wrapped UUIDs,
// branch names as plain strings, `title: { value, truncated }`.
import { braced } from './contexts';
import type { MergeCheckEvent } from './types';

/** Forge sends abbreviated commit hashes of this length in product events. */
export const SHORT_HASH_LENGTH = 12;

export type PullRequestEventKind = 'created' | 'updated' | 'fulfilled' | 'rejected';

/** A pull request as the Bitbucket REST API (and the emulator) returns it; only the fields used here. */
export interface ApiPullRequestLike {
  id: number;
  title?: string;
  state?: string;
  author?: { uuid?: string; account_id?: string; display_name?: string };
  source: {
    branch: { name: string };
    commit: { hash: string };
    repository?: { uuid?: string; name?: string; full_name?: string };
  };
  destination: {
    branch: { name: string };
    commit: { hash: string };
    repository?: { uuid?: string; name?: string; full_name?: string };
  };
  merge_commit?: { hash: string } | null;
  comment_count?: number;
  task_count?: number;
  created_on?: string;
  updated_on?: string;
}

/**
 * The same facts field by field; the emulator's `EmulatorPullRequest` fits (full `sourceCommit` hashes are
 * shortened). Give either `sourceHash`/`destinationHash` or `sourceCommit`/`destinationCommit`.
 */
export interface PlainPullRequest {
  id: number;
  title?: string;
  sourceBranch: string;
  destinationBranch: string;
  sourceHash?: string;
  sourceCommit?: string;
  destinationHash?: string;
  destinationCommit?: string;
  mergeCommitHash?: string;
  author?: { accountId: string; uuid: string; displayName?: string };
  createdOn?: string;
  updatedOn?: string;
}

export interface PullRequestEventInput {
  pullRequest: ApiPullRequestLike | PlainPullRequest;
  /** Workspace as `{ uuid }` (emulator workspace objects fit) or `workspaceUuid`. */
  workspace?: { uuid: string };
  workspaceUuid?: string;
  /**
   * Repository as `{ uuid, slug?, project? }` (the emulator's repositories fit, and bring their project), or the
   * separate fields; defaults to the API object's destination repository.
   */
  repository?: { uuid: string; slug?: string; project?: { uuid: string } };
  repositoryUuid?: string;
  repositorySlug?: string;
  /** The repository's project; defaults to `repository.project`. Forge's documented sample event carries one. */
  project?: { uuid: string };
  projectUuid?: string;
  /** Emulator users fit. */
  actor?: { accountId: string; uuid: string };
  selfGenerated?: boolean;
  timestamp?: string | Date;
}

/** Sample IDs from the documented payload, used when the input names no actor. */
const DEFAULT_ACTOR = {
  type: 'user',
  accountId: '5ffed3379edf280075d75b20',
  uuid: '{cc8e193d-7603-4dfd-8771-fcc8960aa0fb}',
};

const STATE_BY_KIND: Record<PullRequestEventKind, string> = {
  created: 'OPEN',
  updated: 'OPEN',
  fulfilled: 'MERGED',
  rejected: 'DECLINED',
};

export function shortHash(hash: string): string {
  if (!/^[0-9a-f]{7,40}$/i.test(hash)) throw new Error(`Not a commit hash: '${hash}'`);
  return hash.slice(0, SHORT_HASH_LENGTH).toLowerCase();
}

function isApi(pr: ApiPullRequestLike | PlainPullRequest): pr is ApiPullRequestLike {
  return typeof (pr as ApiPullRequestLike).source === 'object';
}

export function pullRequestEvent(
  kind: PullRequestEventKind,
  input: PullRequestEventInput,
): Record<string, unknown> {
  if (!(kind in STATE_BY_KIND))
    throw new Error(`pullRequestEvent: unknown kind '${String(kind)}' (created|updated|fulfilled|rejected)`);
  const pr = input.pullRequest;
  if (!pr || typeof pr.id !== 'number')
    throw new Error('pullRequestEvent: input.pullRequest.id must be a number');
  const api = isApi(pr) ? pr : undefined;
  const plain = isApi(pr) ? undefined : pr;
  const repositoryUuid = input.repository?.uuid ?? input.repositoryUuid ?? api?.destination.repository?.uuid;
  if (!repositoryUuid)
    throw new Error('pullRequestEvent: repository.uuid is required (not derivable from the pull request)');
  const workspaceUuid = input.workspace?.uuid ?? input.workspaceUuid;
  if (!workspaceUuid) throw new Error('pullRequestEvent: workspace.uuid is required');
  const slug = input.repository?.slug ?? input.repositorySlug ?? api?.destination.repository?.name;
  const projectUuid = input.project?.uuid ?? input.projectUuid ?? input.repository?.project?.uuid;
  const mergeHash = plain?.mergeCommitHash ?? api?.merge_commit?.hash;
  const author =
    plain?.author ??
    (api?.author?.uuid
      ? {
          accountId: api.author.account_id ?? '',
          uuid: api.author.uuid,
          displayName: api.author.display_name,
        }
      : undefined);
  const title = plain?.title ?? api?.title;
  const createdOn = plain?.createdOn ?? api?.created_on;
  const updatedOn = plain?.updatedOn ?? api?.updated_on;
  const sourceHash = plain ? (plain.sourceHash ?? plain.sourceCommit) : api?.source.commit.hash;
  const destinationHash = plain
    ? (plain.destinationHash ?? plain.destinationCommit)
    : api?.destination.commit.hash;
  if (!sourceHash || !destinationHash)
    throw new Error('pullRequestEvent: the pull request needs source and destination commit hashes');
  const timestamp =
    input.timestamp instanceof Date
      ? input.timestamp.toISOString()
      : (input.timestamp ?? new Date().toISOString());

  const pullrequest: Record<string, unknown> = {
    id: pr.id,
    state: STATE_BY_KIND[kind],
    source: {
      branch: plain?.sourceBranch ?? api?.source.branch.name,
      commit: { hash: shortHash(sourceHash) },
    },
    destination: {
      branch: plain?.destinationBranch ?? api?.destination.branch.name,
      commit: { hash: shortHash(destinationHash) },
    },
    ...(title !== undefined ? { title: { value: title, truncated: false } } : {}),
    ...(author
      ? {
          author: {
            type: 'user',
            accountId: author.accountId,
            uuid: braced(author.uuid),
            ...(author.displayName ? { displayName: author.displayName } : {}),
          },
        }
      : {}),
    ...(createdOn ? { createdOn } : {}),
    ...(updatedOn ? { updatedOn } : {}),
    ...(api?.comment_count !== undefined ? { commentCount: api.comment_count } : {}),
    ...(api?.task_count !== undefined ? { taskCount: api.task_count } : {}),
    ...(kind === 'fulfilled' && mergeHash ? { mergeCommit: { hash: shortHash(mergeHash) } } : {}),
  };
  return {
    eventType: `avi:bitbucket:${kind}:pullrequest`,
    timestamp,
    selfGenerated: input.selfGenerated ?? false,
    actor: input.actor
      ? { type: 'user', accountId: input.actor.accountId, uuid: braced(input.actor.uuid) }
      : DEFAULT_ACTOR,
    repository: { uuid: braced(repositoryUuid), ...(slug ? { slug } : {}) },
    ...(projectUuid ? { project: { uuid: braced(projectUuid) } } : {}),
    workspace: { uuid: braced(workspaceUuid) },
    pullrequest,
  };
}

export interface MergeCheckEventInput {
  workspace?: { uuid: string };
  workspaceUuid?: string;
  repository?: { uuid: string };
  repositoryUuid?: string;
  /** A pull request id, or a pull request object (an API one also supplies the repository UUID). */
  pullRequest: number | ApiPullRequestLike | PlainPullRequest;
  mergeProperties?: Partial<NonNullable<MergeCheckEvent['mergeProperties']>>;
}

export function mergeCheckEvent(
  trigger: 'on-merge' | 'on-code-pushed',
  input: MergeCheckEventInput,
): MergeCheckEvent {
  if (trigger !== 'on-merge' && trigger !== 'on-code-pushed') {
    throw new Error(`mergeCheckEvent: unknown trigger '${String(trigger)}' (on-merge|on-code-pushed)`);
  }
  const obj =
    typeof input.pullRequest === 'object' && input.pullRequest !== null ? input.pullRequest : undefined;
  const api = obj && isApi(obj) ? obj : undefined;
  const id = obj ? obj.id : input.pullRequest;
  if (typeof id !== 'number')
    throw new Error('mergeCheckEvent: pullRequest must be an id or a pull request object');
  const repositoryUuid = input.repository?.uuid ?? input.repositoryUuid ?? api?.destination.repository?.uuid;
  if (!repositoryUuid) throw new Error('mergeCheckEvent: repository.uuid is required');
  const workspaceUuid = input.workspace?.uuid ?? input.workspaceUuid;
  if (!workspaceUuid) throw new Error('mergeCheckEvent: workspace.uuid is required');
  const event: MergeCheckEvent = {
    workspace: { uuid: braced(workspaceUuid) },
    repository: { uuid: braced(repositoryUuid) },
    pullrequest: { id },
    trigger: { type: trigger },
  };
  if (trigger === 'on-merge') {
    const branch = api?.source.branch.name ?? (obj && !isApi(obj) ? obj.sourceBranch : 'source');
    event.mergeProperties = {
      commitMessage: `Merged in ${branch} (pull request #${id})`,
      commitMessageTruncated: false,
      mergeStrategy: 'merge_commit',
      closeSourceBranch: false,
      ...input.mergeProperties,
    };
  }
  return event;
}
