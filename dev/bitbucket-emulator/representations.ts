/** JSON representations of Bitbucket objects, shaped after the OpenAPI schemas and real responses. */
import type { CommitInfo } from './git';
import type { StoredRepository } from './store';
import type {
  EmulatorProject,
  EmulatorPullRequest,
  EmulatorUser,
  EmulatorWorkspace,
  JsonObject,
} from './types';

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

export function workspaceJson(baseUrl: string, workspace: EmulatorWorkspace): JsonObject {
  return {
    type: 'workspace',
    uuid: workspace.uuid,
    slug: workspace.slug,
    name: workspace.name,
    links: {
      self: link(`${apiRoot(baseUrl)}/workspaces/${workspace.slug}`),
      html: link(`${HTML_BASE}/${workspace.slug}/`),
    },
  };
}

/**
 * A project as repositories embed it. The `project` schema allows only `html` and `avatar` links
 * (`additionalProperties: false`), so there is no `self` a client could come to rely on.
 */
export function projectJson(project: EmulatorProject): JsonObject {
  const html = `${HTML_BASE}/${project.workspace.slug}/workspace/projects/${project.key}`;
  return {
    type: 'project',
    key: project.key,
    uuid: project.uuid,
    name: project.name,
    links: {
      html: link(html),
      avatar: link(`${HTML_BASE}/account/user/${project.workspace.slug}/projects/${project.key}/avatar/32`),
    },
  };
}

/** The project resource itself (`GET /workspaces/{workspace}/projects/{project_key}`). */
export function fullProjectJson(
  baseUrl: string,
  project: EmulatorProject,
  repositories: StoredRepository[],
): JsonObject {
  return {
    ...projectJson(project),
    description: '',
    is_private: project.isPrivate,
    has_publicly_visible_repos: repositories.some((r) => r.project === project && !r.isPrivate),
    workspace: workspaceJson(baseUrl, project.workspace),
  };
}

/**
 * A repository as other objects embed it (pull request ends, commits, permissions): Bitbucket's short form, with
 * no `project`. The repository resource itself is `fullRepositoryJson`.
 */
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

/** `GET /repositories/{workspace}/{repo_slug}`: the short form plus its project, workspace, main branch and parent. */
export function fullRepositoryJson(
  baseUrl: string,
  repository: StoredRepository,
  parent: StoredRepository | undefined,
): JsonObject {
  const short = repositoryJson(baseUrl, repository);
  const api = repoApi(baseUrl, repository);
  return {
    ...short,
    slug: repository.slug,
    scm: 'git',
    description: '',
    fork_policy: 'allow_forks',
    mainbranch: { type: 'branch', name: repository.mainBranch },
    project: projectJson(repository.project),
    workspace: workspaceJson(baseUrl, repository.workspace),
    ...(parent ? { parent: repositoryJson(baseUrl, parent) } : {}),
    links: {
      ...(short.links as JsonObject),
      pullrequests: link(`${api}/pullrequests`),
      commits: link(`${api}/commits`),
      forks: link(`${api}/forks`),
      watchers: link(`${api}/watchers`),
      hooks: link(`${api}/hooks`),
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
    draft: pr.draft,
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
