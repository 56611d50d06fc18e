/**
 * Retry policy for Bitbucket calls. Bitbucket answers 429 without Retry-After (bitbucket-api.md §8), and a fixed
 * delay loop makes rate limiting worse (jenkinsci/bitbucket-branch-source-plugin#280), so waits grow exponentially
 * with full jitter, capped, and never past the invocation's remaining time.
 */

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Time kept in hand after a wait, so the caller can still report a failure before its deadline. */
  reserveMs: number;
}

/** Eight attempts ride out a burst of several 429s; in Forge the time budget, not the count, usually stops first. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  reserveMs: 5_000,
};

/** 555 is Bitbucket giving up on a large diff: one more try can hit a warm cache, more rarely helps. */
export const DIFF_TIMEOUT_ATTEMPTS = 2;

const RETRIABLE = new Set([429, 500, 502, 503, 504, 555]);

export const isRetriableStatus = (status: number): boolean => RETRIABLE.has(status);

/** The exponential step after `attempt` failures (counted from 0): min(max, base · 2^attempt). */
export function backoffCeiling(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

/** Full-jitter exponential backoff: uniform in [0, backoffCeiling]. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  return Math.floor(random() * backoffCeiling(attempt, policy));
}
