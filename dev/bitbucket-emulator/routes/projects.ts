/**
 * Projects: the project itself, its explicit user permissions (`permissions-config/users`, for project admins
 * only), and the repository resource, which names its project. `{project_key}` is the key or the brace-wrapped
 * UUID: the document says "the actual key" for these two operations but key-or-UUID for other project operations
 * and for a repository's `project.key` on create, and Forge events name projects by UUID only.
 */
import { canSeeProject, isProjectAdmin } from '../access';
import { HttpError, badRequest, bitbucketError } from '../errors';
import { DEFAULT_PAGE_LIMITS, paginate } from '../pagination';
import { accountJson, apiRoot, fullProjectJson, fullRepositoryJson, projectJson } from '../representations';
import type { EmulatorProject, Json } from '../types';
import { REPO, ok, param, repositoryOf, workspaceOf, type RouteContext, type RouteTable } from './context';

const PROJECT = '/workspaces/{workspace}/projects/{project_key}';

/**
 * The answer to a project that does not exist and to a private one the caller may not see: the same 404, so a
 * private project's existence does not leak. Bitbucket's exact wording is unverified.
 */
export const NO_PROJECT_ACCESS =
  'You may not have access to this project or it no longer exists in this workspace.';

/** 403 to a caller who sees the project but does not administer it (wording unverified). */
export const NOT_PROJECT_ADMIN = 'Access denied. You must have admin access to this project.';

function visibleProjectOf(ctx: RouteContext): EmulatorProject {
  const workspace = workspaceOf(ctx);
  const project = ctx.env.store.projects.find(workspace, param(ctx, 'project_key'));
  if (!project || !canSeeProject(ctx.env.store, ctx.user, project))
    throw new HttpError(404, NO_PROJECT_ACCESS, bitbucketError(NO_PROJECT_ACCESS));
  return project;
}

export const projectRoutes: RouteTable = {
  [`GET ${PROJECT}`]: async (ctx) => {
    const project = visibleProjectOf(ctx);
    return ok(fullProjectJson(ctx.env.baseUrl, project, ctx.env.store.repositories));
  },

  [`GET ${PROJECT}/permissions-config/users`]: async (ctx) => {
    // The document: "This endpoint does not support BBQL features"; a client filtering here would get everyone.
    for (const name of ['q', 'sort'])
      if (ctx.url.searchParams.has(name))
        throw badRequest(`${name}: this endpoint does not support BBQL (filtering or sorting)`);
    const project = visibleProjectOf(ctx);
    const { store, baseUrl } = ctx.env;
    if (!isProjectAdmin(store, ctx.user, project))
      throw new HttpError(403, NOT_PROJECT_ADMIN, bitbucketError(NOT_PROJECT_ADMIN));
    const base = `${apiRoot(baseUrl)}/workspaces/${project.workspace.slug}/projects/${project.key}`;
    const values: Json[] = store.projects.explicitGrants(project).map(({ user, permission }) => ({
      type: 'project_user_permission',
      permission,
      user: accountJson(baseUrl, user),
      project: projectJson(project),
      links: { self: { href: `${base}/permissions-config/users/${user.accountId}` } },
    }));
    return ok(paginate(values, ctx.url, DEFAULT_PAGE_LIMITS));
  },

  // The server has already answered 404 to a repository the caller may not read (access.ts).
  [`GET ${REPO}`]: async (ctx) => {
    const repository = repositoryOf(ctx);
    const parent = ctx.env.store.repositories.find((r) => r.uuid === repository.forkOf);
    return ok(fullRepositoryJson(ctx.env.baseUrl, repository, parent));
  },
};
