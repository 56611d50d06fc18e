/**
 * The engine facade: source text in, facts out. Pure — no Forge, network or file system — so the Forge
 * consumer, the CLI and the benchmarks all call exactly this.
 */
import { analyzeFilesWith, type AnalysisResult } from './analyze-files';
import { analyzeChangeWith, type ChangeAnalysis } from './change/analyze-change';
import { detectDuplicates } from './duplication';
import type { EngineOptions } from './engine-options';
import type { EnginePorts } from './engine-ports';
import { analyzeFileMetrics } from './metrics';
import { scanSecrets } from './secrets';
import type { SourceFile } from './types';

/** The real analysers: tree-sitter metrics, secretlint, jscpd. */
export const defaultPorts: EnginePorts = {
  analyzeFileMetrics: (file) => analyzeFileMetrics(file),
  scanSecrets: (file) => scanSecrets(file),
  detectDuplicates: (files, options) => detectDuplicates(files, options),
};

/** Analyses a snapshot of files: metrics, findings, skipped files with reasons, and code health. */
export function analyzeFiles(files: SourceFile[], opts?: EngineOptions): Promise<AnalysisResult> {
  return analyzeFilesWith(defaultPorts, files, opts);
}

/** Analyses a change: only what it introduced (new findings), what it fixed, and its effect on health. */
export function analyzeChange(
  input: { base: SourceFile[]; head: SourceFile[]; diff: string },
  opts?: EngineOptions,
): Promise<ChangeAnalysis> {
  return analyzeChangeWith(defaultPorts, input, opts);
}

export { analyzeFilesWith, type AnalysisResult, type AnalyzeHooks } from './analyze-files';
export { WHOLE_RUN_PATH } from './types';
export { analyzeChangeWith, type ChangeAnalysis, type ChangeInput } from './change/analyze-change';
export {
  EngineOptionsError,
  DEFAULT_MAX_FILE_BYTES,
  MAX_DUPLICATION_FILES,
  type EngineOptions,
  type DuplicationOptions,
} from './engine-options';
export type { EnginePorts } from './engine-ports';
export { rules, allRules, ruleById, type RuleMeta, type ThresholdMeta, type RuleScope } from './rules';
export {
  healthBand,
  weightedHealth,
  DEFAULT_HEALTH_BANDS,
  type HealthBand,
  type HealthBands,
} from './health';
export type {
  Finding,
  FindingType,
  Severity,
  SourceFile,
  FileMetrics,
  FunctionMetrics,
  SkipReason,
  SkipKind,
  LanguageId,
} from './types';
