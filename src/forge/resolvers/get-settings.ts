import { authorizedSettingsPage } from './settings-page-access';
import { settingsViewOf } from './settings-view';
import type { ResolverRequest } from './resolver-request';
import type { AccessRefused, SettingsView } from './types';

/**
 * The settings page's view of its level (repository, project or workspace): only its admins see it, checked with the
 * caller's identity (settings-page-access.ts).
 */
export async function getSettings(request: ResolverRequest): Promise<SettingsView | AccessRefused> {
  const page = await authorizedSettingsPage(request);
  if ('access' in page) return page;
  return settingsViewOf(page);
}
