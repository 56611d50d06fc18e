/**
 * The caller's own permissions in a workspace: `GET /2.0/user/workspaces/{workspace}/permissions/repositories`
 * (one `repository_permission` per repository it has a permission on, `q`/`sort`, paginated) and
 * `GET /2.0/user/workspaces/{workspace}/permission` (its role). Both answer 403 to a caller outside the workspace.
 * Permissions include what project grants give (access.ts).
 */
import { NO_WORKSPACE_ACCESS, effectivePermission, workspaceRole } from '../access';
import { queryCollection } from '../bbql';
import { HttpError } from '../errors';
import { DEFAULT_PAGE_LIMITS, paginate } from '../pagination';
import { accountJson, apiRoot, repositoryJson, workspaceJson } from '../representations';
import type { EmulatorWorkspace, Json, JsonObject } from '../types';
import { ok, workspaceOf, type RouteContext, type RouteTable } from './context';

const PERMISSION_SCHEMA = 'repository_permission';

function requireMembership(ctx: RouteContext, workspace: EmulatorWorkspace) {
  const role = workspaceRole(ctx.env.store, ctx.user, workspace);
  if (!role) throw new HttpError(403, NO_WORKSPACE_ACCESS);
  return role;
}

export const userPermissionRoutes: RouteTable = {
  'GET /user/workspaces/{workspace}/permissions/repositories': async (ctx) => {
    const workspace = workspaceOf(ctx);
    requireMembership(ctx, workspace);
    const { store, baseUrl, validator } = ctx.env;
    // Like Bitbucket, public repositories the caller holds no permission on are not listed.
    const values: Json[] = store.repositories
      .filter((repository) => repository.workspace === workspace)
      .flatMap((repository) => {
        const permission = effectivePermission(store, ctx.user, repository);
        if (!permission) return [];
        const entry: JsonObject = {
          type: 'repository_permission',
          user: accountJson(baseUrl, ctx.user),
          repository: repositoryJson(baseUrl, repository),
          permission,
        };
        return [entry];
      });
    const isField = (field: string): boolean => validator.schemaHasField(PERMISSION_SCHEMA, field);
    return ok(paginate(queryCollection(values, ctx.url.searchParams, isField), ctx.url, DEFAULT_PAGE_LIMITS));
  },

  'GET /user/workspaces/{workspace}/permission': async (ctx) => {
    const workspace = workspaceOf(ctx);
    const permission = requireMembership(ctx, workspace);
    return ok({
      type: 'workspace_membership',
      permission,
      user: accountJson(ctx.env.baseUrl, ctx.user),
      workspace: workspaceJson(ctx.env.baseUrl, workspace),
      links: {
        self: {
          href: `${apiRoot(ctx.env.baseUrl)}/user/workspaces/${encodeURIComponent(workspace.uuid)}/permission`,
        },
      },
    });
  },
};
