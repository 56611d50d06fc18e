/** One measured file's findings, suppressions and health: what the rules make of it and of the copies it takes part in. */
import type { EngineOptions } from './engine-options';
import { fileHealth } from './health/file-health';
import { allRules } from './rules';
import type { DuplicateBlockInput, SecretHitInput } from './rules/rule-types';
import { runRules, splitLines } from './rules/run-rules';
import { SUPPRESSION_PROBLEM_RULE_ID } from './rules/suppression-problem';
import { applySuppressions, type SuppressedFinding } from './suppression';
import type { FileMetrics, Finding, SkipReason, SourceFile } from './types';

export interface AnalysedFile {
  source: SourceFile;
  metrics: FileMetrics;
  secrets: readonly SecretHitInput[];
}

export interface JudgedFile {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Absent for prose, data and config files, which would dilute the lines-weighted average. */
  health?: { path: string; score: number; codeLines: number };
  /** Set when the rules themselves failed on the file: it is then reported as not analysed. */
  failure?: SkipReason;
}

/** What every file's judgement shares: built once per run. */
export interface JudgeContext {
  options: EngineOptions;
  knownRuleIds: ReadonlySet<string>;
  disabledRules: ReadonlySet<string>;
}

export function judgeContext(options: EngineOptions): JudgeContext {
  return {
    options,
    knownRuleIds: new Set(allRules.map((rule) => rule.meta.id)),
    disabledRules: new Set(options.disabledRules ?? []),
  };
}

export function judgeFile(
  file: AnalysedFile,
  duplicates: readonly DuplicateBlockInput[],
  context: JudgeContext,
): JudgedFile {
  const path = file.source.path;
  const { options } = context;
  // Findings already made stay reported when a later step fails, as they did when this was the facade's loop.
  const judged: JudgedFile = { findings: [], suppressed: [] };
  try {
    const sourceLines = splitLines(file.source.text);
    const own = runRules(
      allRules,
      { file: file.metrics, text: file.source.text, sourceLines, duplicates, secrets: file.secrets },
      { thresholds: options.thresholds, disabledRules: options.disabledRules },
    );
    const outcome = applySuppressions(own, {
      path,
      language: file.metrics.language,
      sourceLines,
      knownRuleIds: context.knownRuleIds,
      disabledRules: context.disabledRules,
      secretLines: new Set(file.secrets.map((hit) => hit.line)),
    });
    judged.findings = outcome.findings;
    judged.suppressed = outcome.suppressed;
    if (file.metrics.language === 'text') return judged;
    // A suppressed finding was judged acceptable, and a faulty comment is not a fault of the code.
    const scored = outcome.findings.filter((finding) => finding.ruleId !== SUPPRESSION_PROBLEM_RULE_ID);
    const { score } = fileHealth(file.metrics, scored, { ruleWeights: options.health?.ruleWeights });
    judged.health = { path, score, codeLines: file.metrics.codeLines };
  } catch (error) {
    judged.failure = { path, reason: `rules failed: ${describeError(error)}`, kind: 'not-analysed' };
  }
  return judged;
}

/** Skip reasons are shown to users: the first line of an error says what went wrong; stacks and hints do not. */
const MAX_REASON_CHARS = 200;

export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n', 1)[0]?.trim() ?? '';
  return firstLine.length > MAX_REASON_CHARS ? `${firstLine.slice(0, MAX_REASON_CHARS - 1)}…` : firstLine;
}
