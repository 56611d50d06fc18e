// Builds the context Bitbucket gives a Custom UI page (what `view.getContext()` returns) from the module and
// the page URL's query. The server keeps it per page session: later `invoke()` calls cannot change its account,
// though they may forge its extension, as a tampered page can in Forge (README.md, "Trust").
import type { UiManifest, UiModule } from './uiModules';

/** A bad page request; `status` is the HTTP status to answer with. */
export class PageRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const UUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** Bitbucket UUIDs travel brace-wrapped; accept either form in the URL and normalise. */
function bitbucketUuid(name: string, raw: string | null): string {
  const match = raw === null ? null : UUID.exec(raw);
  if (!match) {
    throw new PageRequestError(
      400,
      raw === null
        ? `missing query parameter '${name}' (a Bitbucket UUID such as {4c16a397-8e48-479c-8ca2-442e46c90570})`
        : `query parameter '${name}' is not a Bitbucket UUID: '${raw}'`,
    );
  }
  return `{${match[1]!.toLowerCase()}}`;
}

function pullRequestId(raw: string | null): number {
  if (raw === null)
    throw new PageRequestError(400, "missing query parameter 'pullRequest' (a pull request id)");
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(id > 0))
    throw new PageRequestError(400, `query parameter 'pullRequest' is not a positive integer: '${raw}'`);
  return id;
}

/** `context.extension` per module type, as documented for Bitbucket (forge-platform.md §4). */
export function extensionFor(
  module: UiModule,
  query: URLSearchParams,
  workspaceId: string,
): Record<string, unknown> {
  switch (module.type) {
    case 'bitbucket:repoSettingsMenuPage':
      return {
        type: module.type,
        repository: { uuid: bitbucketUuid('repository', query.get('repository')) },
      };
    case 'bitbucket:workspaceSettingsMenuPage':
      return { type: module.type, workspace: { uuid: workspaceId } };
    // Forge's docs show no extension fields for this page; `project.uuid` is assumed to mirror the repository
    // page's `repository.uuid` (README.md, docs/access-control.md).
    case 'bitbucket:projectSettingsMenuPage':
      return { type: module.type, project: { uuid: bitbucketUuid('project', query.get('project')) } };
    // Forge documents no extension fields for the action's dialog; they are assumed to mirror the panel's (⚠).
    case 'bitbucket:repoPullRequestOverviewPanel':
    case 'bitbucket:repoPullRequestCard':
    case 'bitbucket:repoPullRequestAction':
      return {
        type: module.type,
        repository: { uuid: bitbucketUuid('repository', query.get('repository')) },
        pullRequest: { id: pullRequestId(query.get('pullRequest')) },
      };
    default:
      throw new PageRequestError(
        501,
        `module type '${module.type}' of '${module.key}' is not supported by forge-bridge`,
      );
  }
}

export interface PageContextInput {
  manifest: UiManifest;
  module: UiModule;
  query: URLSearchParams;
  accountId: string;
  workspaceId: string;
  location: string;
}

/** The whole context object the page sees; the resolver only ever gets `accountId` and `extension` from it. */
export function pageContextFor(input: PageContextInput): Record<string, unknown> {
  const { manifest, module } = input;
  const extension = extensionFor(module, input.query, input.workspaceId);
  return {
    accountId: input.accountId,
    accountType: 'licensed',
    workspaceId: input.workspaceId,
    environmentId: 'local',
    environmentType: 'DEVELOPMENT',
    moduleKey: module.key,
    siteUrl: new URL(input.location).origin,
    localId: `ari:cloud:ecosystem::extension/${manifest.appId}/local/static/${module.key}`,
    extension: { ...extension, location: input.location },
    locale: 'en-US',
    timezone: 'UTC',
    theme: null,
  };
}
