/**
 * Forge storage calls that ride out the platform's limits. Per installation Forge allows 1,000 kvs requests per
 * second and 4,000 reads + 4,000 writes of 10 KB per minute (forge-platform.md §5); over that it answers HTTP 429
 * (`RATE_LIMIT_EXCEEDED` on the error-handling page, `TOO_MANY_REQUESTS` on the transactions page), which
 * @forge/kvs 1.6.5 throws as `ForgeKvsAPIError` with `responseDetails.status` 429. The status decides, not the code.
 * Waits grow exponentially with equal jitter (at least half of each step, so a retry always lets a rate window move),
 * and never run past the invocation's remaining time: the caller must still be able to report a failure.
 */
import { backoffCeiling, type RetryPolicy } from '../bitbucket/retry';
import type { Clock } from '../bitbucket/types';

/** Ten attempts wait at least ~40 s in all: long enough for a per-minute window to free most of its units. */
export const STORAGE_RETRY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 500,
  maxDelayMs: 16_000,
  reserveMs: 5_000,
};

/** A storage call that could not be completed; `message` says what, why and after how many attempts. */
export class StorageError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

interface KvsErrorShape {
  code?: unknown;
  message?: unknown;
  responseDetails?: { status?: unknown };
}

/** The HTTP status of a `ForgeKvsAPIError` (undefined for anything else: a network failure, a bug). */
export function storageStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as KvsErrorShape).responseDetails?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Rate limiting and server-side failures pass; a refused key, value or query would be refused again. */
export function isRetriableStorageError(error: unknown): boolean {
  const status = storageStatus(error);
  return status === 429 || (status !== undefined && status >= 500);
}

function describe(error: unknown): string {
  const status = storageStatus(error);
  const e = error as KvsErrorShape;
  const code = typeof e?.code === 'string' ? ` ${e.code}` : '';
  const message = error instanceof Error ? error.message : String(error);
  const what = status === 429 ? ' (the installation is over its Forge storage rate limit)' : '';
  return `${status !== undefined ? `HTTP ${status}${code}` : message}${what}`;
}

/** Equal jitter: uniform in [ceiling/2, ceiling] of the same exponential step as Bitbucket calls. */
function storageBackoff(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = backoffCeiling(attempt, policy);
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}

export interface StorageCalls {
  /** `call`, retried while it fails retriably and time allows; `operation` names it in errors ("store chunk 3"). */
  run<T>(operation: string, call: () => Promise<T>): Promise<T>;
}

export function retryingStorage(
  clock: Clock,
  policy: RetryPolicy = STORAGE_RETRY,
  random: () => number = Math.random,
): StorageCalls {
  return {
    async run<T>(operation: string, call: () => Promise<T>): Promise<T> {
      const started = clock.now();
      for (let attempt = 0; ; attempt++) {
        try {
          return await call();
        } catch (error) {
          if (!isRetriableStorageError(error)) throw error;
          const delay = storageBackoff(attempt, policy, random);
          const outOfAttempts = attempt + 1 >= policy.maxAttempts;
          if (outOfAttempts || clock.remainingMs() - delay < policy.reserveMs) {
            const seconds = Math.round((clock.now() - started) / 1000);
            const why = outOfAttempts
              ? `after ${attempt + 1} attempts over ${seconds} s`
              : `after ${attempt + 1} attempts, with no time left in this invocation to retry`;
            throw new StorageError(
              operation,
              storageStatus(error),
              `Forge storage could not ${operation}: ${describe(error)} ${why}`,
            );
          }
          await clock.sleep(delay);
        }
      }
    },
  };
}
