import { ACTIVITY_ENTRIES_SHOWN, kvsActivityLog } from '../activity-log';
import { requireRepositoryAdmin } from './authorize';
import { settingsScopeFrom } from './extensionContext';
import { installationWorkspaceFrom } from './installation-workspace';
import { authorizeOptionsFrom, type ResolverRequest } from './resolver-request';
import { ResolverInputError } from './resolverError';
import type { AccessRefused, ActivityView } from './types';

/**
 * The repository page's activity list: the last analyses of the page's repository, newest first. Only its admins
 * see it (asked as the caller, authorize.ts): reasons name branches and failing calls of that repository.
 */
export async function getActivity(request: ResolverRequest): Promise<ActivityView | AccessRefused> {
  const scope = settingsScopeFrom(request.context);
  if (scope.level !== 'repository') {
    throw new ResolverInputError(
      `The activity list belongs to one repository: open it from Repository settings → Lintel, not the ${scope.level} settings page.`,
    );
  }
  const workspace = installationWorkspaceFrom(request.context);
  const access = await requireRepositoryAdmin(workspace, scope.uuid, authorizeOptionsFrom(request));
  if (access.access === 'refused') return access;
  return { entries: await kvsActivityLog.recent(access.value.repositoryUuid, ACTIVITY_ENTRIES_SHOWN) };
}
