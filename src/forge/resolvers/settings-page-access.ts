/**
 * Which settings level a page may read and change, proven with the caller's own identity (authorize.ts): the page's
 * `extension` names the level, and Bitbucket, asked as the caller, says whether they administer it. For a repository
 * page the repository is then read as the caller, for its project (the layer between workspace and repository) and
 * its main branch (where the page reads `.lintel.yml` and previews ignored paths).
 */
import api, { route } from '@forge/api';
import { requireProjectAdmin, requireRepositoryAdmin, requireWorkspaceAdmin } from './authorize';
import { settingsScopeFrom } from './extensionContext';
import { installationWorkspaceFrom, normalUuid, sameUuid } from './installation-workspace';
import { authorizeOptionsFrom, type ResolverRequest } from './resolver-request';
import { ResolverInputError } from './resolverError';
import type { AccessRefused, SettingsLevel } from './types';
import { isObject } from './json-object';

export interface RepositoryFacts {
  /** The project the repository belongs to, whose settings it inherits. */
  projectUuid?: string;
  mainBranch?: string;
}

export interface SettingsPage {
  level: SettingsLevel;
  uuid: string;
  workspaceUuid: string;
  /** Forge sets it: who saves. */
  accountId: string;
  repository?: RepositoryFacts;
}

function accountIdOf(context: unknown): string {
  const accountId =
    typeof context === 'object' && context !== null
      ? (context as { accountId?: unknown }).accountId
      : undefined;
  if (typeof accountId !== 'string' || accountId === '') {
    throw new ResolverInputError(
      'The resolver context has no accountId: sign in to Bitbucket and reload the page.',
    );
  }
  return accountId;
}

/** GET /2.0/repositories/{workspace}/{repo} as the caller (read:repository:bitbucket), after the admin check. */
async function repositoryFacts(workspaceUuid: string, repositoryUuid: string): Promise<RepositoryFacts> {
  const response = await api
    .asUser()
    .requestBitbucket(route`/2.0/repositories/${workspaceUuid}/${repositoryUuid}`, {
      headers: { Accept: 'application/json' },
    });
  if (response.status !== 200) {
    throw new ResolverInputError(
      `Bitbucket did not answer which project this repository is in (HTTP ${response.status}); reload the page.`,
    );
  }
  const body: unknown = await response.json();
  const project = isObject(body) && isObject(body.project) ? body.project : undefined;
  const mainbranch = isObject(body) && isObject(body.mainbranch) ? body.mainbranch : undefined;
  return {
    ...(typeof project?.uuid === 'string' ? { projectUuid: normalUuid(project.uuid) } : {}),
    ...(typeof mainbranch?.name === 'string' ? { mainBranch: mainbranch.name } : {}),
  };
}

/** The page's level once the caller has proven they administer it, or the refusal to show instead. */
export async function authorizedSettingsPage(
  request: ResolverRequest,
): Promise<SettingsPage | AccessRefused> {
  const scope = settingsScopeFrom(request.context);
  const workspaceUuid = installationWorkspaceFrom(request.context);
  const accountId = accountIdOf(request.context);
  const options = authorizeOptionsFrom(request);
  if (scope.level === 'repository') {
    const access = await requireRepositoryAdmin(workspaceUuid, scope.uuid, options);
    if (access.access === 'refused') return access;
    const uuid = access.value.repositoryUuid;
    const repository = await repositoryFacts(workspaceUuid, uuid);
    return { level: 'repository', uuid, workspaceUuid, accountId, repository };
  }
  if (scope.level === 'project') {
    const access = await requireProjectAdmin(workspaceUuid, scope.uuid, options);
    if (access.access === 'refused') return access;
    return { level: 'project', uuid: normalUuid(scope.uuid), workspaceUuid, accountId };
  }
  // The page's workspace is a claim; the installation's is the only one this app's storage holds.
  if (!sameUuid(scope.uuid, workspaceUuid)) {
    throw new ResolverInputError(
      `This page names workspace ${scope.uuid}, but Lintel is installed in ${workspaceUuid}: open the settings ` +
        'from the workspace Lintel is installed in.',
    );
  }
  const access = await requireWorkspaceAdmin(workspaceUuid, options);
  if (access.access === 'refused') return access;
  return { level: 'workspace', uuid: workspaceUuid, workspaceUuid, accountId };
}
