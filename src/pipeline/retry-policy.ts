/**
 * Which failures of a queued job are worth another attempt, and how many attempts a job gets. Forge retries a
 * consumer that throws, times out or runs out of memory for up to 24 hours, so the cap is Lintel's own: it reads the
 * attempt number from `event.retryContext`, and the last attempt ends with a STOPPED status naming the reason
 * instead of throwing again (docs/large-pull-requests.md, "Failures and retries").
 */
import { BitbucketError } from '../bitbucket/errors';
import { UnsafePathError } from '../bitbucket/paths';
import { isEngineUnavailable } from '../engine/engine-unavailable';
import { describeFailure } from '../publish/failures';
import { isOutOfTime } from './run-budget';
import type { RunStore } from './ports';

/** Attempts per job, the first included: together about 15 minutes of waiting (retryAfterSeconds). */
export const MAX_ANALYSIS_ATTEMPTS = 5;

/** Forge's largest `retryAfter` (limits-async-events). */
export const RETRY_AFTER_MAX_SECONDS = 900;

/** `retryData` is limited to 4 KB; the reason is cut well below that. */
const RETRY_REASON_CHARS_MAX = 1_000;

/**
 * - transient: Bitbucket 429/5xx/555 or no answer after the client's own retries, storage or queue over its rate
 *   limit, and anything unrecognised (a platform hiccup is likelier than a bug, and Forge would retry a throw too);
 * - permanent: Bitbucket refused the request (401/403/404/other 4xx), an answer the client cannot use, an unsafe
 *   path, an engine that cannot load — the next attempt would fail the same way;
 * - out-of-time: the run did not fit the invocation; the next attempt splits it into chunk jobs.
 */
export type FailureKind = 'transient' | 'permanent' | 'out-of-time';

export interface FailureClass {
  kind: FailureKind;
  /** Retry with Forge's FUNCTION_UPSTREAM_RATE_LIMITED reason (the wait is the same). */
  rateLimited?: boolean;
}

/** This attempt of a queued job, from Forge's retryContext. */
export interface RunAttempt {
  /** 1 for the first delivery. */
  number: number;
  max: number;
  /** What ended the previous attempt, when this is a retry. */
  previousFailure?: string;
  /** The previous attempt ran out of time or memory: a whole pull request goes to chunk mode. */
  previousOutOfTime: boolean;
  /** What is left of Forge's 24 h retention window, when Forge says. */
  retentionLeftMs?: number;
  /** Failures only the platform adapter can recognise (storage and queue errors); consulted first. */
  classify?: (error: unknown) => FailureClass | undefined;
}

/** What Lintel writes into `retryData`, read back on the next attempt. */
export interface RetryData {
  failure: string;
  outOfTime: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Forge's reasons for retrying on its own that mean the work did not fit the invocation. */
const OUT_OF_TIME_REASONS = new Set(['FUNCTION_TIME_OUT', 'FUNCTION_OUT_OF_MEMORY']);

export function attemptFrom(
  retryContext: unknown,
  classify?: RunAttempt['classify'],
  max = MAX_ANALYSIS_ATTEMPTS,
): RunAttempt {
  const ctx = isObj(retryContext) ? retryContext : {};
  const count =
    Number.isInteger(ctx.retryCount) && (ctx.retryCount as number) > 0 ? (ctx.retryCount as number) : 0;
  const reason = typeof ctx.retryReason === 'string' ? ctx.retryReason : undefined;
  const data = isObj(ctx.retryData) ? ctx.retryData : {};
  const window = isObj(ctx.retentionWindow) ? ctx.retentionWindow : {};
  const failure = typeof data.failure === 'string' ? data.failure : reason;
  return {
    number: count + 1,
    max,
    ...(count > 0 && failure ? { previousFailure: failure } : {}),
    previousOutOfTime: count > 0 && (data.outOfTime === true || OUT_OF_TIME_REASONS.has(reason ?? '')),
    ...(typeof window.remainingTimeMs === 'number' ? { retentionLeftMs: window.remainingTimeMs } : {}),
    ...(classify ? { classify } : {}),
  };
}

export function classifyFailure(error: unknown, attempt?: RunAttempt): FailureClass {
  const platform = attempt?.classify?.(error);
  if (platform) return platform;
  if (isOutOfTime(error)) return { kind: 'out-of-time' };
  if (error instanceof BitbucketError) {
    if (error.kind === 'rate-limited') return { kind: 'transient', rateLimited: true };
    const passing = error.kind === 'server' || error.kind === 'network' || error.kind === 'too-large';
    return { kind: passing ? 'transient' : 'permanent' };
  }
  if (error instanceof UnsafePathError || isEngineUnavailable(error) || isBudgetExhausted(error))
    return { kind: 'permanent' };
  return { kind: 'transient' };
}

/** Why a whole pull request goes to chunk mode on this attempt regardless of its size, if it does. */
export function chunkModeAfterTimeout(attempt: RunAttempt | undefined): string | undefined {
  if (!attempt?.previousOutOfTime) return undefined;
  return `the previous attempt did not finish in time (${attempt.previousFailure ?? 'timed out'})`;
}

/** A job that waited a day for API budget (api-pacing.ts): by name, so this leaf imports no pipeline module. */
const isBudgetExhausted = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ApiBudgetExhaustedError';

/** Wait after attempt `n` fails: 1, 2, 4, 8 minutes, within Forge's retryAfter range. */
export function retryAfterSeconds(attemptNumber: number): number {
  return Math.min(RETRY_AFTER_MAX_SECONDS, 60 * 2 ** Math.max(0, attemptNumber - 1));
}

export type FailureDecision =
  | {
      retry: true;
      reason: string;
      afterSeconds: number;
      retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' | 'FUNCTION_RETRY_REQUEST';
      retryData: RetryData;
    }
  /** `reason` is what the STOPPED status and the stored record say. */
  | { retry: false; reason: string };

/** Whether this failure gets another attempt; without an attempt (the CLI: no queue to retry on) never. */
export function decideOnFailure(error: unknown, attempt: RunAttempt | undefined): FailureDecision {
  const reason = describeFailure(error);
  if (!attempt) return { retry: false, reason };
  const failure = classifyFailure(error, attempt);
  if (failure.kind === 'permanent') return { retry: false, reason };
  // Splitting needs no wait: the next attempt is a different, smaller piece of work.
  const afterSeconds = failure.kind === 'out-of-time' ? 1 : retryAfterSeconds(attempt.number);
  if (attempt.number >= attempt.max) {
    return { retry: false, reason: `${reason} (gave up after ${attempt.max} attempts)` };
  }
  if (attempt.retentionLeftMs !== undefined && attempt.retentionLeftMs < afterSeconds * 1000) {
    return { retry: false, reason: `${reason} (Forge drops the job before another attempt)` };
  }
  return {
    retry: true,
    reason,
    afterSeconds,
    retryReason: failure.rateLimited ? 'FUNCTION_UPSTREAM_RATE_LIMITED' : 'FUNCTION_RETRY_REQUEST',
    retryData: {
      failure: reason.slice(0, RETRY_REASON_CHARS_MAX),
      outOfTime: failure.kind === 'out-of-time',
    },
  };
}

/** A retry in words for a status or a merge check: "about 2 minutes". */
export function inAbout(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  return `about ${Math.round(seconds / 60)} minutes`;
}

export type RetryOutcome = {
  action: 'retry';
  reason: string;
  afterSeconds: number;
  retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' | 'FUNCTION_RETRY_REQUEST';
  retryData: RetryData;
  apiCalls: number;
};

/**
 * The run ends here and Forge delivers the job again: the stored record stays `pending` for the head and says why,
 * so the merge check and the panel tell the user it is being retried. Nothing is published: INPROGRESS is still true.
 */
export async function retryLater(
  decision: Extract<FailureDecision, { retry: true }>,
  at: { repositoryUuid: string; pullRequestId: number; headHash?: string },
  deps: { store: RunStore; log: (message: string) => void; attempt?: RunAttempt },
  apiCalls: number,
): Promise<RetryOutcome> {
  const n = deps.attempt?.number ?? 1;
  const max = deps.attempt?.max ?? MAX_ANALYSIS_ATTEMPTS;
  const next = decision.retryData.outOfTime
    ? 'Lintel tries again in chunks'
    : `Lintel tries again in ${inAbout(decision.afterSeconds)}`;
  deps.log(`attempt ${n} of ${max} failed: ${decision.reason}; ${next}`);
  if (at.headHash) {
    try {
      await deps.store.set(at.repositoryUuid, at.pullRequestId, {
        state: 'pending',
        headHash: at.headHash,
        summary: `Attempt ${n} of ${max} failed (${decision.reason}); ${next}.`,
      });
    } catch (error) {
      deps.log(`could not record the retry: ${describeFailure(error)}`);
    }
  }
  const { reason, afterSeconds, retryReason, retryData } = decision;
  return { action: 'retry', reason, afterSeconds, retryReason, retryData, apiCalls };
}
