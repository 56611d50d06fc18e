// Invocation contexts shaped like Forge's for Bitbucket apps (forge-platform.md §1 and §6):
// backend functions get `(payload, context)` with `installContext` (ARI), `workspaceId` and `principal`;
// resolvers get `({ call, context }, backendContext)` as `@forge/resolver` 2.0.1 expects.

export interface InstallationIdentity {
  /** Brace-wrapped workspace UUID. */
  workspaceId: string;
  /** `ari:cloud:bitbucket::workspace/<uuid>` (no braces) unless given. */
  installContext: string;
  environmentId: string;
}

/** Used when the caller gives no installation context. */
export const DEFAULT_WORKSPACE_ID = '{00000000-0000-4000-8000-000000000001}';
export const LOCAL_ENVIRONMENT_ID = '00000000-0000-4000-8000-00000000e0e0';

export function braced(uuid: string): string {
  const bare = uuid.replace(/^\{|\}$/g, '');
  return `{${bare}}`;
}

export function installationIdentity(opts?: {
  workspaceId: string;
  installContext?: string;
}): InstallationIdentity {
  const workspaceId = braced(opts?.workspaceId ?? DEFAULT_WORKSPACE_ID);
  return {
    workspaceId,
    installContext: opts?.installContext ?? `ari:cloud:bitbucket::workspace/${workspaceId.slice(1, -1)}`,
    environmentId: LOCAL_ENVIRONMENT_ID,
  };
}

/** Second argument of triggers, consumers and merge checks. No principal: they run as no user. */
export function backendContext(id: InstallationIdentity, accountId?: string): Record<string, unknown> {
  return {
    installContext: id.installContext,
    workspaceId: id.workspaceId,
    principal: accountId ? { accountId } : undefined,
  };
}

/** Arguments for a resolver function (`resolver.getDefinitions()` handler). */
export function resolverArgs(
  id: InstallationIdentity,
  moduleType: string,
  moduleKey: string,
  call: { functionKey: string; payload?: unknown },
  ctx: { accountId: string; extension: object },
): [unknown, unknown] {
  const request = {
    call: { functionKey: call.functionKey, payload: call.payload },
    context: {
      accountId: ctx.accountId,
      accountType: 'licensed',
      workspaceId: id.workspaceId,
      installContext: id.installContext,
      environmentId: id.environmentId,
      environmentType: 'DEVELOPMENT',
      moduleKey,
      localId: `${moduleKey}-local`,
      extension: { type: moduleType, ...ctx.extension },
    },
  };
  return [request, backendContext(id, ctx.accountId)];
}

/** Extension objects as documented per Bitbucket UI module (forge-platform.md §4). */
export const extensions = {
  repoSettings: (repositoryUuid: string) => ({
    type: 'bitbucket:repoSettingsMenuPage',
    repository: { uuid: braced(repositoryUuid) },
  }),
  /** Forge documents no fields for this page; `project.uuid` mirrors the repository page (docs/access-control.md). */
  projectSettings: (projectUuid: string) => ({
    type: 'bitbucket:projectSettingsMenuPage',
    project: { uuid: braced(projectUuid) },
  }),
  workspaceSettings: (workspaceUuid: string) => ({
    type: 'bitbucket:workspaceSettingsMenuPage',
    workspace: { uuid: braced(workspaceUuid) },
  }),
  pullRequestPanel: (repositoryUuid: string, pullRequestId: number) => ({
    type: 'bitbucket:repoPullRequestOverviewPanel',
    repository: { uuid: braced(repositoryUuid) },
    pullRequest: { id: pullRequestId },
  }),
  /** The ••• menu's dialog; Forge documents no fields for it, these mirror the panel's (docs/access-control.md). */
  pullRequestAction: (repositoryUuid: string, pullRequestId: number) => ({
    type: 'bitbucket:repoPullRequestAction',
    repository: { uuid: braced(repositoryUuid) },
    pullRequest: { id: pullRequestId },
  }),
};
