import type { Severity } from '../types';

/** One step of a rising scale: at `atLeast` or more, the finding gets `severity`. */
export interface SeverityTier {
  atLeast: number;
  severity: Severity;
}

/**
 * Severity of a measurement on a rising scale, or undefined when it is below every tier.
 * Tiers may come in any order; the highest tier reached wins.
 */
export function severityFor(value: number, tiers: readonly SeverityTier[]): Severity | undefined {
  let best: SeverityTier | undefined;
  for (const tier of tiers) {
    if (value >= tier.atLeast && (best === undefined || tier.atLeast >= best.atLeast)) best = tier;
  }
  return best?.severity;
}

/** Reads a resolved threshold; rule metadata guarantees the key exists, so a miss is a programming error. */
export function thresholdOf(thresholds: Readonly<Record<string, number>>, name: string): number {
  const value = thresholds[name];
  if (value === undefined) throw new Error(`Threshold '${name}' is not declared by this rule`);
  return value;
}
