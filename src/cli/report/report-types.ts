import type { FindingType, FunctionMetrics, LanguageId, Severity } from '../../engine/types';
import type { GateCondition } from '../../gate/types';

/** Version of the JSON report's shape (docs/report-schema.json); bumped only on incompatible changes. */
export const REPORT_VERSION = 1;

/** The stable subset of the engine's function metrics that the JSON report promises (docs/report-schema.json). */
export type ReportFunction = Pick<
  FunctionMetrics,
  | 'name'
  | 'startLine'
  | 'endLine'
  | 'cyclomatic'
  | 'cognitive'
  | 'params'
  | 'maxNesting'
  | 'lines'
  | 'ownLines'
>;

export interface ReportFile {
  path: string;
  language: LanguageId;
  functions: ReportFunction[];
}

export interface ReportFinding {
  ruleId: string;
  type: FindingType;
  severity: Severity;
  path: string;
  line: number;
  message: string;
  fingerprint: string;
}

/** A finding a `lintel-disable…` comment suppressed, with that comment's form, line and reason. */
export interface ReportSuppressedFinding extends ReportFinding {
  suppression: { form: 'next-line' | 'range' | 'file'; line: number; reason?: string };
}

export interface ReportHealth {
  /** Health of the analysed code (after the change, in change mode), 1–10. */
  score: number;
  /** CodeScene-style band of `score` (files mode) or of the changed files at head (change mode). */
  band?: 'green' | 'yellow' | 'red';
  files: Array<{ path: string; score: number; band?: 'green' | 'yellow' | 'red' }>;
  before?: number;
  after?: number;
  delta?: number;
}

/** The JSON output of `lintel analyze`. Change mode adds `fixed`, `change` and health before/after/delta. */
export interface AnalyzeReport {
  version: typeof REPORT_VERSION;
  tool: { name: 'lintel'; version: string };
  mode: 'files' | 'change';
  files: ReportFile[];
  findings: ReportFinding[];
  fixed?: ReportFinding[];
  /** Findings suppressed in code (change mode: those the change would have introduced); not judged by the gate. */
  suppressed: ReportSuppressedFinding[];
  skipped: Array<{ path: string; reason: string }>;
  health: ReportHealth;
  change?: {
    base: string;
    head: string;
    mergeBase: string;
    complexityAdded: number;
    duplicatedLinesAdded: number;
    secrets: number;
  };
  gate: { passed: boolean; reasons: string[]; conditions: GateCondition[] };
}
