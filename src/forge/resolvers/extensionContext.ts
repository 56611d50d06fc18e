import { ResolverInputError } from './resolverError';
import type { SettingsLevel } from './types';
import { isObject, type Json } from './json-object';

/**
 * Reads which repository, workspace and pull request the page is about from the resolver's `context.extension`.
 * In Forge the extension is client-side data a tampered page can change, so these are only claims: every
 * resolver proves them with the caller's own Bitbucket access (authorize.ts) before reading anything. The invoke
 * payload is never consulted for identity at all.
 */

export const REPO_SETTINGS_PAGE = 'bitbucket:repoSettingsMenuPage';
export const WORKSPACE_SETTINGS_PAGE = 'bitbucket:workspaceSettingsMenuPage';
/**
 * Forge's docs show no extension fields for this page; `project.uuid` is assumed to mirror the repository page's
 * `repository.uuid` (docs/access-control.md).
 */
export const PROJECT_SETTINGS_PAGE = 'bitbucket:projectSettingsMenuPage';
export const PULL_REQUEST_PANEL = 'bitbucket:repoPullRequestOverviewPanel';
/**
 * The "Lintel findings" item of the pull request's ••• menu, which opens a dialog. Forge documents no extension fields
 * for it; `repository.uuid` and `pullRequest.id` are assumed to mirror the panel's (docs/access-control.md).
 */
export const PULL_REQUEST_ACTION = 'bitbucket:repoPullRequestAction';
const PULL_REQUEST_MODULES = [PULL_REQUEST_PANEL, PULL_REQUEST_ACTION];

const BITBUCKET_UUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

export interface SettingsScope {
  level: SettingsLevel;
  uuid: string;
}

export interface PullRequestRef {
  repositoryUuid: string;
  pullRequestId: number;
}

function extensionOf(context: unknown): Json {
  if (!isObject(context) || !isObject(context.extension)) {
    throw new ResolverInputError(
      'The resolver context has no extension: this call did not come from a Lintel page.',
    );
  }
  return context.extension;
}

function extensionType(extension: Json): string {
  if (typeof extension.type !== 'string') {
    throw new ResolverInputError('The resolver context extension has no module type.');
  }
  return extension.type;
}

function uuidAt(extension: Json, owner: 'repository' | 'project' | 'workspace'): string {
  const holder = extension[owner];
  const uuid = isObject(holder) ? holder.uuid : undefined;
  if (typeof uuid !== 'string' || !BITBUCKET_UUID.test(uuid)) {
    throw new ResolverInputError(
      `The ${extensionType(extension)} context has no valid ${owner}.uuid (expected a Bitbucket UUID).`,
    );
  }
  return uuid;
}

function pullRequestIdAt(extension: Json): number {
  const holder = extension.pullRequest;
  const raw = isObject(holder) ? holder.id : undefined;
  // Bitbucket sends the id as a number; a digit string is accepted because URL-borne contexts carry strings.
  const id = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new ResolverInputError(
      `The ${extensionType(extension)} context has no valid pullRequest.id (expected a positive integer).`,
    );
  }
  return id;
}

/** The settings level follows the module the page was opened from. */
export function settingsScopeFrom(context: unknown): SettingsScope {
  const extension = extensionOf(context);
  const type = extensionType(extension);
  if (type === REPO_SETTINGS_PAGE) return { level: 'repository', uuid: uuidAt(extension, 'repository') };
  if (type === PROJECT_SETTINGS_PAGE) return { level: 'project', uuid: uuidAt(extension, 'project') };
  if (type === WORKSPACE_SETTINGS_PAGE) return { level: 'workspace', uuid: uuidAt(extension, 'workspace') };
  throw new ResolverInputError(
    `Settings are only available on the repository, project or workspace settings page, not from '${type}'.`,
  );
}

export function pullRequestFrom(context: unknown): PullRequestRef {
  const extension = extensionOf(context);
  const type = extensionType(extension);
  if (!PULL_REQUEST_MODULES.includes(type)) {
    throw new ResolverInputError(
      `The pull-request verdict is only available in the pull-request panel and the Lintel findings dialog, not from '${type}'.`,
    );
  }
  return { repositoryUuid: uuidAt(extension, 'repository'), pullRequestId: pullRequestIdAt(extension) };
}

/**
 * The caller's Atlassian account id, which Forge sets on the server (unlike `extension`): the one identity the
 * resolvers record (who dismissed a finding, who asked for a re-analysis). Undefined for an anonymous caller.
 */
export function callerAccountId(context: unknown): string | undefined {
  const accountId = isObject(context) ? context.accountId : undefined;
  return typeof accountId === 'string' && accountId !== '' ? accountId : undefined;
}
