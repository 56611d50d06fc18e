/**
 * Who may do what, as Bitbucket decides it: explicit repository permissions (read < write < admin), project
 * permissions (which apply to every repository of the project), workspace roles, private repositories and projects,
 * and the app user, which has admin on every repository of the workspaces it is installed in (consumers act as it
 * with `asApp()`) and nothing elsewhere.
 */
import { HttpError, bitbucketError } from './errors';
import type { Store, StoredRepository } from './store';
import type {
  EmulatorProject,
  EmulatorUser,
  EmulatorWorkspace,
  ProjectPermission,
  RepositoryPermission,
  WorkspaceRole,
} from './types';

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
 * What a project permission gives on each repository of the project: `create-repo` is write plus creating
 * repositories (Bitbucket's "Create repositories" level).
 */
const REPOSITORY_PERMISSION_OF: Record<Exclude<ProjectPermission, 'none'>, Granted> = {
  read: 'read',
  write: 'write',
  'create-repo': 'write',
  admin: 'admin',
};

function highest(a: Granted | undefined, b: Granted | undefined): Granted | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

const isWorkspaceOwner = (store: Store, user: EmulatorUser, workspace: EmulatorWorkspace): boolean =>
  store.workspaceRoles.get(`${workspace.uuid}#${user.uuid}`) === 'owner';

/**
 * The caller's effective permission: the highest of its explicit repository grant, its grant on the repository's
 * project, and what its workspace role implies (owners administer every repository). Undefined when it has none;
 * public repositories are still readable then.
 */
export function effectivePermission(
  store: Store,
  user: EmulatorUser,
  repository: StoredRepository,
): Granted | undefined {
  if (user.app) return installedIn(user, repository.workspace) ? 'admin' : undefined;
  if (isWorkspaceOwner(store, user, repository.workspace)) return 'admin';
  const projectGrant = store.projects.grantOf(repository.project, user);
  return highest(
    store.repositoryGrants.get(`${repository.uuid}#${user.uuid}`),
    projectGrant && REPOSITORY_PERMISSION_OF[projectGrant],
  );
}

/**
 * Whether the caller administers the project: an explicit `admin` on it, a workspace owner (Bitbucket's workspace
 * administrators administer every project), or the app in a workspace it is installed in.
 */
export function isProjectAdmin(store: Store, user: EmulatorUser, project: EmulatorProject): boolean {
  if (user.app) return installedIn(user, project.workspace);
  if (isWorkspaceOwner(store, user, project.workspace)) return true;
  return store.projects.grantOf(project, user) === 'admin';
}

/**
 * Whether the caller may see the project at all: a public project everyone authenticated, a private one only its
 * admins, people with a permission on it, and people with a permission on one of its repositories. Everyone else
 * gets the same 404 as for a project that does not exist, so its existence does not leak.
 */
export function canSeeProject(store: Store, user: EmulatorUser, project: EmulatorProject): boolean {
  if (!project.isPrivate || isProjectAdmin(store, user, project)) return true;
  if (store.projects.grantOf(project, user) !== undefined) return true;
  return store.repositories.some(
    (r) => r.project === project && effectivePermission(store, user, r) !== undefined,
  );
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
 * with a permission on one of its repositories or projects (Bitbucket made repository collaborators members).
 * Undefined: the user has no access to the workspace.
 */
export function workspaceRole(
  store: Store,
  user: EmulatorUser,
  workspace: EmulatorWorkspace,
): WorkspaceRole | undefined {
  const role = store.workspaceRoles.get(`${workspace.uuid}#${user.uuid}`);
  if (role) return role;
  if (user.app) return installedIn(user, workspace) ? 'member' : undefined;
  const hasGrant =
    store.projects.hasGrantIn(workspace, user) ||
    store.repositories.some(
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
