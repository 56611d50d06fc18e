import type { FileMetrics, Finding } from '../types';
import {
  BEST_HEALTH,
  DEFAULT_RULE_HEALTH_WEIGHT,
  MEAN_COMPLEXITY_CAP,
  MEAN_COMPLEXITY_POINTS_PER_UNIT,
  MEAN_COMPLEXITY_THRESHOLD,
  RULE_HEALTH_WEIGHTS,
  SEVERITY_POINTS,
  WORST_HEALTH,
} from './health-weights';

export interface HealthScoringOptions {
  /** Multiplier per rule id, 0–1 like CodeScene's rule weights: 0 leaves the rule out of the score. */
  ruleWeights?: Readonly<Record<string, number>>;
}

/** One line of the score's explanation: what was deducted and why. */
export interface HealthDeduction {
  factor: string;
  points: number;
}

export interface FileHealth {
  path: string;
  score: number;
  deductions: HealthDeduction[];
}

/** Scores are shown with two decimals; rounding here keeps results reproducible across platforms. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function meanComplexityDeduction(metrics: FileMetrics): number {
  if (metrics.functions.length === 0) return 0;
  const mean = metrics.functions.reduce((sum, fn) => sum + fn.cyclomatic, 0) / metrics.functions.length;
  const excess = mean - MEAN_COMPLEXITY_THRESHOLD;
  return excess > 0 ? Math.min(MEAN_COMPLEXITY_CAP, excess * MEAN_COMPLEXITY_POINTS_PER_UNIT) : 0;
}

/**
 * Code health of one file, 10 (healthy) down to 1: 10 minus, per rule, the capped sum of its findings'
 * severity points times the rule's weight, minus the Overall Code Complexity deduction; never below 1.
 * `findings` may include other files' findings; only this file's count.
 */
export function fileHealth(
  metrics: FileMetrics,
  findings: readonly Finding[],
  options: HealthScoringOptions = {},
): FileHealth {
  const perRule = new Map<string, number>();
  for (const finding of findings) {
    if (finding.path !== metrics.path) continue;
    const { weight } = RULE_HEALTH_WEIGHTS[finding.ruleId] ?? DEFAULT_RULE_HEALTH_WEIGHT;
    const userWeight = options.ruleWeights?.[finding.ruleId] ?? 1;
    const points = SEVERITY_POINTS[finding.severity] * weight * userWeight;
    perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + points);
  }
  const deductions: HealthDeduction[] = [];
  for (const [ruleId, points] of perRule) {
    const { cap } = RULE_HEALTH_WEIGHTS[ruleId] ?? DEFAULT_RULE_HEALTH_WEIGHT;
    const capped = Math.min(points, cap);
    if (capped > 0) deductions.push({ factor: ruleId, points: round2(capped) });
  }
  const meanPoints = meanComplexityDeduction(metrics) * (options.ruleWeights?.['overall-complexity'] ?? 1);
  if (meanPoints > 0) deductions.push({ factor: 'overall-complexity', points: round2(meanPoints) });
  const total = deductions.reduce((sum, d) => sum + d.points, 0);
  return { path: metrics.path, score: round2(Math.max(WORST_HEALTH, BEST_HEALTH - total)), deductions };
}
