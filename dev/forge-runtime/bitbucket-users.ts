// Sets up a person on both halves of the local platform in one call: a Bitbucket account with its workspace role
// and repository and project permissions in the emulator, and (unless it has not consented yet) the token `asUser()` sends
// for its Atlassian account ID in the runtime.
import type {
  Emulator,
  EmulatorUser,
  NewUser,
  ProjectPermission,
  RepositoryPermission,
  WorkspaceRole,
} from '../bitbucket-emulator/types';
import type { ForgeRuntime } from './types';

export interface BitbucketUserSpec extends NewUser {
  /** Workspace slug the role and repository permissions apply to. */
  workspace: string;
  /** Workspace role; omitted: none (the user is then a member only through its repository permissions). */
  role?: WorkspaceRole;
  /** Repository slug → explicit permission. */
  repositories?: Record<string, RepositoryPermission>;
  /** Project key (or brace-wrapped UUID) → explicit permission, which applies to its every repository. */
  projects?: Record<string, ProjectPermission>;
  /**
   * Whether the user has allowed the app to act as them (default true). Without consent `asUser()` throws
   * `NeedsAuthenticationError`, as Forge does before the user has clicked "Allow access".
   */
  consented?: boolean;
}

export function addBitbucketUser(
  emulator: Pick<
    Emulator,
    'addUser' | 'setWorkspaceRole' | 'grantRepositoryPermission' | 'grantProjectPermission'
  >,
  runtime: Pick<ForgeRuntime, 'setUserToken'>,
  spec: BitbucketUserSpec,
): EmulatorUser {
  const { workspace, role, repositories = {}, projects = {}, consented = true, ...newUser } = spec;
  const user = emulator.addUser(newUser);
  if (role) emulator.setWorkspaceRole({ workspace, user, role });
  for (const [repo, permission] of Object.entries(repositories))
    emulator.grantRepositoryPermission({ workspace, repo, user, permission });
  for (const [project, permission] of Object.entries(projects))
    emulator.grantProjectPermission({ workspace, project, user, permission });
  if (consented) runtime.setUserToken(user.accountId, user.token);
  return user;
}
