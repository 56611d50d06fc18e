/** How publishing parts judge a failed call. */
import { BitbucketError } from '../bitbucket/errors';

export const describeFailure = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * A rejected request (4xx) concerns that request only, so the next batch or comment may still go through; a
 * rate limit, outage or auth failure would hit every following call too and only burn the hourly budget.
 */
export const worthContinuingAfter = (error: unknown): boolean =>
  error instanceof BitbucketError && error.kind === 'rejected';
