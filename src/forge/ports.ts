/** Forge adapters of the pipeline's ports: Bitbucket over requestBitbucket, storage over kvs, the invocation clock. */
import { getAppContext } from '@forge/api';
import { kvs } from '@forge/kvs';
import { BitbucketApi } from '../bitbucket/api';
import { BitbucketClient } from '../bitbucket/client';
import type { RepoRef } from '../bitbucket/models';
import type { Clock } from '../bitbucket/types';
import type { RunStore, StoredRun } from '../pipeline/types';
import { defaultSettings, mergeSettings, parseSettingsOverrides, type Settings } from '../settings';
import { ForgeTransport } from './bitbucket-transport';
import type { AppIdentity } from '../publish';
import { APP_USER_KEY, gateKey, repositorySettingsKey, workspaceSettingsKey } from './storage-keys';

/** The invocation's own deadline (Forge kills the function at it), optionally tightened by the caller. */
export function forgeClock(capMs = Number.POSITIVE_INFINITY): Clock {
  const start = Date.now();
  const remaining = (): number => {
    let platform = Number.POSITIVE_INFINITY;
    try {
      platform = getAppContext().invocationRemainingTimeInMillis();
    } catch {
      // Outside an invocation (unit tests): only the cap applies.
    }
    return Math.min(platform, capMs - (Date.now() - start));
  };
  return {
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    remainingMs: remaining,
  };
}

export function forgeBitbucketApi(capMs?: number): BitbucketApi {
  return new BitbucketApi(new BitbucketClient(new ForgeTransport(), { clock: forgeClock(capMs) }));
}

export const kvsRunStore: RunStore = {
  authoritative: true,
  get: (repositoryUuid, id) => kvs.get<StoredRun>(gateKey(repositoryUuid, id)),
  set: (repositoryUuid, id, run) => kvs.set(gateKey(repositoryUuid, id), run),
};

/**
 * Workspace defaults, then the repository's overrides. A stored document that no longer validates is reported in the
 * log and ignored level by level, so a bad edit never stops analysis.
 */
export async function kvsSettings(repo: RepoRef): Promise<Settings> {
  let settings = defaultSettings();
  for (const [level, key] of [
    ['workspace', workspaceSettingsKey(repo.workspace)],
    ['repository', repositorySettingsKey(repo.repository)],
  ] as const) {
    const stored = await kvs.get<unknown>(key);
    if (stored === undefined) continue;
    const parsed = parseSettingsOverrides(stored);
    if (parsed.ok) settings = mergeSettings(settings, parsed.value);
    else console.error(`Lintel ignored the ${level} settings (${key}): ${parsed.errors.join('; ')}`);
  }
  return settings;
}

/** The app user's uuid, learnt from Lintel's first comment and kept per installation (one workspace). */
export const kvsIdentity: AppIdentity = {
  get: () => kvs.get<string>(APP_USER_KEY),
  remember: (uuid) => kvs.set(APP_USER_KEY, uuid),
};
