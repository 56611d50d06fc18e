/** JSON representations of Bitbucket objects, shaped after the OpenAPI schemas and real responses. */
import type { CommitInfo } from './git';
import type { StoredRepository } from './store';
import type { EmulatorPullRequest, EmulatorUser, JsonObject } from './types';

/** Human-facing links point at bitbucket.org, as in real responses; the emulator serves only the API. */
export const HTML_BASE = 'https://bitbucket.org';

const link = (href: string): JsonObject => ({ href });

export function apiRoot(baseUrl: string): string {
  return `${baseUrl}/2.0`;
}

export function repoApi(baseUrl: string, repository: StoredRepository): string {
  return `${apiRoot(baseUrl)}/repositories/${repository.fullName}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function rendered(raw: string): JsonObject {
  return { type: 'rendered', raw, markup: 'markdown', html: raw === '' ? '' : `<p>${escapeHtml(raw)}</p>` };
}

export function accountJson(baseUrl: string, user: EmulatorUser): JsonObject {
  const encoded = encodeURIComponent(user.uuid);
  return {
    type: user.app ? 'app_user' : 'user',
    uuid: user.uuid,
    account_id: user.accountId,
    display_name: user.displayName,
    nickname: user.nickname,
    links: {
      self: link(`${apiRoot(baseUrl)}/users/${encoded}`),
      avatar: link(`${HTML_BASE}/account/${encoded}/avatar/`),
      html: link(`${HTML_BASE}/${encoded}/`),
    },
  };
}

export function repositoryJson(baseUrl: string, repository: StoredRepository): JsonObject {
  return {
    type: 'repository',
    full_name: repository.fullName,
    name: repository.slug,
    uuid: repository.uuid,
    is_private: repository.isPrivate,
    links: {
      self: link(repoApi(baseUrl, repository)),
      html: link(`${HTML_BASE}/${repository.fullName}`),
      avatar: link(`${HTML_BASE}/${repository.fullName}/avatar/32/`),
    },
  };
}

/** Git's "+0200" as ISO 8601 "+02:00", the form Bitbucket prints commit dates in. */
function isoWithOffset(seconds: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const local = new Date((seconds + minutes * 60) * 1000).toISOString().slice(0, 19);
  return `${local}${offset.slice(0, 3)}:${offset.slice(3, 5)}`;
}

export function commitLinks(baseUrl: string, repository: StoredRepository, hash: string): JsonObject {
  const self = `${repoApi(baseUrl, repository)}/commit/${hash}`;
  return {
    self: link(self),
    html: link(`${HTML_BASE}/${repository.fullName}/commits/${hash}`),
    diff: link(`${repoApi(baseUrl, repository)}/diff/${hash}`),
    patch: link(`${repoApi(baseUrl, repository)}/patch/${hash}`),
    comments: link(`${self}/comments`),
    approve: link(`${self}/approve`),
    statuses: link(`${self}/statuses`),
  };
}

export function shortCommitJson(baseUrl: string, repository: StoredRepository, hash: string): JsonObject {
  return {
    type: 'commit',
    hash,
    links: {
      self: link(`${repoApi(baseUrl, repository)}/commit/${hash}`),
      html: link(`${HTML_BASE}/${repository.fullName}/commits/${hash}`),
    },
  };
}

export function commitJson(
  baseUrl: string,
  repository: StoredRepository,
  commit: CommitInfo,
  users: Iterable<EmulatorUser>,
): JsonObject {
  const author: JsonObject = { type: 'author', raw: `${commit.authorName} <${commit.authorEmail}>` };
  // Bitbucket links a commit author to an account when it recognises the email; the emulator matches names.
  for (const user of users)
    if (user.displayName === commit.authorName) author.user = accountJson(baseUrl, user);
  return {
    type: 'commit',
    hash: commit.hash,
    date: isoWithOffset(commit.authorTime, commit.authorOffset),
    author,
    message: commit.message,
    summary: rendered(commit.message),
    parents: commit.parents.map((p) => shortCommitJson(baseUrl, repository, p)),
    repository: repositoryJson(baseUrl, repository),
    links: commitLinks(baseUrl, repository, commit.hash),
  };
}

/**
 * The revspec Bitbucket itself puts in PR diff links: `{ws}/{repo}:{source}%0D{destination}`, where `{ws}/{repo}`
 * is the repository the source commit lives in (a fork, for a pull request from one).
 */
export function pullRequestSpec(source: StoredRepository, pr: EmulatorPullRequest): string {
  return `${source.fullName}:${pr.sourceShortHash}%0D${pr.destinationShortHash}`;
}

/** `source`: where the source branch lives, the destination `repository` unless the pull request is from a fork. */
export function pullRequestJson(
  baseUrl: string,
  repository: StoredRepository,
  pr: EmulatorPullRequest,
  extra: { commentCount: number; single: boolean },
  source: StoredRepository = repository,
): JsonObject {
  const self = `${repoApi(baseUrl, repository)}/pullrequests/${pr.id}`;
  const spec = pullRequestSpec(source, pr);
  const query = `from_pullrequest_id=${pr.id}&topic=true`;
  const endpoint = (branch: string, shortHash: string, at: StoredRepository): JsonObject => ({
    branch: { name: branch },
    commit: shortCommitJson(baseUrl, at, shortHash),
    repository: repositoryJson(baseUrl, at),
  });
  const json: JsonObject = {
    type: 'pullrequest',
    id: pr.id,
    title: pr.title,
    description: pr.description,
    summary: rendered(pr.description),
    rendered: { title: rendered(pr.title), description: rendered(pr.description) },
    state: pr.state,
    draft: false,
    author: accountJson(baseUrl, pr.author),
    source: endpoint(pr.sourceBranch, pr.sourceShortHash, source),
    destination: endpoint(pr.destinationBranch, pr.destinationShortHash, repository),
    merge_commit: null,
    comment_count: extra.commentCount,
    task_count: 0,
    close_source_branch: false,
    closed_by: null,
    reason: '',
    created_on: pr.createdOn,
    updated_on: pr.updatedOn,
    links: {
      self: link(self),
      html: link(`${HTML_BASE}/${repository.fullName}/pull-requests/${pr.id}`),
      commits: link(`${self}/commits`),
      approve: link(`${self}/approve`),
      'request-changes': link(`${self}/request-changes`),
      diff: link(`${repoApi(baseUrl, repository)}/diff/${spec}?${query}`),
      diffstat: link(`${repoApi(baseUrl, repository)}/diffstat/${spec}?${query}`),
      comments: link(`${self}/comments`),
      activity: link(`${self}/activity`),
      merge: link(`${self}/merge`),
      decline: link(`${self}/decline`),
      statuses: link(`${self}/statuses`),
    },
  };
  // Bitbucket lists reviewers and participants only on the single pull request resource.
  if (extra.single) {
    json.reviewers = [];
    json.participants = [];
  }
  return json;
}
