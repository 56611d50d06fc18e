/**
 * Bitbucket's hourly request budget for `/2.0/repositories/*` (the "api" resource group), enforced as Bitbucket
 * enforces it (bitbucket-api.md §8): a rolling hour, 1,000 requests by default, counted per workspace for app users
 * (Forge `asApp` and access tokens: scaled limits are the workspace's, shared by every app installed there) and per
 * user otherwise ("authenticated calls: measured against the user ID"). Past it the answer is 429 with Bitbucket's
 * plain-text body and no Retry-After.
 *
 * Headers are the three Bitbucket documents for scaled limits and nothing more: `X-RateLimit-Limit` (the hourly
 * limit, not what remains), `X-RateLimit-Resource` and `X-RateLimit-NearLimit` (`true` once less than 20% of the
 * limit remains). Bitbucket sends no Remaining, Reset or Retry-After header, so neither does the emulator: a client
 * has to keep its own count.
 */
import type { RateLimitControl, RateLimitOptions } from './types';

/** Base authenticated budget for /2.0/repositories/* per rolling hour (bitbucket-api.md §8). */
export const REPOSITORY_REQUESTS_PER_HOUR = 1000;
/** Scaled limits stop here, whatever the seats (bitbucket-api.md §8). */
export const SCALED_REQUESTS_PER_HOUR_MAX = 10_000;
/** NearLimit turns true when less than this share of the limit remains (Bitbucket's scaled-limits announcement). */
const NEAR_LIMIT_REMAINING_SHARE = 0.2;
const HOUR_MS = 3_600_000;
/** Bitbucket's resource-group name for /2.0/repositories/* (⚠ the exact header value is unverified). */
const RESOURCE = 'api-repositories';

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimits implements RateLimitControl {
  private readonly windows = new Map<string, number[]>();
  private readonly limits = new Map<string, number>();
  private readonly enforce: boolean;
  private readonly defaultLimit: number;
  private readonly hourMs: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions = {}) {
    const limit = options.requestsPerHour ?? REPOSITORY_REQUESTS_PER_HOUR;
    checkLimit('requestsPerHour', limit);
    if (options.hourMs !== undefined && !(options.hourMs > 0))
      throw new Error('startEmulator: rateLimit.hourMs must be a positive number of milliseconds');
    this.enforce = options.enforce ?? true;
    this.defaultLimit = limit;
    this.hourMs = options.hourMs ?? HOUR_MS;
    this.now = options.now ?? Date.now;
  }

  /** A request of `key` (see keyFor): counted and answered with headers, or refused (refusals count nothing). */
  admit(key: string): RateLimitVerdict {
    const limit = this.limits.get(key) ?? this.defaultLimit;
    const times = this.window(key);
    if (this.enforce && times.length >= limit) return { allowed: false, headers: headersFor(limit, 0) };
    times.push(this.now());
    return { allowed: true, headers: headersFor(limit, limit - times.length) };
  }

  setLimit(workspaceUuid: string, requestsPerHour: number): void {
    checkLimit('setLimit', requestsPerHour);
    if (requestsPerHour > SCALED_REQUESTS_PER_HOUR_MAX)
      throw new Error(
        `rateLimits.setLimit: Bitbucket caps scaled limits at ${SCALED_REQUESTS_PER_HOUR_MAX} per hour`,
      );
    this.limits.set(workspaceKey(workspaceUuid), requestsPerHour);
  }

  spend(workspaceUuid: string, requests: number): void {
    if (!(Number.isInteger(requests) && requests >= 0))
      throw new Error('rateLimits.spend: requests must be a non-negative integer');
    const times = this.window(workspaceKey(workspaceUuid));
    const now = this.now();
    for (let i = 0; i < requests; i++) times.push(now);
  }

  used(workspaceUuid: string): number {
    return this.window(workspaceKey(workspaceUuid)).length;
  }

  /** The timestamps of the last hour for `key`, older ones dropped. */
  private window(key: string): number[] {
    let times = this.windows.get(key);
    if (!times) {
      times = [];
      this.windows.set(key, times);
    }
    const horizon = this.now() - this.hourMs;
    let expired = 0;
    while (expired < times.length && (times[expired] ?? 0) <= horizon) expired++;
    if (expired > 0) times.splice(0, expired);
    return times;
  }
}

/** Whose budget a request spends: the workspace's for an app user in it, else the user's own. */
export function keyFor(user: { uuid: string; app: boolean }, workspaceUuid: string | undefined): string {
  return user.app && workspaceUuid ? workspaceKey(workspaceUuid) : `user:${user.uuid}`;
}

const workspaceKey = (uuid: string): string => `workspace:${uuid}`;

function headersFor(limit: number, remaining: number): Record<string, string> {
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-resource': RESOURCE,
    'x-ratelimit-nearlimit': String(remaining < limit * NEAR_LIMIT_REMAINING_SHARE),
  };
}

function checkLimit(what: string, n: number): void {
  if (!(Number.isInteger(n) && n > 0))
    throw new Error(`${what}: the hourly limit must be a positive integer`);
}
