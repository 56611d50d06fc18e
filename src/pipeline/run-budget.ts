/**
 * How much of the invocation's remaining time a run's reading and analysing may use. Forge kills a consumer at its
 * deadline without a chance to clean up, so the work is stopped early enough to leave time for publishing — or, when
 * it ran out, for reporting the failure — instead of leaving the INPROGRESS status spinning.
 */

/**
 * Time kept for publishing (one report, up to ten annotation batches, comments, status, each with retries): 120 s,
 * or a quarter of the remaining time when the invocation is shorter (a consumer with a low timeoutSeconds).
 */
export const PUBLISH_RESERVE_MS = 120_000;

/** Milliseconds the work may take when `remainingMs` are left (Infinity when the caller has no deadline: the CLI). */
export function workBudgetMs(remainingMs: number, reserveMs = PUBLISH_RESERVE_MS): number {
  if (!Number.isFinite(remainingMs)) return Number.POSITIVE_INFINITY;
  return remainingMs - Math.min(reserveMs, remainingMs / 4);
}

/**
 * Time kept after the AI review (src/ai/) for the rest of publishing — summary, inline comments, status, with
 * retries — or half of what is left when less remains.
 */
export const AFTER_AI_RESERVE_MS = 90_000;

/**
 * Milliseconds the AI review may still take when `remainingMs` are left: it runs while publishing, so it never eats
 * into the time the writes after it need (Infinity without a deadline). The review caps itself further (ai-limits.ts).
 */
export function aiBudgetMs(remainingMs: number, reserveMs = AFTER_AI_RESERVE_MS): number {
  if (!Number.isFinite(remainingMs)) return Number.POSITIVE_INFINITY;
  return Math.max(0, remainingMs - Math.min(reserveMs, remainingMs / 2));
}

/** The work did not finish inside its budget; a retry should split it (chunk mode) rather than repeat it. */
export class OutOfTimeError extends Error {
  override readonly name = 'OutOfTimeError';
}

export const isOutOfTime = (error: unknown): error is OutOfTimeError =>
  error instanceof Error && error.name === 'OutOfTimeError';

/** `work`, or an OutOfTimeError with `message` once `ms` pass (no limit when `ms` is not finite). */
export async function withinBudget<T>(work: () => Promise<T>, ms: number, message: string): Promise<T> {
  if (!Number.isFinite(ms)) return work();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OutOfTimeError(message)), Math.max(0, ms));
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** One deadline for several steps of a run: each step gets what is left of the budget fixed at the start. */
export function runDeadline(remainingMs: number, now: () => number, message: string) {
  const ends = now() + workBudgetMs(remainingMs);
  return {
    within: <T>(work: () => Promise<T>): Promise<T> => withinBudget(work, ends - now(), message),
  };
}
