import { kvs } from '@forge/kvs';
import { requireRepositoryAdmin, requireWorkspaceAdmin } from './authorize';
import { settingsScopeFrom } from './extensionContext';
import { installationWorkspaceFrom, sameUuid } from './installation-workspace';
import { authorizeOptionsFrom, type ResolverRequest } from './resolver-request';
import { repositorySettingsKey, workspaceSettingsKey } from '../storage-keys';
import { ResolverInputError } from './resolverError';
import type { AccessRefused, LintelSettings } from './types';

export const DEFAULT_SETTINGS: Readonly<LintelSettings> = Object.freeze({
  statusChecks: true,
  annotations: true,
  summaries: true,
  aiComments: false,
});

/** The storage key of the page's settings, once the caller has proven it administers their level. */
async function authorizedSettingsKey(request: ResolverRequest): Promise<string | AccessRefused> {
  const scope = settingsScopeFrom(request.context);
  const workspace = installationWorkspaceFrom(request.context);
  const options = authorizeOptionsFrom(request);
  if (scope.level === 'repository') {
    const access = await requireRepositoryAdmin(workspace, scope.uuid, options);
    return access.access === 'refused' ? access : repositorySettingsKey(access.value.repositoryUuid);
  }
  // The page's workspace is a claim; the installation's is the only one this app's storage holds.
  if (!sameUuid(scope.uuid, workspace)) {
    throw new ResolverInputError(
      `This page names workspace ${scope.uuid}, but Lintel is installed in ${workspace}: open the settings ` +
        'from the workspace Lintel is installed in.',
    );
  }
  const access = await requireWorkspaceAdmin(workspace, options);
  return access.access === 'refused' ? access : workspaceSettingsKey(workspace);
}

/**
 * Settings stored for the page's level (repository or workspace), or the defaults when none are stored. Only
 * repository admins see a repository's settings and only workspace admins the workspace's (authorize.ts).
 */
export async function getSettings(request: ResolverRequest): Promise<LintelSettings | AccessRefused> {
  const key = await authorizedSettingsKey(request);
  if (typeof key !== 'string') return key;
  const stored = await kvs.get<unknown>(key);
  if (stored === undefined) return { ...DEFAULT_SETTINGS };
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new ResolverInputError(
      `The settings stored under '${key}' are not an object; save the settings again.`,
    );
  }
  return stored as LintelSettings;
}
