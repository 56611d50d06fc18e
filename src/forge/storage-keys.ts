/**
 * Forge storage keys, in one place. Forge keys must match `^(?!\s+$)[a-zA-Z0-9:._\s-#]+$` (limits-kvs-ce), so the
 * braces of Bitbucket UUIDs are stripped. Storage is per installation (one workspace), so keys need no tenant prefix.
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

export function projectSettingsKey(projectUuid: string): string {
  return `settings:project:${withoutBraces(projectUuid)}`;
}

/** The stored verdict of a pull request (StoredRun), read by the merge check and the PR panel. */
export function gateKey(repositoryUuid: string, pullRequestId: number): string {
  return `gate:${withoutBraces(repositoryUuid)}:${pullRequestId}`;
}

/** The newest event the trigger queued for a pull request, to drop older events that arrive late. */
export function queuedKey(repositoryUuid: string, pullRequestId: number): string {
  return `queued:${withoutBraces(repositoryUuid)}:${pullRequestId}`;
}

/** The queue's concurrency key of a pull request's analysis: one run of it at a time (a newer push waits). */
export function pullRequestConcurrencyKey(repositoryUuid: string, pullRequestId: number): string {
  return `pr-${withoutBraces(repositoryUuid)}-${pullRequestId}`;
}

/**
 * The workspace's Bitbucket request budget (docs/rate-limits.md): one key per job with what it reserved or spent,
 * and one for what Bitbucket's answers said. Storage is per installation, so the workspace is implied.
 */
export const API_BUDGET_SPEND_PREFIX = 'apibudget:spend:';
export const API_BUDGET_SIGNALS_KEY = 'apibudget:signals';

/** The app's own Bitbucket user uuid, learnt from its first comment (Forge cannot call GET /2.0/user). */
export const APP_USER_KEY = 'app:user';

/**
 * Chunk mode of a large pull request (docs/large-pull-requests.md). The plan names the head being analysed, so a
 * newer head's plan makes older chunks stop; results and the publisher lock include the head, so results of an
 * older head can never be counted for a newer one, and a redelivered chunk overwrites its own key.
 */
export function chunkPlanKey(repositoryUuid: string, pullRequestId: number): string {
  return `chunkplan:${withoutBraces(repositoryUuid)}:${pullRequestId}`;
}

/** Prefix of every chunk result of one head. */
export function chunkResultPrefix(repositoryUuid: string, pullRequestId: number, headHash: string): string {
  return `chunk:${withoutBraces(repositoryUuid)}:${pullRequestId}:${headHash}:`;
}

export function chunkResultKey(
  repositoryUuid: string,
  pullRequestId: number,
  headHash: string,
  index: number,
): string {
  return `${chunkResultPrefix(repositoryUuid, pullRequestId, headHash)}${String(index).padStart(5, '0')}`;
}

/**
 * One tiny marker per finished chunk, written in the same transaction as its result: counting a head's markers with
 * a beginsWith query reads a few bytes per chunk, never the results themselves (docs/large-pull-requests.md).
 */
export function chunkDonePrefix(repositoryUuid: string, pullRequestId: number, headHash: string): string {
  return `chunkdone:${withoutBraces(repositoryUuid)}:${pullRequestId}:${headHash}:`;
}

export function chunkDoneKey(
  repositoryUuid: string,
  pullRequestId: number,
  headHash: string,
  index: number,
): string {
  return `${chunkDonePrefix(repositoryUuid, pullRequestId, headHash)}${String(index).padStart(5, '0')}`;
}

/** Written with FAIL_IF_EXISTS by the chunk that publishes: exactly one chunk of a head wins it. */
export function chunkLockKey(repositoryUuid: string, pullRequestId: number, headHash: string): string {
  return `chunklock:${withoutBraces(repositoryUuid)}:${pullRequestId}:${headHash}`;
}

/**
 * Activity keys sort newest first: a beginsWith query answers in key order (the local shim does; ⚠ Forge documents
 * no order, docs/settings.md "Activity"), so the time is inverted and zero-padded to a fixed width. 13 digits of
 * milliseconds last until the year 2286.
 */
export const ACTIVITY_TIME_MAX_MS = 9_999_999_999_999;

/** Prefix of a repository's activity entries (src/forge/activity-log.ts). Lower case: UUIDs compare without case. */
export function activityPrefix(repositoryUuid: string): string {
  return `activity:${withoutBraces(repositoryUuid).toLowerCase()}:`;
}

/**
 * One key per entry, so concurrent runs never read-modify-write a shared list: `activity:<repo>:<inverted ms>:<pr>`.
 * Two entries of one pull request in the same millisecond would share a key; the later one wins.
 */
export function activityKey(repositoryUuid: string, endedAtMs: number, pullRequestId: number): string {
  const ms = Math.min(ACTIVITY_TIME_MAX_MS, Math.max(0, Math.floor(endedAtMs)));
  const inverted = String(ACTIVITY_TIME_MAX_MS - ms).padStart(String(ACTIVITY_TIME_MAX_MS).length, '0');
  return `${activityPrefix(repositoryUuid)}${inverted}:${pullRequestId}`;
}

/** Prefix of the findings dismissed on one pull request (src/forge/dismissal-store.ts): one key per finding. */
export function dismissalPrefix(repositoryUuid: string, pullRequestId: number): string {
  return `dismissed:${withoutBraces(repositoryUuid).toLowerCase()}:${pullRequestId}:`;
}

/** One dismissed finding, by fingerprint: dismissing it again replaces the reason, never adds a second entry. */
export function dismissalKey(repositoryUuid: string, pullRequestId: number, fingerprint: string): string {
  return `${dismissalPrefix(repositoryUuid, pullRequestId)}${fingerprint}`;
}

/**
 * Taken with FAIL_IF_EXISTS by a "Re-analyse" request (src/forge/resolvers/reanalyze.ts). The key names the head and
 * the stored run it would replace (`generation`), so two clicks on one verdict claim the same key and queue one run,
 * while a click after that run ended names a new generation and may queue again.
 */
export function reanalysisClaimKey(
  repositoryUuid: string,
  pullRequestId: number,
  headHash: string,
  generation: string,
): string {
  return `reanalysis:${withoutBraces(repositoryUuid)}:${pullRequestId}:${headHash}:${generation}`;
}

/** A cached AI answer (src/forge/ai-cache.ts); `id` comes from src/ai/answer-cache.ts, already in the key alphabet. */
export function aiAnswerKey(id: string): string {
  return `ai:${id.replace(/[^a-zA-Z0-9:._-]/g, '_')}`;
}
