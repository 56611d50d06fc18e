import type { FunctionMetrics, Severity } from '../types';
import type { RawFinding, RuleContext } from './rule-types';
import { severityFor, thresholdOf } from './severity-tiers';

/**
 * The shape most function-level rules share: one measurement per function, on a scale that starts at one threshold
 * (MEDIUM) and rises at others. Rules differ in what they measure, whether the threshold itself fires, and wording.
 */
export interface FunctionMeasure {
  measure(fn: FunctionMetrics): number;
  /** Threshold name that makes a finding. */
  limit: string;
  /**
   * `fires-at`: the limit itself is a finding (CodeScene's "at or above" warnings);
   * `allows`: the limit is the largest value that passes (Sonar's "maximum allowed").
   */
  boundary: 'fires-at' | 'allows';
  /** Higher severities and the threshold names that reach them (never below the limit). */
  raises: ReadonlyArray<{ threshold: string; severity: Severity }>;
  /** `limit`: the largest value that passes, whatever the boundary, so every message reads "18 (limit 9)". */
  message(fn: FunctionMetrics, value: number, limit: number): string;
}

export function checkEachFunction(ctx: RuleContext, spec: FunctionMeasure): RawFinding[] {
  const limit = thresholdOf(ctx.thresholds, spec.limit);
  const step = spec.boundary === 'allows' ? 1 : 0;
  const tiers = [
    { atLeast: limit + step, severity: 'MEDIUM' as Severity },
    ...spec.raises.map((r) => ({
      atLeast: Math.max(limit, thresholdOf(ctx.thresholds, r.threshold)) + step,
      severity: r.severity,
    })),
  ];
  const findings: RawFinding[] = [];
  for (const fn of ctx.file.functions) {
    const value = spec.measure(fn);
    const severity = severityFor(value, tiers);
    if (severity === undefined) continue;
    findings.push({
      severity,
      line: fn.startLine,
      endLine: fn.endLine,
      functionName: fn.name,
      message: spec.message(fn, value, limit + step - 1),
    });
  }
  return findings;
}
