/**
 * Access checks for the resolvers, made with the caller's own identity (`asUser()`), never with an id the page
 * sent: the page's `extension` only says what the caller claims to look at, and Bitbucket, asked as the caller,
 * says whether it may. Each check answers a typed decision; a refusal carries a message for the page and nothing
 * of the data. The workspace always comes from the installation (installation-workspace.ts).
 *
 * Bitbucket operations (all `forge-oauth2` in the OpenAPI document):
 * - GET /2.0/repositories/{workspace}/{repo}/pullrequests/{id}            read:pullrequest:bitbucket
 * - GET /2.0/user/workspaces/{workspace}/permissions/repositories?q=…     read:repository:bitbucket
 * - GET /2.0/user/workspaces/{workspace}/permission                        read:workspace:bitbucket
 * - GET /2.0/workspaces/{workspace}/projects/{project}/permissions-config/users   read:project:bitbucket
 */
import api, { route, routeFromAbsolute, type APIResponse } from '@forge/api';
import { normalUuid, sameUuid } from './installation-workspace';
import type { AccessRefused } from './types';
import { isObject } from './json-object';

type Route = ReturnType<typeof route>;

export type RepositoryPermission = 'read' | 'write' | 'admin';
export type WorkspaceRole = 'owner' | 'create-project' | 'collaborator' | 'member';

export type Granted<T> = { access: 'granted'; value: T };
export type AccessDecision<T> = Granted<T> | AccessRefused;

export interface AuthorizeOptions {
  /**
   * Let `NeedsAuthenticationError` escape instead of answering `needs-consent`: Forge then shows the user its
   * consent prompt and re-initialises the page once access is allowed (the page's "Allow access" button).
   */
  promptForConsent?: boolean;
}

/** A pull request the caller can read, named as Bitbucket knows it. */
export interface ReadablePullRequest {
  repositoryUuid: string;
  pullRequestId: number;
}

/** What Bitbucket answered about the pull request, asked as the caller: the proof of access doubles as the facts. */
export interface PullRequestFacts {
  /** OPEN, MERGED, DECLINED or SUPERSEDED. */
  state: string;
  sourceHash?: string;
  sourceBranch?: string;
  destinationHash?: string;
  destinationBranch?: string;
  /** The pull request's page on bitbucket.org. */
  htmlUrl?: string;
}

export interface RepositoryGrant {
  repositoryUuid: string;
  permission: RepositoryPermission;
  /** The caller's display name as Bitbucket answered it, when it did (writers' grants only). */
  displayName?: string;
}

/** A project the caller administers: its UUID as Bitbucket spells it, and its key when Bitbucket named it. */
export interface ProjectGrant {
  projectUuid: string;
  projectKey?: string;
}

export interface WorkspaceGrant {
  workspaceUuid: string;
  role: WorkspaceRole;
}

const RANK: Record<RepositoryPermission, number> = { read: 1, write: 2, admin: 3 };
/** Pages of repository permissions followed at most; the `q` filter leaves one entry, so one page is normal. */
const MAX_PERMISSION_PAGES = 10;

const granted = <T>(value: T): Granted<T> => ({ access: 'granted', value });

function refused(reason: AccessRefused['reason'], message: string): AccessRefused {
  return { access: 'refused', reason, message };
}

function isNeedsAuthentication(error: unknown): boolean {
  return error instanceof Error && error.name === 'NEEDS_AUTHENTICATION_ERR';
}

/** What a check is for, in the words its refusals use. */
interface Purpose {
  /** What Lintel reads as the user: `this repository` or `this workspace`. */
  scope: string;
  /** What the user wanted, after "before it can": `show …`. */
  action: string;
}

const needsConsent = ({ scope, action }: Purpose): AccessRefused =>
  refused(
    'needs-consent',
    `Lintel needs your permission to read ${scope} as you before it can ${action}: it only shows what your ` +
      'own Bitbucket access lets you see.',
  );

const unverified = ({ action }: Purpose, status: number): AccessRefused =>
  refused(
    'unverified',
    `Lintel could not check your access (Bitbucket answered HTTP ${status}), so it cannot ${action} yet. ` +
      'Try again in a minute.',
  );

/** One GET as the caller; `undefined` when the caller has not consented (and no prompt was asked for). */
async function getAsUser(path: Route, options: AuthorizeOptions): Promise<APIResponse | undefined> {
  try {
    const response = await api.asUser().requestBitbucket(path, { headers: { Accept: 'application/json' } });
    // A token Bitbucket no longer accepts (consent withdrawn, expired) needs the same new consent.
    return response.status === 401 ? undefined : response;
  } catch (error) {
    if (isNeedsAuthentication(error) && !options.promptForConsent) return undefined;
    throw error;
  }
}

async function jsonOf(response: APIResponse): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The caller can read the pull request: Bitbucket answers it, asked as the caller, at the installation's
 * workspace. A forged repository or pull-request id names something the caller cannot read, and Bitbucket
 * answers 404 (private repositories too: their existence does not leak).
 */
export async function requirePullRequestReader(
  workspaceUuid: string,
  claim: ReadablePullRequest,
  options: AuthorizeOptions = {},
): Promise<AccessDecision<ReadablePullRequest & { pullRequest: PullRequestFacts }>> {
  const purpose = {
    scope: 'this repository',
    action: `show the quality gate of pull request #${claim.pullRequestId}`,
  };
  const repositoryUuid = normalUuid(claim.repositoryUuid);
  const response = await getAsUser(
    route`/2.0/repositories/${workspaceUuid}/${repositoryUuid}/pullrequests/${claim.pullRequestId}`,
    options,
  );
  if (!response) return needsConsent(purpose);
  if (response.status === 200) {
    return granted({
      repositoryUuid,
      pullRequestId: claim.pullRequestId,
      pullRequest: pullRequestFactsOf(await jsonOf(response)),
    });
  }
  if (response.status === 403 || response.status === 404) {
    return refused(
      'forbidden',
      `Bitbucket does not show you pull request #${claim.pullRequestId} of this repository (HTTP ` +
        `${response.status}): it does not exist or you have no access to it, so Lintel shows nothing about it.`,
    );
  }
  return unverified(purpose, response.status);
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The few fields of a pull request the panel needs; anything missing stays undefined. */
function pullRequestFactsOf(body: unknown): PullRequestFacts {
  const pr = isObject(body) ? body : {};
  const end = (side: 'source' | 'destination') => {
    const endpoint = isObject(pr[side]) ? pr[side] : {};
    const commit = isObject(endpoint.commit) ? endpoint.commit : {};
    const branch = isObject(endpoint.branch) ? endpoint.branch : {};
    return { hash: text(commit.hash), branch: text(branch.name) };
  };
  const links = isObject(pr.links) && isObject(pr.links.html) ? pr.links.html : {};
  const source = end('source');
  const destination = end('destination');
  const facts: PullRequestFacts = { state: text(pr.state) ?? 'OPEN' };
  if (source.hash) facts.sourceHash = source.hash;
  if (source.branch) facts.sourceBranch = source.branch;
  if (destination.hash) facts.destinationHash = destination.hash;
  if (destination.branch) facts.destinationBranch = destination.branch;
  const href = text(links.href);
  if (href) facts.htmlUrl = href;
  return facts;
}

/** The caller's effective permission on one repository, or `none`; a refusal when Bitbucket did not say. */
async function repositoryPermission(
  workspaceUuid: string,
  repositoryUuid: string,
  purpose: Purpose,
  options: AuthorizeOptions,
): Promise<AccessDecision<{ permission: RepositoryPermission | 'none'; displayName?: string }>> {
  const q = `repository.uuid="${repositoryUuid}"`;
  let path: Route = route`/2.0/user/workspaces/${workspaceUuid}/permissions/repositories?q=${q}`;
  for (let page = 0; page < MAX_PERMISSION_PAGES; page++) {
    const response = await getAsUser(path, options);
    if (!response) return needsConsent(purpose);
    // 403: not a member of the workspace, so no permission on any of its repositories.
    if (response.status === 403) return granted({ permission: 'none' });
    if (response.status !== 200) return unverified(purpose, response.status);
    const body = await jsonOf(response);
    const values = isObject(body) && Array.isArray(body.values) ? body.values : [];
    // Matched by uuid, never "the first entry": a filter Bitbucket ignored must not grant another repository.
    for (const entry of values) {
      if (!isObject(entry) || !isObject(entry.repository)) continue;
      const { uuid } = entry.repository;
      if (typeof uuid !== 'string' || !sameUuid(uuid, repositoryUuid)) continue;
      const permission = entry.permission;
      const displayName = isObject(entry.user) ? text(entry.user.display_name) : undefined;
      const known = permission === 'read' || permission === 'write' || permission === 'admin';
      return granted({ permission: known ? permission : 'none', ...(displayName ? { displayName } : {}) });
    }
    const next = isObject(body) ? body.next : undefined;
    if (typeof next !== 'string') return granted({ permission: 'none' });
    path = routeFromAbsolute(next);
  }
  return unverified(purpose, 200);
}

async function requireRepositoryPermission(
  workspaceUuid: string,
  repositoryUuid: string,
  needed: RepositoryPermission,
  purpose: Purpose & { who: string },
  options: AuthorizeOptions,
): Promise<AccessDecision<RepositoryGrant>> {
  const uuid = normalUuid(repositoryUuid);
  const decision = await repositoryPermission(workspaceUuid, uuid, purpose, options);
  if (decision.access === 'refused') return decision;
  const { permission, displayName } = decision.value;
  if (permission !== 'none' && RANK[permission] >= RANK[needed]) {
    // The name only where it is used (who dismissed a finding); admin grants stay as they were.
    const named = needed === 'write' && displayName ? { displayName } : {};
    return granted({ repositoryUuid: uuid, permission, ...named });
  }
  const yours =
    permission === 'none' ? 'you have no permission on it' : `your permission on it is ${permission}`;
  return refused('forbidden', `Only ${purpose.who} can ${purpose.action}; ${yours}.`);
}

/** The caller administers the repository (settings pages). */
export function requireRepositoryAdmin(
  workspaceUuid: string,
  repositoryUuid: string,
  options: AuthorizeOptions = {},
): Promise<AccessDecision<RepositoryGrant>> {
  return requireRepositoryPermission(
    workspaceUuid,
    repositoryUuid,
    'admin',
    { scope: 'this repository', action: "show this repository's Lintel settings", who: 'repository admins' },
    options,
  );
}

/**
 * The caller may write to the repository (re-analyse a pull request, dismiss a finding). `action` completes the
 * refusal: "Only people who can write to this repository can <action>; your permission on it is read."
 */
export function requireRepositoryWriter(
  workspaceUuid: string,
  repositoryUuid: string,
  options: AuthorizeOptions = {},
  action = 'do this',
): Promise<AccessDecision<RepositoryGrant>> {
  return requireRepositoryPermission(
    workspaceUuid,
    repositoryUuid,
    'write',
    { scope: 'this repository', action, who: 'people who can write to this repository' },
    options,
  );
}

/** The key of the project an answer of `permissions-config/users` names, when its entries carry the project. */
function projectKeyIn(body: unknown, projectUuid: string): string | undefined {
  const values = isObject(body) && Array.isArray(body.values) ? body.values : [];
  for (const entry of values) {
    const project = isObject(entry) && isObject(entry.project) ? entry.project : undefined;
    if (typeof project?.uuid !== 'string' || !sameUuid(project.uuid, projectUuid)) continue;
    if (typeof project.key === 'string' && project.key !== '') return project.key;
  }
  return undefined;
}

/**
 * The caller administers the project. Bitbucket lists a project's explicit user permissions only to its admins
 * (an explicit admin of the project, or a workspace admin) and answers 403 to anyone else who can see the project,
 * 404 to whoever cannot; so a 200, asked as the caller, is the proof. One entry is enough (`pagelen=1`): the
 * answer itself is the grant, whatever it lists. The project is addressed by the UUID the page claims.
 */
export async function requireProjectAdmin(
  workspaceUuid: string,
  projectUuid: string,
  options: AuthorizeOptions = {},
): Promise<AccessDecision<ProjectGrant>> {
  const purpose = { scope: 'this project', action: "show this project's Lintel settings" };
  const uuid = normalUuid(projectUuid);
  const response = await getAsUser(
    route`/2.0/workspaces/${workspaceUuid}/projects/${uuid}/permissions-config/users?pagelen=1`,
    options,
  );
  if (!response) return needsConsent(purpose);
  if (response.status === 200) {
    const projectKey = projectKeyIn(await jsonOf(response), uuid);
    return granted({ projectUuid: uuid, ...(projectKey ? { projectKey } : {}) });
  }
  if (response.status === 403) {
    return refused(
      'forbidden',
      `Only project admins can ${purpose.action}; you are not an admin of this project.`,
    );
  }
  if (response.status === 404) {
    return refused(
      'forbidden',
      `Only project admins can ${purpose.action}; Bitbucket does not show you this project (HTTP 404): it does ` +
        'not exist in this workspace or you have no access to it.',
    );
  }
  return unverified(purpose, response.status);
}

/** The caller administers the workspace: its role is `owner` (Bitbucket's "Administrator"). */
export async function requireWorkspaceAdmin(
  workspaceUuid: string,
  options: AuthorizeOptions = {},
): Promise<AccessDecision<WorkspaceGrant>> {
  const purpose = { scope: 'this workspace', action: "show the workspace's Lintel settings" };
  const response = await getAsUser(route`/2.0/user/workspaces/${workspaceUuid}/permission`, options);
  if (!response) return needsConsent(purpose);
  if (response.status === 403 || response.status === 404) {
    return refused(
      'forbidden',
      `Only workspace admins can ${purpose.action}; you are not a member of this workspace.`,
    );
  }
  if (response.status !== 200) return unverified(purpose, response.status);
  const body = await jsonOf(response);
  const role = isObject(body) ? body.permission : undefined;
  if (role === 'owner') return granted({ workspaceUuid, role });
  const yours = typeof role === 'string' ? `your role is ${role}` : 'Bitbucket did not say your role';
  return refused('forbidden', `Only workspace admins can ${purpose.action}; ${yours}.`);
}
