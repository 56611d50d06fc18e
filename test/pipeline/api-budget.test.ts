/**
 * The workspace's Bitbucket budget as Lintel models it (src/pipeline/api-budget.ts): its own count over a rolling
 * hour, Bitbucket's near-limit flag as an upper bound, a cool-down after a 429 — and always a time to resume.
 */
import {
  BUDGET_WINDOW_MS,
  MIN_WAIT_MS,
  NEAR_LIMIT_SIGNAL_MS,
  RATE_LIMITED_COOLDOWN_MS,
  SignalRecorder,
  decideOnBudget,
  mergeSignals,
  requestsLeft,
  type BudgetState,
} from '../../src/pipeline/api-budget';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const minutes = (n: number) => n * 60_000;
const state = (over: Partial<BudgetState> = {}): BudgetState => ({ spends: [], signals: {}, ...over });

describe('decideOnBudget', () => {
  it('lets a job start when its requests fit what is left of the hour', () => {
    const s = state({ spends: [{ at: NOW - minutes(10), requests: 900 }] });
    expect(decideOnBudget(s, 100, NOW)).toEqual({ go: true });
    expect(requestsLeft(s, NOW)).toBe(100);
  });

  it("makes a job wait until enough of Lintel's own requests leave the rolling hour", () => {
    const s = state({
      spends: [
        { at: NOW - minutes(50), requests: 600 },
        { at: NOW - minutes(20), requests: 390 },
      ],
    });
    const decision = decideOnBudget(s, 100, NOW);
    // 10 left; the 600 made 50 minutes ago free up 10 minutes from now.
    expect(decision).toMatchObject({ go: false, resumeAt: NOW - minutes(50) + BUDGET_WINDOW_MS });
    expect(decision.go === false && decision.why).toMatch(/hourly API limit \(1000 requests\)/);
  });

  it('reads the limit Bitbucket sends, so a scaled workspace gets more', () => {
    const s = state({
      spends: [{ at: NOW - minutes(5), requests: 1500 }],
      signals: { limit: 2500 },
    });
    expect(decideOnBudget(s, 500, NOW)).toEqual({ go: true });
  });

  it("takes NearLimit as at most 20% left, less what Lintel spent since, as other apps' use is unseen", () => {
    const flagged = NOW - minutes(2);
    const s = state({
      spends: [{ at: flagged + 1000, requests: 150 }],
      signals: { nearLimit: { value: true, at: flagged } },
    });
    // Lintel's own count says 850 left, but the flag says below 200, and 150 went since: at most 50.
    expect(requestsLeft(s, NOW)).toBe(50);
    expect(decideOnBudget(s, 40, NOW)).toEqual({ go: true });
    const wait = decideOnBudget(s, 60, NOW);
    expect(wait).toMatchObject({ go: false, resumeAt: flagged + NEAR_LIMIT_SIGNAL_MS });
    expect(wait.go === false && wait.why).toMatch(/nearly used up, also by other apps/);
    // An old flag is not the truth any more: the job may go and learn again.
    expect(decideOnBudget(s, 60, flagged + NEAR_LIMIT_SIGNAL_MS + 1)).toEqual({ go: true });
  });

  it('starts nothing for a while after a 429, however much Lintel itself has left', () => {
    const s = state({ signals: { rateLimitedAt: NOW - minutes(1) } });
    expect(requestsLeft(s, NOW)).toBe(0);
    const wait = decideOnBudget(s, 1, NOW);
    expect(wait).toMatchObject({ go: false, resumeAt: NOW - minutes(1) + RATE_LIMITED_COOLDOWN_MS });
    expect(wait.go === false && wait.why).toMatch(/Bitbucket refused requests/);
    expect(decideOnBudget(s, 1, NOW - minutes(1) + RATE_LIMITED_COOLDOWN_MS)).toEqual({ go: true });
  });

  it('never schedules a look sooner than a minute away, so a waiting job cannot spin', () => {
    const s = state({ signals: { rateLimitedAt: NOW - RATE_LIMITED_COOLDOWN_MS + 1000 } });
    expect(decideOnBudget(s, 1, NOW)).toMatchObject({ go: false, resumeAt: NOW + MIN_WAIT_MS });
  });

  it('does not hold a job bigger than the whole limit back forever: it starts on an empty hour', () => {
    expect(decideOnBudget(state(), 5000, NOW)).toEqual({ go: true });
    const busy = state({ spends: [{ at: NOW - minutes(1), requests: 1 }] });
    expect(decideOnBudget(busy, 5000, NOW)).toMatchObject({ go: false });
  });
});

describe('signals', () => {
  it('keeps the newest flag and the latest 429 of what answers said', () => {
    let now = NOW;
    const recorder = new SignalRecorder(() => now);
    recorder.observe({ limit: 1000, nearLimit: false, rateLimited: false });
    now += 1000;
    recorder.observe({ nearLimit: true, rateLimited: true });
    expect(recorder.signals()).toEqual({
      limit: 1000,
      nearLimit: { value: true, at: NOW + 1000 },
      rateLimitedAt: NOW + 1000,
    });
    const stored = { limit: 2500, nearLimit: { value: false, at: NOW + 5000 }, rateLimitedAt: NOW - 1 };
    expect(mergeSignals(stored, recorder.signals())).toEqual({
      limit: 1000,
      nearLimit: { value: false, at: NOW + 5000 },
      rateLimitedAt: NOW + 1000,
    });
    expect(mergeSignals({}, {})).toEqual({});
  });
});
