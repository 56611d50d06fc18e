/** Which failures of a queued job are retried, for how long, and what the last attempt says. */
import { BitbucketError } from '../../src/bitbucket/errors';
import { UnsafePathError } from '../../src/bitbucket/paths';
import { EngineUnavailableError } from '../../src/engine/engine-unavailable';
import {
  attemptFrom,
  chunkModeAfterTimeout,
  decideOnFailure,
  MAX_ANALYSIS_ATTEMPTS,
  retryAfterSeconds,
} from '../../src/pipeline/retry-policy';
import { OutOfTimeError } from '../../src/pipeline/run-budget';

const bitbucket = (kind: ConstructorParameters<typeof BitbucketError>[1], status?: number) =>
  new BitbucketError('read diffstat', kind, status, `HTTP ${status ?? 0}`);
const first = attemptFrom(undefined);

describe('attemptFrom (Forge retryContext)', () => {
  it('counts attempts from 1 and reads what the previous attempt left', () => {
    expect(first).toEqual({ number: 1, max: MAX_ANALYSIS_ATTEMPTS, previousOutOfTime: false });
    expect(
      attemptFrom({
        retryCount: 2,
        retryReason: 'FUNCTION_RETRY_REQUEST',
        retryData: { failure: 'HTTP 500', outOfTime: false },
        retentionWindow: { startTime: '2026-11-22T10:00:00Z', remainingTimeMs: 3_600_000 },
      }),
    ).toEqual({
      number: 3,
      max: MAX_ANALYSIS_ATTEMPTS,
      previousFailure: 'HTTP 500',
      previousOutOfTime: false,
      retentionLeftMs: 3_600_000,
    });
  });

  it("treats Forge's own timeout and out-of-memory retries as a run that did not fit", () => {
    for (const retryReason of ['FUNCTION_TIME_OUT', 'FUNCTION_OUT_OF_MEMORY']) {
      const attempt = attemptFrom({ retryCount: 1, retryReason, retryData: undefined });
      expect(attempt).toMatchObject({ number: 2, previousFailure: retryReason, previousOutOfTime: true });
      expect(chunkModeAfterTimeout(attempt)).toBe(
        `the previous attempt did not finish in time (${retryReason})`,
      );
    }
    expect(
      chunkModeAfterTimeout(attemptFrom({ retryCount: 1, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' })),
    ).toBe(undefined);
  });

  it('ignores a malformed retryContext instead of failing on it', () => {
    expect(attemptFrom({ retryCount: 'two', retryData: 'x' })).toEqual(first);
  });
});

describe('decideOnFailure', () => {
  it('retries Bitbucket rate limits, outages and 555s with growing waits', () => {
    const rateLimited = decideOnFailure(bitbucket('rate-limited', 429), first);
    expect(rateLimited).toMatchObject({
      retry: true,
      afterSeconds: 60,
      retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
    });
    for (const kind of ['server', 'network', 'too-large'] as const) {
      expect(decideOnFailure(bitbucket(kind, 500), attemptFrom({ retryCount: 2 }))).toMatchObject({
        retry: true,
        afterSeconds: 240,
        retryReason: 'FUNCTION_RETRY_REQUEST',
        retryData: { failure: 'Bitbucket call failed: read diffstat: HTTP 500', outOfTime: false },
      });
    }
    expect([1, 2, 3, 4].map(retryAfterSeconds)).toEqual([60, 120, 240, 480]);
    expect(retryAfterSeconds(10)).toBe(900);
  });

  it('stops at once for what another attempt cannot change', () => {
    for (const error of [
      bitbucket('forbidden', 403),
      bitbucket('not-found', 404),
      bitbucket('unauthorized', 401),
      bitbucket('rejected', 400),
      new UnsafePathError('the path a/../b leaves the repository'),
      new EngineUnavailableError('the Python grammar could not be loaded'),
    ]) {
      expect(decideOnFailure(error, first)).toEqual({ retry: false, reason: error.message });
    }
  });

  it('gives up on the last attempt, saying after how many', () => {
    const last = attemptFrom({ retryCount: MAX_ANALYSIS_ATTEMPTS - 1 });
    expect(decideOnFailure(bitbucket('server', 500), last)).toEqual({
      retry: false,
      reason: 'Bitbucket call failed: read diffstat: HTTP 500 (gave up after 5 attempts)',
    });
  });

  it("gives up when Forge's retention window ends before the next attempt", () => {
    const late = attemptFrom({ retryCount: 1, retentionWindow: { remainingTimeMs: 30_000 } });
    expect(decideOnFailure(bitbucket('server', 500), late)).toEqual({
      retry: false,
      reason: 'Bitbucket call failed: read diffstat: HTTP 500 (Forge drops the job before another attempt)',
    });
  });

  it('retries a run that ran out of time at once, marked for chunk mode', () => {
    const decision = decideOnFailure(new OutOfTimeError('did not finish'), first);
    expect(decision).toMatchObject({ retry: true, afterSeconds: 1, retryData: { outOfTime: true } });
    const next = attemptFrom({ retryCount: 1, retryData: decision.retry ? decision.retryData : undefined });
    expect(chunkModeAfterTimeout(next)).toBe('the previous attempt did not finish in time (did not finish)');
  });

  it('lets the platform adapter classify what only it knows, and retries the unrecognised', () => {
    const classify = (e: unknown) => (e instanceof RangeError ? ({ kind: 'permanent' } as const) : undefined);
    const attempt = attemptFrom(undefined, classify);
    expect(decideOnFailure(new RangeError('value too large'), attempt)).toMatchObject({ retry: false });
    expect(decideOnFailure(new TypeError('x is undefined'), attempt)).toMatchObject({ retry: true });
  });

  it('never retries without an attempt (the CLI has no queue)', () => {
    expect(decideOnFailure(bitbucket('rate-limited', 429), undefined)).toEqual({
      retry: false,
      reason: 'Bitbucket call failed: read diffstat: HTTP 429',
    });
  });
});
