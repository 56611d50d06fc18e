/**
 * What one Bitbucket answer says about the workspace's hourly request budget (bitbucket-api.md §8). Bitbucket sends
 * `X-RateLimit-Limit` (the hourly limit, not what remains), `X-RateLimit-Resource` and `X-RateLimit-NearLimit`
 * (less than 20% remains) to Forge `asApp` calls and access tokens, and no Remaining, Reset or Retry-After: the rest a
 * client has to count itself (src/pipeline/api-budget.ts).
 */
import type { ApiResponse } from './types';

export interface RateLimitSignal {
  /** The hourly limit, when the answer carried a valid one. */
  limit?: number;
  /** Whether less than 20% of the limit remains, when the answer said. */
  nearLimit?: boolean;
  /** The answer was 429: the budget is spent (by Lintel, or by another app of the workspace). */
  rateLimited: boolean;
}

/** The signal in an answer, or undefined when it carries none (no headers, not a 429). */
export function rateLimitSignalOf(res: Pick<ApiResponse, 'status' | 'header'>): RateLimitSignal | undefined {
  const limitText = res.header('x-ratelimit-limit');
  const limit = limitText === null ? Number.NaN : Number(limitText.trim());
  const near = res.header('x-ratelimit-nearlimit')?.trim().toLowerCase();
  const signal: RateLimitSignal = {
    ...(Number.isInteger(limit) && limit > 0 ? { limit } : {}),
    ...(near === 'true' || near === 'false' ? { nearLimit: near === 'true' } : {}),
    rateLimited: res.status === 429,
  };
  return signal.limit !== undefined || signal.nearLimit !== undefined || signal.rateLimited
    ? signal
    : undefined;
}
