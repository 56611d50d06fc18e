/** Forge adapters of the pipeline's ports: Bitbucket over requestBitbucket, storage over kvs, the invocation clock. */
import { getAppContext } from '@forge/api';
import { Queue } from '@forge/events';
import { kvs, WhereConditions } from '@forge/kvs';
import { BitbucketApi } from '../bitbucket/api';
import { BitbucketClient } from '../bitbucket/client';
import type { RepoRef } from '../bitbucket/models';
import type { Clock } from '../bitbucket/types';
import type { ChunkPlan, ChunkPorts, ChunkStore } from '../pipeline/chunk-ports';
import type { ChunkResult } from '../pipeline/chunk-result';
import { ANALYSIS_QUEUE } from '../pipeline/job';
import type { RunStore, StoredRun } from '../pipeline/types';
import { defaultSettings, mergeSettings, parseSettingsOverrides, type Settings } from '../settings';
import { ForgeTransport } from './bitbucket-transport';
import type { AppIdentity } from '../publish';
import {
  APP_USER_KEY,
  chunkLockKey,
  chunkPlanKey,
  chunkResultKey,
  chunkResultPrefix,
  gateKey,
  repositorySettingsKey,
  withoutBraces,
  workspaceSettingsKey,
} from './storage-keys';

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

/** Chunk keys expire on their own: a head abandoned mid-way (newer push, given-up job) leaves nothing forever. */
const CHUNK_TTL = { value: 2, unit: 'DAYS' } as const;
/** kvs query page size: Forge's maximum (limits-kvs-ce). */
const KVS_QUERY_LIMIT_MAX = 100;
/** kvs transact: at most 25 operations (forge-platform.md §5). */
const KVS_TRANSACT_OPERATIONS_MAX = 25;
/**
 * Chunk jobs of one pull request running at once: enough to finish a 5,000-file pull request in minutes, few
 * enough to stay inside Bitbucket's hourly rate limit share and Forge's 500 events per minute.
 */
export const CHUNK_CONCURRENCY = 4;

const isKeyTaken = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'KEY_ALREADY_EXISTS';

export const kvsChunkStore: ChunkStore = {
  savePlan: (ref, plan) =>
    kvs.set(chunkPlanKey(ref.repositoryUuid, ref.pullRequestId), plan, { ttl: CHUNK_TTL }),
  plan: (ref) => kvs.get<ChunkPlan>(chunkPlanKey(ref.repositoryUuid, ref.pullRequestId)),
  saveResult: (ref, head, result) =>
    kvs.set(chunkResultKey(ref.repositoryUuid, ref.pullRequestId, head, result.index), result, {
      ttl: CHUNK_TTL,
    }),
  async results(ref, head) {
    const prefix = chunkResultPrefix(ref.repositoryUuid, ref.pullRequestId, head);
    const all: ChunkResult[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(KVS_QUERY_LIMIT_MAX);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<ChunkResult>();
      all.push(...page.results.map((r) => r.value));
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  },
  async claimPublisher(ref, head, chunkIndex) {
    const key = chunkLockKey(ref.repositoryUuid, ref.pullRequestId, head);
    try {
      await kvs.set(key, { chunk: chunkIndex }, { ttl: CHUNK_TTL, keyPolicy: 'FAIL_IF_EXISTS' });
      return true;
    } catch (error) {
      if (!isKeyTaken(error)) throw error;
      return (await kvs.get<{ chunk: number }>(key))?.chunk === chunkIndex;
    }
  },
  async clear(ref, head, chunkCount) {
    const keys = Array.from({ length: chunkCount }, (_, i) =>
      chunkResultKey(ref.repositoryUuid, ref.pullRequestId, head, i),
    );
    const planKey = chunkPlanKey(ref.repositoryUuid, ref.pullRequestId);
    if ((await kvs.get<ChunkPlan>(planKey))?.headHash === head) keys.push(planKey);
    for (let i = 0; i < keys.length; i += KVS_TRANSACT_OPERATIONS_MAX) {
      let tx = kvs.transact();
      for (const key of keys.slice(i, i + KVS_TRANSACT_OPERATIONS_MAX)) tx = tx.delete(key);
      await tx.execute();
    }
  },
};

const analysisQueue = new Queue({ key: ANALYSIS_QUEUE });

/** Chunk jobs go to the analysis queue itself; the consumer tells them apart by `kind`. */
export const forgeChunkPorts: ChunkPorts = {
  store: kvsChunkStore,
  queue: {
    async push(jobs) {
      await analysisQueue.push(
        jobs.map((job) => ({
          body: { ...job },
          concurrency: {
            key: `chunks-${withoutBraces(job.repositoryUuid)}-${job.pullRequestId}`,
            limit: CHUNK_CONCURRENCY,
          },
        })),
      );
    },
  },
};
