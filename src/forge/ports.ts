/** Forge adapters of the pipeline's ports: Bitbucket over requestBitbucket, storage over kvs, the invocation clock. */
import { Queue } from '@forge/events';
import { kvs, WhereConditions } from '@forge/kvs';
import { BitbucketApi } from '../bitbucket/api';
import { BitbucketClient } from '../bitbucket/client';
import type { RateLimitSignal } from '../bitbucket/rate-limit-signal';
import type { ChunkPlan } from '../pipeline/chunk-store';
import type { ChunkResult } from '../pipeline/chunk-result';
import { ANALYSIS_QUEUE, type QueuedJob } from '../pipeline/job';
import type { ChunkPorts, ChunkStore, RunStore } from '../pipeline/ports';
import type { StoredRun } from '../pipeline/types';
import { ForgeTransport } from './bitbucket-transport';
import type { AppIdentity } from '../publish';
import { mapLimit } from '../pipeline/concurrency';
import type { StorageCalls } from './storage-retry';
import { CHUNK_TTL, createOrReadBack, forgeClock, forgeStorage } from './forge-storage';

export { forgeClock, forgeStorage };
import {
  APP_USER_KEY,
  chunkDoneKey,
  chunkDonePrefix,
  chunkLockKey,
  chunkPlanKey,
  chunkResultKey,
  gateKey,
  pullRequestConcurrencyKey,
  withoutBraces,
} from './storage-keys';

/** `onRateLimit` hears what each answer says of the workspace's hourly budget (docs/rate-limits.md). */
export function forgeBitbucketApi(
  capMs?: number,
  onRateLimit?: (signal: RateLimitSignal) => void,
): BitbucketApi {
  const clock = forgeClock(capMs);
  return new BitbucketApi(
    new BitbucketClient(new ForgeTransport(), { clock, ...(onRateLimit ? { onRateLimit } : {}) }),
  );
}

export function kvsRunStoreWith(storage: StorageCalls): RunStore {
  return {
    authoritative: true,
    get: (repositoryUuid, id) =>
      storage.run(`read the stored run of pull request #${id}`, () =>
        kvs.get<StoredRun>(gateKey(repositoryUuid, id)),
      ),
    set: (repositoryUuid, id, run) =>
      storage.run(`store the ${run.state} run of pull request #${id}`, () =>
        kvs.set(gateKey(repositoryUuid, id), run),
      ),
  };
}

export const kvsRunStore: RunStore = kvsRunStoreWith(forgeStorage);

/** The app user's uuid, learnt from Lintel's first comment and kept per installation (one workspace). */
export const kvsIdentity: AppIdentity = {
  get: () => forgeStorage.run("read the app's user", () => kvs.get<string>(APP_USER_KEY)),
  remember: (uuid) => forgeStorage.run("store the app's user", () => kvs.set(APP_USER_KEY, uuid)),
};

/** kvs query page size: Forge's maximum (limits-kvs-ce). */
const KVS_QUERY_LIMIT_MAX = 100;
/** kvs transact: at most 25 operations (forge-platform.md §5). */
const KVS_TRANSACT_OPERATIONS_MAX = 25;
/**
 * Chunk jobs of one pull request running at once: enough to finish a 5,000-file pull request in minutes, few
 * enough to stay inside Bitbucket's hourly rate limit share and Forge's 500 events per minute.
 */
export const CHUNK_CONCURRENCY = 4;

/** Chunk results read at once by the publisher: each is one request of up to 24 read units. */
const CHUNK_RESULT_READS_AT_ONCE = 8;

/** The lock's value: which chunk publishes. */
interface PublisherLock {
  chunk: number;
}

export function kvsChunkStoreWith(storage: StorageCalls): ChunkStore {
  return {
    savePlan: (ref, plan) =>
      storage.run(`store the chunk plan of pull request #${ref.pullRequestId}`, () =>
        kvs.set(chunkPlanKey(ref.repositoryUuid, ref.pullRequestId), plan, { ttl: CHUNK_TTL }),
      ),
    plan: (ref) =>
      storage.run(`read the chunk plan of pull request #${ref.pullRequestId}`, () =>
        kvs.get<ChunkPlan>(chunkPlanKey(ref.repositoryUuid, ref.pullRequestId)),
      ),
    // One transaction: the marker is never there without its result, nor the result without its marker. Replaying
    // it (a retry after a lost answer, a redelivered chunk) writes the same two keys again.
    recordResult: (ref, head, result) =>
      storage.run(`store the result of chunk ${result.index + 1}`, () =>
        kvs
          .transact()
          .set(chunkResultKey(ref.repositoryUuid, ref.pullRequestId, head, result.index), result, undefined, {
            ttl: CHUNK_TTL,
          })
          .set(
            chunkDoneKey(ref.repositoryUuid, ref.pullRequestId, head, result.index),
            result.state,
            undefined,
            {
              ttl: CHUNK_TTL,
            },
          )
          .execute(),
      ),
    async finishedCount(ref, head) {
      const prefix = chunkDonePrefix(ref.repositoryUuid, ref.pullRequestId, head);
      let count = 0;
      let cursor: string | undefined;
      do {
        let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(KVS_QUERY_LIMIT_MAX);
        if (cursor) query = query.cursor(cursor);
        const q = query;
        const page = await storage.run('count the finished chunks', () => q.getMany<string>());
        count += page.results.length;
        cursor = page.nextCursor;
      } while (cursor);
      return count;
    },
    async results(ref, head, chunkCount) {
      const indexes = Array.from({ length: chunkCount }, (_, i) => i);
      const read = await mapLimit(indexes, CHUNK_RESULT_READS_AT_ONCE, (i) =>
        storage.run(`read the result of chunk ${i + 1}`, () =>
          kvs.get<ChunkResult>(chunkResultKey(ref.repositoryUuid, ref.pullRequestId, head, i)),
        ),
      );
      return read.filter((r): r is ChunkResult => r !== undefined);
    },
    async claimPublisher(ref, head, chunkIndex) {
      const key = chunkLockKey(ref.repositoryUuid, ref.pullRequestId, head);
      const holder = await createOrReadBack<PublisherLock>(storage, 'the publisher lock', key, {
        chunk: chunkIndex,
      });
      return holder?.chunk === chunkIndex;
    },
    async releasePublisher(ref, head, chunkIndex) {
      const key = chunkLockKey(ref.repositoryUuid, ref.pullRequestId, head);
      const holder = await storage.run('read the publisher lock', () => kvs.get<PublisherLock>(key));
      if (holder?.chunk === chunkIndex)
        await storage.run('release the publisher lock', () => kvs.delete(key));
    },
    async clear(ref, head, chunkCount) {
      const keys: string[] = [];
      for (let i = 0; i < chunkCount; i++) {
        keys.push(chunkResultKey(ref.repositoryUuid, ref.pullRequestId, head, i));
        keys.push(chunkDoneKey(ref.repositoryUuid, ref.pullRequestId, head, i));
      }
      const planKey = chunkPlanKey(ref.repositoryUuid, ref.pullRequestId);
      const plan = await storage.run('read the chunk plan', () => kvs.get<ChunkPlan>(planKey));
      if (plan?.headHash === head) keys.push(planKey);
      for (let i = 0; i < keys.length; i += KVS_TRANSACT_OPERATIONS_MAX) {
        const batch = keys.slice(i, i + KVS_TRANSACT_OPERATIONS_MAX);
        await storage.run('delete the chunk keys', () => {
          let tx = kvs.transact();
          for (const key of batch) tx = tx.delete(key);
          return tx.execute();
        });
      }
    },
  };
}

export const kvsChunkStore: ChunkStore = kvsChunkStoreWith(forgeStorage);

const analysisQueue = new Queue({ key: ANALYSIS_QUEUE });

/**
 * A job's concurrency key: chunks of one pull request run CHUNK_CONCURRENCY at a time; a whole-pull-request job
 * pushed back to wait for API budget keeps the trigger's key, so it never races a newer push of the same pull request,
 * and so does a chunk set's publisher (run-chunk.ts): everything that writes on a pull request runs one at a time.
 */
function concurrencyOf(job: QueuedJob): { key: string; limit: number } {
  return job.kind === 'chunk' && job.publishing !== true
    ? { key: `chunks-${withoutBraces(job.repositoryUuid)}-${job.pullRequestId}`, limit: CHUNK_CONCURRENCY }
    : { key: pullRequestConcurrencyKey(job.repositoryUuid, job.pullRequestId), limit: 1 };
}

/** Chunk jobs (and jobs waiting for API budget) go to the analysis queue itself; the consumer tells them by `kind`. */
export const forgeChunkPorts: ChunkPorts = {
  store: kvsChunkStore,
  queue: {
    async push(jobs, options = {}) {
      const delay = options.delayInSeconds ? { delayInSeconds: options.delayInSeconds } : {};
      await analysisQueue.push(
        jobs.map((job) => ({ body: { ...job }, concurrency: concurrencyOf(job), ...delay })),
      );
    },
  },
};
