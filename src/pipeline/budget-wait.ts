/**
 * What a job carries while it waits for Bitbucket API budget (docs/rate-limits.md): it is pushed again with
 * `delayInSeconds` instead of failing, as often as it takes, up to a day. A leaf: job.ts validates it.
 */

/** Forge's largest `delayInSeconds` (limits-async-events): a longer wait is several pushes. */
export const QUEUE_DELAY_MAX_SECONDS = 900;
/** A job waits at most this long in all; the same as Forge keeps a retried event, so nothing waits forever. */
export const BUDGET_WAIT_MAX_MS = 24 * 3_600_000;

export interface BudgetWait {
  /** When the job first waited (ISO). */
  since: string;
  /** How many times it has been pushed back. */
  times: number;
  /** The full head, when the job resolved it before waiting: a superseded wait stops its status there. */
  headHash?: string;
  /** Where that head lives, when not the pull request's repository (a fork). */
  headRepo?: { workspace: string; repository: string };
  /** When the wait ends (ISO): the push's `delayInSeconds` after the time it was decided. */
  until?: string;
}

/**
 * The clock a waiting job decides on: Forge never delivers an event before its `delayInSeconds`, so the wait it
 * asked for has passed however this invocation's clock reads. On Forge that is the clock itself; where queue time is
 * compressed (the local runtime) or one invocation's clock lags another's, the job still sees its wait as over
 * instead of waiting again. A constant offset, so durations measured on it stay true.
 */
export function budgetClock(waiting: BudgetWait | undefined, clock: { now(): number }): { now(): number } {
  const until = waiting?.until === undefined ? Number.NaN : Date.parse(waiting.until);
  const offset = Number.isNaN(until) ? 0 : Math.max(0, until - clock.now());
  return { now: () => clock.now() + offset };
}

const isRepo = (r: unknown): boolean =>
  typeof r === 'object' &&
  r !== null &&
  typeof (r as { workspace?: unknown }).workspace === 'string' &&
  (r as { workspace: string }).workspace !== '' &&
  typeof (r as { repository?: unknown }).repository === 'string' &&
  (r as { repository: string }).repository !== '';

/** Why an optional `waiting` is unusable, or undefined when it is absent or valid. */
export function budgetWaitProblem(waiting: unknown): string | undefined {
  if (waiting === undefined) return undefined;
  const w = waiting as Partial<BudgetWait> | null;
  const valid =
    typeof w === 'object' &&
    w !== null &&
    typeof w.since === 'string' &&
    !Number.isNaN(Date.parse(w.since)) &&
    Number.isInteger(w.times) &&
    (w.times as number) > 0 &&
    (w.headHash === undefined || (typeof w.headHash === 'string' && /^[0-9a-f]{40}$/i.test(w.headHash))) &&
    (w.headRepo === undefined || isRepo(w.headRepo)) &&
    (w.until === undefined || (typeof w.until === 'string' && !Number.isNaN(Date.parse(w.until))));
  return valid
    ? undefined
    : 'waiting must be { since: an ISO time, times: a positive integer, headHash?: a full commit hash, headRepo?: { workspace, repository }, until?: an ISO time }';
}
