/**
 * How much AI review one pull request may use: findings reviewed, calls per run, time per call and in total. Forge
 * environment variables (`forge variables set`) can lower or raise them within bounds; docs/ai.md lists them.
 */

export interface AiLimits {
  /** New HIGH and CRITICAL findings reviewed per pull request, counting AI-written comments already there. */
  findingsPerPullRequest: number;
  /** Model calls one run may make: the findings plus the summary's overview. */
  callsPerRun: number;
  /** One call's answer must arrive within this, or the rule's text is used. */
  callTimeoutMs: number;
  /** All of a run's AI review ends within this (and within the consumer's budget: src/pipeline/run-budget.ts). */
  totalMs: number;
}

export const DEFAULT_AI_LIMITS: AiLimits = {
  findingsPerPullRequest: 5,
  callsPerRun: 6,
  callTimeoutMs: 20_000,
  totalMs: 90_000,
};

/** Forge's documented limit per installation (forge-platform.md §8). */
export const FORGE_LLM_REQUESTS_PER_MINUTE = 100;

const VARIABLES: Record<keyof AiLimits, { name: string; min: number; max: number }> = {
  findingsPerPullRequest: { name: 'LINTEL_AI_FINDINGS', min: 0, max: 25 },
  callsPerRun: { name: 'LINTEL_AI_CALLS_PER_RUN', min: 0, max: 26 },
  callTimeoutMs: { name: 'LINTEL_AI_CALL_TIMEOUT_MS', min: 100, max: 300_000 },
  totalMs: { name: 'LINTEL_AI_TIME_MS', min: 100, max: 600_000 },
};

/** The limits with any valid variable applied; a value that is not an integer within bounds is ignored. */
export function aiLimitsFrom(env: Readonly<Record<string, string | undefined>>): AiLimits {
  const limits = { ...DEFAULT_AI_LIMITS };
  for (const [field, { name, min, max }] of Object.entries(VARIABLES) as [
    keyof AiLimits,
    (typeof VARIABLES)[keyof AiLimits],
  ][]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) limits[field] = value;
  }
  return limits;
}

/**
 * A sliding one-minute window of requests, for Forge's 100 LLM requests a minute. Forge counts per installation;
 * this counts per container (module state survives between invocations of a warm container), and Forge's own 429
 * past it stops the run's review just the same (src/forge/llm.ts).
 */
export class RequestWindow {
  private readonly times: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Takes a slot at `now`, or returns false when the window is full. */
  take(now: number): boolean {
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - this.windowMs) this.times.shift();
    if (this.times.length >= this.limit) return false;
    this.times.push(now);
    return true;
  }
}
