import { kvs } from '@forge/kvs';
import { settingsScopeFrom } from './extensionContext';
import { repositorySettingsKey, workspaceSettingsKey } from '../storage-keys';
import { ResolverInputError } from './resolverError';
import type { LintelSettings } from './types';

export const DEFAULT_SETTINGS: Readonly<LintelSettings> = Object.freeze({
  statusChecks: true,
  annotations: true,
  summaries: true,
  aiComments: false,
});

interface ResolverRequest {
  context: unknown;
}

/** Settings stored for the page's level (repository or workspace), or the defaults when none are stored. */
export async function getSettings({ context }: ResolverRequest): Promise<LintelSettings> {
  const scope = settingsScopeFrom(context);
  const key =
    scope.level === 'repository' ? repositorySettingsKey(scope.uuid) : workspaceSettingsKey(scope.uuid);
  const stored = await kvs.get<unknown>(key);
  if (stored === undefined) return { ...DEFAULT_SETTINGS };
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new ResolverInputError(
      `The settings stored under '${key}' are not an object; save the settings again.`,
    );
  }
  return stored as LintelSettings;
}
