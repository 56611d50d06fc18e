/** Options of the engine facade, and their validation. */
import type { HealthBands } from './health/aggregate-health';
import type { ThresholdOverrides } from './rules/resolve-thresholds';
import { allRules } from './rules';
import { validateRuleOptions } from './rules/resolve-thresholds';
import { MAX_FILE_BYTES } from './file-size';

/** 1 MB, SonarQube's limit for JavaScript (see file-size.ts). */
export const DEFAULT_MAX_FILE_BYTES = MAX_FILE_BYTES;

/** Codacy runs no duplication analysis beyond 5,000 files; jscpd's memory grows with its store. */
export const MAX_DUPLICATION_FILES = 5000;

export interface DuplicationOptions {
  minTokens?: number;
  minLines?: number;
}

export interface EngineOptions {
  /** Rule id → threshold name → value; names come from each rule's metadata (see `rules`). */
  thresholds?: ThresholdOverrides;
  /** Rule ids that do not run. */
  disabledRules?: readonly string[];
  /** Minimum clone size handed to the duplication detector. */
  duplication?: DuplicationOptions;
  health?: {
    /** Score bands; defaults Green ≥ 8, Yellow ≥ 4. */
    bands?: Partial<HealthBands>;
    /** Rule id (or 'overall-complexity') → multiplier 0–1 of its health deductions. */
    ruleWeights?: Readonly<Record<string, number>>;
  };
  /**
   * Files larger than this many UTF-8 bytes are listed as not analysed (default 1 MB). At most MAX_FILE_BYTES: the
   * metrics walker stops there whatever is asked.
   */
  maxFileBytes?: number;
}

/** Options a user got wrong; the message lists every problem. */
export class EngineOptionsError extends Error {
  override readonly name = 'EngineOptionsError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid analysis options:\n- ${problems.join('\n- ')}`);
  }
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Throws EngineOptionsError when options name unknown rules or carry impossible numbers. */
export function assertValidOptions(options: EngineOptions): void {
  const problems = validateRuleOptions(allRules, options.thresholds, options.disabledRules);
  for (const key of ['minTokens', 'minLines'] as const) {
    const value = options.duplication?.[key];
    if (value !== undefined && !(isCount(value) && value >= 1)) {
      problems.push(`duplication.${key} must be a whole number of 1 or more, got ${JSON.stringify(value)}.`);
    }
  }
  const maxBytes = options.maxFileBytes;
  if (maxBytes !== undefined && !(isCount(maxBytes) && maxBytes > 0 && maxBytes <= MAX_FILE_BYTES)) {
    problems.push(
      `maxFileBytes must be a whole number from 1 to ${MAX_FILE_BYTES}, got ${JSON.stringify(maxBytes)}.`,
    );
  }
  const bands = options.health?.bands;
  if (bands) {
    const green = bands.green ?? 8;
    const yellow = bands.yellow ?? 4;
    if (!(yellow >= 1 && green >= yellow && green <= 10)) {
      problems.push(
        `health.bands must satisfy 1 ≤ yellow ≤ green ≤ 10, got yellow ${yellow}, green ${green}.`,
      );
    }
  }
  for (const [id, weight] of Object.entries(options.health?.ruleWeights ?? {})) {
    if (!(typeof weight === 'number' && weight >= 0 && weight <= 1)) {
      problems.push(`health.ruleWeights.${id} must be between 0 and 1, got ${JSON.stringify(weight)}.`);
    }
  }
  if (problems.length > 0) throw new EngineOptionsError(problems);
}
