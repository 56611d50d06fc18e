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

export type GateConditionId =
  'newIssues' | 'newSecrets' | 'minHealth' | 'maxHealthDrop' | 'maxComplexityAdded' | 'maxDuplicatedLines';

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
  passed: boolean;
  conditions: GateCondition[];
}
