/**
 * Forge storage with retries, the invocation clock and the create-once claim: a leaf module, so the resolvers and
 * the settings store can use them without loading the pipeline's adapters (src/forge/ports.ts).
 */
import { getAppContext } from '@forge/api';
import { kvs } from '@forge/kvs';
import type { Clock } from '../bitbucket/types';
import { retryingStorage, type StorageCalls } from './storage-retry';

/** Chunk keys expire on their own: a head abandoned mid-way (newer push, given-up job) leaves nothing forever. */
export const CHUNK_TTL = { value: 2, unit: 'DAYS' } as const;

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

/**
 * Every kvs call of the adapters below goes through this: a 429 (or a 5xx) is retried with backoff inside the
 * invocation's remaining time, then surfaces as a StorageError naming the operation (src/forge/storage-retry.ts).
 */
export const forgeStorage: StorageCalls = retryingStorage(forgeClock());

/**
 * Creates `key` only if it is absent, then reads it back: the stored value, not the error, says who holds it.
 * Forge documents no error code for a FAIL_IF_EXISTS conflict, and a write that failed in transit (429, 5xx, a lost
 * answer) may or may not have been applied, so any failed write is followed by the same read. A key that is
 * absent after a failed write was released in between; the claim is tried again.
 */
export async function createOrReadBack<T>(
  storage: StorageCalls,
  what: string,
  key: string,
  value: T,
  ttl: { value: number; unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS' } = CHUNK_TTL,
): Promise<T | undefined> {
  const CLAIM_ROUNDS = 3;
  let failure: unknown;
  for (let round = 0; round < CLAIM_ROUNDS; round++) {
    try {
      await storage.run(`take ${what}`, () => kvs.set(key, value, { ttl, keyPolicy: 'FAIL_IF_EXISTS' }));
      return value;
    } catch (error) {
      failure = error;
    }
    const holder = await storage.run(`read back ${what}`, () => kvs.get<T>(key));
    if (holder !== undefined) return holder;
  }
  throw failure instanceof Error ? failure : new Error(`could not take ${what}: ${String(failure)}`);
}
