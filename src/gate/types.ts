import type { Finding } from '../engine/types';

/**
 * What the gate reads from a whole-files analysis. Structural, so the engine's `AnalysisResult` fits as is
 * and tests can pass hand-built facts.
 */
export interface FilesFacts {
  findings: readonly Finding[];
  health: { score: number };
}

/** What the gate reads from a change analysis (the engine's `ChangeAnalysis`). */
export interface ChangeFacts {
  newFindings: readonly Finding[];
  secrets: number;
  health: { before: number; after: number; delta: number };
  complexityAdded: number;
  duplicatedLinesAdded: number;
}

/** `secretScan` is not configured: it appears, failing, when a file was analysed but not scanned (docs/gate.md). */
export type GateConditionId =
  | 'newIssues'
  | 'newSecrets'
  | 'minHealth'
  | 'maxHealthDrop'
  | 'maxComplexityAdded'
  | 'maxDuplicatedLines'
  | 'secretScan';

export interface GateCondition {
  id: GateConditionId;
  passed: boolean;
  /** The measured value (a count, a health score, a drop in health). */
  actual: number;
  /** The configured limit it was compared with. */
  limit: number;
  /** One sentence a person can act on, e.g. "2 new HIGH or worse issues (limit 0)". */
  message: string;
}

export interface GateVerdict {
  /** False when a condition failed, and also when files were not analysed (`notAnalysed`): never a pass then. */
  passed: boolean;
  conditions: GateCondition[];
  /** Files Lintel meant to analyse and could not (docs/gate.md); absent when everything meant was analysed. */
  notAnalysed?: NotAnalysed;
}

export interface NotAnalysed {
  /** Distinct paths not analysed; a shortfall of the whole run (duplication detection failed) counts as one. */
  files: number;
  /** The first few distinct reasons, in words a person can act on. */
  reasons: string[];
}

/** What the verdict shows: a failed condition is a failure whatever else; otherwise a shortfall is "not analysed". */
export type GateOutcome = 'passed' | 'failed' | 'not-analysed';
