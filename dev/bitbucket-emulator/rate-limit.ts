/**
 * X-RateLimit-* headers as Bitbucket sends them under scaled rate limits. The emulator counts but never
 * enforces (inject a 429 fault for that), so clients can be tested on reading the headers.
 */

/** Base authenticated budget for /2.0/repositories/* per rolling hour (bitbucket-api.md §8). */
export const REPOSITORY_REQUESTS_PER_HOUR = 1000;
/** Share of the budget after which Bitbucket flags X-RateLimit-NearLimit (assumed 80%; undocumented). */
const NEAR_LIMIT_SHARE = 0.8;
const HOUR_MS = 3_600_000;

export class RateLimitWindow {
  private readonly times: number[] = [];

  headers(): Record<string, string> {
    const now = Date.now();
    this.times.push(now);
    while (this.times.length > 0 && (this.times[0] ?? now) <= now - HOUR_MS) this.times.shift();
    return {
      'x-ratelimit-limit': String(REPOSITORY_REQUESTS_PER_HOUR),
      'x-ratelimit-resource': 'api-repositories',
      'x-ratelimit-nearlimit': String(this.times.length >= REPOSITORY_REQUESTS_PER_HOUR * NEAR_LIMIT_SHARE),
    };
  }
}
