/**
 * Forge KVS keys must match `^(?!\s+$)[a-zA-Z0-9:._\s-#]+$` (limits-kvs-ce), so the braces of Bitbucket
 * UUIDs are stripped. The key layout is shared with the pipeline that writes verdicts and settings.
 */

export function withoutBraces(uuid: string): string {
  return uuid.replace(/[{}]/g, '');
}

export function repositorySettingsKey(repositoryUuid: string): string {
  return `settings:repo:${withoutBraces(repositoryUuid)}`;
}

export function workspaceSettingsKey(workspaceUuid: string): string {
  return `settings:ws:${withoutBraces(workspaceUuid)}`;
}

export function gateKey(repositoryUuid: string, pullRequestId: number): string {
  return `gate:${withoutBraces(repositoryUuid)}:${pullRequestId}`;
}
