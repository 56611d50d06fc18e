/**
 * The slice of the engine facade (src/engine/index.ts) the CLI uses, typed structurally so the formatters
 * and their tests need nothing but plain objects.
 */
import type { SuppressedFinding } from '../engine/suppression';
import type { FileMetrics, Finding, FindingType, Severity, SkipReason, SourceFile } from '../engine/types';

export type HealthBand = 'green' | 'yellow' | 'red';

export interface FilesAnalysis {
  files: FileMetrics[];
  findings: Finding[];
  /** Findings suppressed by comments; optional so hand-built results in tests may leave it out (none). */
  suppressed?: SuppressedFinding[];
  skipped: SkipReason[];
  /** `band` (green/yellow/red) is optional here so hand-built results in tests may leave it out. */
  health: {
    score: number;
    band?: HealthBand;
    files: Array<{ path: string; score: number; band?: HealthBand }>;
  };
}

export interface ChangeResult {
  head: FilesAnalysis;
  newFindings: Finding[];
  /** Findings the change would have introduced that comments suppressed; optional like `FilesAnalysis.suppressed`. */
  suppressed?: SuppressedFinding[];
  fixedFindings: Finding[];
  health: { before: number; after: number; delta: number };
  complexityAdded: number;
  duplicatedLinesAdded: number;
  secrets: number;
  skipped: SkipReason[];
}

/** Rule metadata as SARIF's tool.driver.rules needs it. */
export interface RuleInfo {
  id: string;
  type: FindingType;
  defaultSeverity: Severity;
  title: string;
  why: string;
  fix: string;
}

export interface EngineOptionsInput {
  thresholds?: Record<string, Record<string, number>>;
  /** Rule ids that do not run (settings' `rules`). */
  disabledRules?: readonly string[];
}

/** How a run is carried out, as opposed to what it judges (EngineOptionsInput). */
export interface AnalyzeRun {
  /** `--jobs N`: threads in all (N - 1 workers); 1 analyses on the main thread; unset: one per core when the run is large. */
  jobs?: number;
  onFileAnalysed?(done: number, total: number): void;
}

export interface EnginePort {
  /**
   * Starts what a run of about `files` files needs (the engine, worker threads) while the caller still reads them;
   * optional, so test engines need not have it. A failure here is not thrown: the run meets and reports it. A prepared
   * run that never happens holds no process open: idle workers are unreferenced.
   */
  prepare?(files: number, run?: AnalyzeRun): void;
  analyzeFiles(files: SourceFile[], opts?: EngineOptionsInput, run?: AnalyzeRun): Promise<FilesAnalysis>;
  analyzeChange(
    input: { base: SourceFile[]; head: SourceFile[]; diff: string },
    opts?: EngineOptionsInput,
    run?: AnalyzeRun,
  ): Promise<ChangeResult>;
  rules: readonly RuleInfo[];
}
