import type { FileMetrics, Finding } from '../types';
import { fingerprintsFor } from '../fingerprint/assign-fingerprints';
import type { DuplicateBlockInput, RawFinding, Rule, SecretHitInput } from './rule-types';
import { resolveThresholds, type ThresholdOverrides } from './resolve-thresholds';

/** Everything the rules need to know about one file. */
export interface FileRuleInput {
  file: FileMetrics;
  text: string;
  duplicates: readonly DuplicateBlockInput[];
  secrets: readonly SecretHitInput[];
  /** `splitLines(text)`, when the caller has it already. */
  sourceLines?: readonly string[];
}

export interface RunRulesOptions {
  thresholds?: ThresholdOverrides;
  disabledRules?: readonly string[];
}

/** Splits on any line ending, so CRLF files anchor the same code as LF files. */
export function splitLines(text: string): string[] {
  // LF only, as git, Bitbucket and tree-sitter count lines: a lone CR stays inside its line.
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/**
 * Runs every enabled rule on one file and returns complete findings (rule id, type, path, fingerprint),
 * sorted by line. A rule that throws is a bug in Lintel; it is reported to the caller, who records the
 * file as skipped rather than aborting the run.
 */
export function runRules(
  rules: readonly Rule[],
  input: FileRuleInput,
  options: RunRulesOptions = {},
): Finding[] {
  const sourceLines = input.sourceLines ?? splitLines(input.text);
  const disabled = new Set(options.disabledRules ?? []);
  const produced: Array<{ rule: Rule; raw: RawFinding }> = [];
  for (const rule of rules) {
    if (disabled.has(rule.meta.id)) continue;
    const raws = rule.check({
      file: input.file,
      sourceLines,
      duplicates: input.duplicates,
      secrets: input.secrets,
      thresholds: resolveThresholds(rule, options.thresholds),
    });
    for (const raw of raws) produced.push({ rule, raw });
  }
  const fingerprints = fingerprintsFor(
    produced.map(({ rule, raw }) => ({ ...raw, ruleId: rule.meta.id, path: input.file.path })),
    sourceLines,
  );
  const findings = produced.map(({ rule, raw }, index): Finding => {
    const finding: Finding = {
      ruleId: rule.meta.id,
      type: rule.meta.type,
      severity: raw.severity,
      path: input.file.path,
      line: raw.line,
      message: raw.message,
      fingerprint: fingerprints[index] ?? '',
    };
    if (raw.endLine !== undefined) finding.endLine = raw.endLine;
    if (raw.functionName !== undefined) finding.functionName = raw.functionName;
    if (raw.twin !== undefined) finding.twin = { ...raw.twin };
    return finding;
  });
  return findings.sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}
