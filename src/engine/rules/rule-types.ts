/**
 * Shapes shared by every rule. Modelled on ESLint's lib/rules layout: each rule file exports one `Rule`
 * whose `meta` (identity, severity, explanation, thresholds) sits beside its `check`, and docs/rules.md is
 * generated from the metadata so the reference cannot drift from the code.
 */
import type { FileMetrics, FindingType, FunctionMetrics, Severity } from '../types';

/** A tunable number of a rule; `description` states the comparison (e.g. "fires at or above"). */
export interface ThresholdMeta {
  default: number;
  description: string;
}

/**
 * Where a rule anchors its findings. Diff mode uses it to decide whether a change touched a finding:
 * `function` findings count as touched when any line of the function changed, `line` findings only when
 * their own lines changed, `file` findings when anything in the file changed.
 */
export type RuleScope = 'function' | 'line' | 'file';

export interface RuleMeta {
  /** Stable kebab-case id used in settings, SARIF and fingerprints. Never rename. */
  id: string;
  type: FindingType;
  /** Severity at the first threshold; stronger measurements may raise it (see the thresholds). */
  defaultSeverity: Severity;
  scope: RuleScope;
  title: string;
  /** Why the problem matters, for people reading a report. */
  why: string;
  /** How to fix it. */
  fix: string;
  /** Where the thresholds come from. */
  source: string;
  thresholds: Record<string, ThresholdMeta>;
}

/** A clone as found by the duplication detector; structurally the detector's `DuplicateBlock`. */
export interface DuplicateBlockInput {
  tokens: number;
  lines: number;
  fingerprint: string;
  first: DuplicateLocation;
  second: DuplicateLocation;
}

export interface DuplicateLocation {
  path: string;
  startLine: number;
  endLine: number;
}

/** A secret as found by the scanner; structurally its `SecretHit`. `preview` is already redacted. */
export interface SecretHitInput {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  message: string;
  preview: string;
}

/** What a rule sees about one file. */
export interface RuleContext {
  file: FileMetrics;
  /** The file's lines (no terminators), for anchoring findings on code. */
  sourceLines: readonly string[];
  /** Clone blocks that have at least one location in this file. */
  duplicates: readonly DuplicateBlockInput[];
  secrets: readonly SecretHitInput[];
  /** The rule's thresholds after user overrides were applied. */
  thresholds: Readonly<Record<string, number>>;
}

/** A finding before the engine adds rule id, type, path and fingerprint. */
export interface RawFinding {
  severity: Severity;
  line: number;
  endLine?: number;
  message: string;
  functionName?: string;
  /** The other place a finding is about: a clone's twin (so a change can report the pair once). */
  twin?: { path: string; line: number };
  /**
   * What identifies this finding across line shifts, when neither the function name nor the anchored code
   * does it well (e.g. `'file'` for file-level findings, a redacted preview for secrets).
   */
  identity?: string;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): RawFinding[];
}

/** Convenience for rules that look at each function in turn. */
export type FunctionCheck = (fn: FunctionMetrics, ctx: RuleContext) => RawFinding | undefined;
