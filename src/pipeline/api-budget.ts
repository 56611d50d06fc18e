/**
 * The workspace's Bitbucket request budget as Lintel sees it (docs/rate-limits.md). Bitbucket allows a workspace
 * about 1,000 requests per rolling hour, shared by every app installed there, and tells a client only the limit, a
 * near-limit flag (< 20% left) and, once it is spent, 429. So Lintel keeps its own count — every job's requests,
 * reserved before it starts and settled when it ends, in kvs shared by all runs of the workspace — and reads the
 * flags as bounds: it never starts work the budget cannot cover, and says when it will resume instead. Pure.
 */
import type { RateLimitSignal } from '../bitbucket/rate-limit-signal';

/** Bitbucket's base limit for /2.0/repositories/* (bitbucket-api.md §8), until an answer says otherwise. */
export const DEFAULT_HOURLY_LIMIT = 1000;
/** Bitbucket's window: a rolling hour. */
export const BUDGET_WINDOW_MS = 3_600_000;
/** X-RateLimit-NearLimit says less than this share of the limit remains. */
export const NEAR_LIMIT_REMAINING_SHARE = 0.2;
/**
 * How long a near-limit flag is taken as the truth. Bitbucket says nothing more until the next answer, and waiting
 * makes no answers, so after this a run may go ahead and learn again from its first replies.
 */
export const NEAR_LIMIT_SIGNAL_MS = 10 * 60_000;
/**
 * After a 429 no request is started for this long: Bitbucket sends no Retry-After, and a rolling hour frees
 * requests continuously, so a few minutes let part of it roll over without spinning (a fixed short retry loop makes
 * rate limiting worse: jenkinsci/bitbucket-branch-source-plugin#280).
 */
export const RATE_LIMITED_COOLDOWN_MS = 5 * 60_000;
/** The shortest wait Lintel schedules: a waiting job never spins. */
export const MIN_WAIT_MS = 60_000;

/** One job's requests: reserved when it starts, overwritten with what it spent when it ends. */
export interface BudgetSpend {
  /** When the requests were (or will be) made, ms since the epoch. */
  at: number;
  requests: number;
}

/** What Bitbucket's answers said, the newest of each, across the workspace's runs. */
export interface BudgetSignals {
  limit?: number;
  nearLimit?: { value: boolean; at: number };
  rateLimitedAt?: number;
}

export interface BudgetState {
  /** Spends of the last hour by every job of the workspace, the deciding job's reservation included. */
  spends: BudgetSpend[];
  signals: BudgetSignals;
}

export type BudgetDecision =
  | { go: true }
  | {
      go: false;
      /** When to look again (ms since the epoch), at least MIN_WAIT_MS away. */
      resumeAt: number;
      /** Why, in words a user understands. */
      why: string;
    };

const inWindow = (spends: readonly BudgetSpend[], from: number): number =>
  spends.filter((s) => s.at > from).reduce((n, s) => n + s.requests, 0);

const RATE_LIMITED_WHY = "Bitbucket refused requests: this workspace's hourly API limit is used up";

const cooling = (signals: BudgetSignals, now: number): boolean =>
  signals.rateLimitedAt !== undefined && now - signals.rateLimitedAt < RATE_LIMITED_COOLDOWN_MS;

/** The requests that may still be made now: what Lintel's own count leaves, and what Bitbucket's flags allow. */
function bounds(
  state: BudgetState,
  now: number,
): { limit: number; own: number; nearAt?: number; sinceNear: number } {
  const limit = state.signals.limit ?? DEFAULT_HOURLY_LIMIT;
  const own = limit - inWindow(state.spends, now - BUDGET_WINDOW_MS);
  const near = state.signals.nearLimit;
  const nearAt = near?.value === true && now - near.at < NEAR_LIMIT_SIGNAL_MS ? near.at : undefined;
  // Below 20% when Bitbucket said so, less what Lintel has spent since: an upper bound on what is left.
  const sinceNear =
    nearAt === undefined
      ? Number.POSITIVE_INFINITY
      : Math.ceil(limit * NEAR_LIMIT_REMAINING_SHARE) - inWindow(state.spends, nearAt - 1);
  return { limit, own, ...(nearAt !== undefined ? { nearAt } : {}), sinceNear };
}

/** How many requests may be started now (0 while Bitbucket is refusing them). */
export function requestsLeft(state: BudgetState, now: number): number {
  if (cooling(state.signals, now)) return 0;
  const { own, sinceNear } = bounds(state, now);
  return Math.max(0, Math.min(own, sinceNear));
}

/** Whether `needed` more requests fit now, and if not, when they may. */
export function decideOnBudget(state: BudgetState, needed: number, now: number): BudgetDecision {
  const wait = (at: number, why: string): BudgetDecision => ({
    go: false,
    resumeAt: Math.max(at, now + MIN_WAIT_MS),
    why,
  });
  const { signals } = state;
  if (cooling(signals, now))
    return wait((signals.rateLimitedAt ?? now) + RATE_LIMITED_COOLDOWN_MS, RATE_LIMITED_WHY);
  const { limit, own, nearAt, sinceNear } = bounds(state, now);
  // A job bigger than the whole limit can only start on an empty hour; it is not made to wait for the impossible.
  const wanted = Math.min(needed, limit);
  if (wanted <= Math.min(own, sinceNear)) return { go: true };
  if (wanted > own) {
    const why = `Lintel has used this workspace's hourly API limit (${limit} requests) for now`;
    return wait(whenOwnSpendsFree(state.spends, wanted - own, now), why);
  }
  return wait(
    (nearAt ?? now) + NEAR_LIMIT_SIGNAL_MS,
    `this workspace's hourly API limit (${limit} requests) is nearly used up, also by other apps`,
  );
}

/** A job whose requests Bitbucket just refused (429 after the client's own retries) waits out the cool-down. */
export function rateLimitedDecision(now: number): Extract<BudgetDecision, { go: false }> {
  return { go: false, resumeAt: now + RATE_LIMITED_COOLDOWN_MS, why: RATE_LIMITED_WHY };
}

/** When enough of the spends still in the window have left it to free `missing` requests. */
function whenOwnSpendsFree(spends: readonly BudgetSpend[], missing: number, now: number): number {
  const live = spends.filter((s) => s.at > now - BUDGET_WINDOW_MS).sort((a, b) => a.at - b.at);
  let freed = 0;
  for (const s of live) {
    freed += s.requests;
    if (freed >= missing) return s.at + BUDGET_WINDOW_MS;
  }
  return now + BUDGET_WINDOW_MS;
}

/** Collects what one invocation's answers said; the newest flag wins, a 429 is remembered. */
export class SignalRecorder {
  private latest: BudgetSignals = {};

  constructor(private readonly now: () => number) {}

  readonly observe = (signal: RateLimitSignal): void => {
    const at = this.now();
    if (signal.limit !== undefined) this.latest.limit = signal.limit;
    if (signal.nearLimit !== undefined) this.latest.nearLimit = { value: signal.nearLimit, at };
    if (signal.rateLimited) this.latest.rateLimitedAt = at;
  };

  signals(): BudgetSignals {
    return { ...this.latest };
  }
}

/** Two sets of signals merged: the newer flag and 429 win, the limit of the newer answer. */
export function mergeSignals(stored: BudgetSignals, fresh: BudgetSignals): BudgetSignals {
  const newer = <T extends { at: number }>(a?: T, b?: T): T | undefined =>
    a && b ? (b.at >= a.at ? b : a) : (b ?? a);
  const nearLimit = newer(stored.nearLimit, fresh.nearLimit);
  const rateLimitedAt = Math.max(stored.rateLimitedAt ?? -Infinity, fresh.rateLimitedAt ?? -Infinity);
  const limit = fresh.limit ?? stored.limit;
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(nearLimit ? { nearLimit } : {}),
    ...(Number.isFinite(rateLimitedAt) ? { rateLimitedAt } : {}),
  };
}
