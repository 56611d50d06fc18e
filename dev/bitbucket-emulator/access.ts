/**
 * Who may do what, as Bitbucket decides it: explicit repository permissions (read < write < admin), workspace roles,
 * private repositories, and the app user, which has admin on every repository of the workspaces it is installed in
 * (consumers act as it with `asApp()`) and nothing elsewhere.
 */
import { HttpError, bitbucketError } from './errors';
import type { Store, StoredRepository } from './store';
import type { EmulatorUser, EmulatorWorkspace, RepositoryPermission, WorkspaceRole } from './types';

type Granted = Exclude<RepositoryPermission, 'none'>;

const RANK: Record<Granted, number> = { read: 1, write: 2, admin: 3 };

/**
 * Bitbucket's answer to a private repository the caller may not read: the same 404 as a repository that does not
 * exist, so its existence does not leak.
 */
export const NO_REPOSITORY_ACCESS =
  'You may not have access to this repository or it no longer exists in this workspace. If you think this ' +
  'repository exists and you have access, make sure you are authenticated.';

export const NO_WRITE_ACCESS = 'Access denied. You must have write or admin access.';
export const NO_WORKSPACE_ACCESS = 'The requesting user does not have access to the workspace.';

/**
 * The caller's effective permission: the highest of its explicit grant and what its workspace role implies
 * (owners administer every repository). Undefined when it has none; public repositories are still readable then.
 */
export function effectivePermission(
  store: Store,
  user: EmulatorUser,
  repository: StoredRepository,
): Granted | undefined {
  if (user.app) return installedIn(user, repository.workspace) ? 'admin' : undefined;
  if (store.workspaceRoles.get(`${repository.workspace.uuid}#${user.uuid}`) === 'owner') return 'admin';
  return store.repositoryGrants.get(`${repository.uuid}#${user.uuid}`);
}

/** Whether an app user's installation covers the workspace (every workspace when none was named). */
function installedIn(user: EmulatorUser, workspace: EmulatorWorkspace): boolean {
  return (
    !user.installedIn ||
    user.installedIn.includes(workspace.slug.toLowerCase()) ||
    user.installedIn.includes(workspace.uuid.toLowerCase())
  );
}

export function atLeast(permission: Granted | undefined, needed: Granted): boolean {
  return permission !== undefined && RANK[permission] >= RANK[needed];
}

/**
 * The role `GET /user/workspaces/{workspace}/permission` reports: the explicit role, else `member` for anyone
 * with a permission on one of its repositories (Bitbucket made repository collaborators members). Undefined: the
 * user has no access to the workspace.
 */
export function workspaceRole(
  store: Store,
  user: EmulatorUser,
  workspace: EmulatorWorkspace,
): WorkspaceRole | undefined {
  const role = store.workspaceRoles.get(`${workspace.uuid}#${user.uuid}`);
  if (role) return role;
  if (user.app) return installedIn(user, workspace) ? 'member' : undefined;
  const hasGrant = store.repositories.some(
    (r) => r.workspace === workspace && store.repositoryGrants.has(`${r.uuid}#${user.uuid}`),
  );
  return hasGrant ? 'member' : undefined;
}

/**
 * What a request under /repositories/{workspace}/{repo_slug} needs. Reading, and commenting on pull requests
 * (Bitbucket lets every reader comment), need read; everything else (reports, annotations, statuses) needs write.
 */
function neededFor(method: string, template: string): Granted {
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (/\/pullrequests\/\{pull_request_id\}\/comments/.test(template)) return 'read';
  return 'write';
}

/**
 * Throws Bitbucket's refusal when the caller may not make this request. A private repository is invisible without
 * read (404); a public one is readable by every authenticated caller. Writes need write on either, as on Bitbucket.
 */
export function authorizeRepositoryRequest(
  store: Store,
  user: EmulatorUser,
  repository: StoredRepository,
  method: string,
  template: string,
): void {
  const permission = effectivePermission(store, user, repository);
  if (repository.isPrivate && !atLeast(permission, 'read')) throw new HttpError(404, NO_REPOSITORY_ACCESS);
  const needed = neededFor(method, template);
  if (needed === 'read' && !repository.isPrivate) return;
  if (!atLeast(permission, needed))
    throw new HttpError(403, NO_WRITE_ACCESS, bitbucketError(NO_WRITE_ACCESS));
}
