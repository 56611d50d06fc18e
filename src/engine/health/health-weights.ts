/**
 * Weights of Lintel's code-health score. CodeScene's own weighting is calibrated on its data and not
 * public (codescene-customersuccess/docs, code-health.md), so these are Lintel's documented choices built
 * from the same factors; docs/health.md explains them with worked examples. Change a number here and the
 * worked examples in test/engine/health must change with it.
 */
import type { Severity } from '../types';

/** The best and worst possible scores (CodeScene's 10 … 1 scale). */
export const BEST_HEALTH = 10;
export const WORST_HEALTH = 1;

/** Points one finding costs before its rule's weight: a stronger measurement costs more. */
export const SEVERITY_POINTS: Readonly<Record<Severity, number>> = {
  LOW: 0.25,
  MEDIUM: 0.5,
  HIGH: 1,
  CRITICAL: 2,
};

/** How much a rule's findings count, and the most one rule may take off one file's score. */
export interface RuleHealthWeight {
  weight: number;
  cap: number;
}

export const RULE_HEALTH_WEIGHTS: Readonly<Record<string, RuleHealthWeight>> = {
  // Function-level smells: the heart of CodeScene's biomarkers. Capped so that one bad smell cannot
  // take a file from Green to Red on its own; several different smells can.
  'complex-method': { weight: 1, cap: 3 },
  'cognitive-complexity': { weight: 1, cap: 2 },
  'deep-nesting': { weight: 1, cap: 2 },
  'bumpy-road': { weight: 1, cap: 2 },
  'large-method': { weight: 1, cap: 2 },
  'excess-arguments': { weight: 0.5, cap: 1 },
  'complex-conditional': { weight: 1, cap: 1 },
  // A large file is one finding but a file-wide problem, so it weighs three times a function smell.
  'large-file': { weight: 3, cap: 3 },
  'duplicated-code': { weight: 1, cap: 2 },
  // Secrets are a security problem, not a maintainability one: reported and gated, not scored.
  'hard-coded-secret': { weight: 0, cap: 0 },
};

/** Rules not listed above (added later) count like a function smell. */
export const DEFAULT_RULE_HEALTH_WEIGHT: RuleHealthWeight = { weight: 1, cap: 2 };

/**
 * Overall Code Complexity: CodeScene flags a file whose mean cyclomatic complexity per function is above 4
 * (seen on umbraco/Umbraco-CMS PR #15063, "threshold = 4"). Each point above costs 0.25, at most 1.
 */
export const MEAN_COMPLEXITY_THRESHOLD = 4;
export const MEAN_COMPLEXITY_POINTS_PER_UNIT = 0.25;
export const MEAN_COMPLEXITY_CAP = 1;

/** Health bands (secondary sources: 8–10 Green, 4–7.9 Yellow, 1–3.9 Red). */
export const DEFAULT_HEALTH_BANDS = { green: 8, yellow: 4 } as const;
