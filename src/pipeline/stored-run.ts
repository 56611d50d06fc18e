/**
 * The verdict the consumer stores per pull request, read by the merge check and by the PR panel's page. It has no
 * dependencies beyond one type, because the Custom UI bundle imports it too.
 */
import type { Severity } from '../engine/types';

export interface StoredFinding {
  severity: Severity;
  ruleId: string;
  path: string;
  line: number;
  message: string;
  /** The finding's identity across pushes; what a dismissal names (absent in records written before dismissals). */
  fingerprint?: string;
}

/** Why the settings left a pull request alone: the panel says what to do about each. */
export type NotAnalysedReason = 'disabled' | 'branch-filtered' | 'draft' | 'too-large';

/** New or fixed issues per severity. */
export type SeverityCounts = Record<Severity, number>;

/**
 * What the merge check and the PR panel read, stored per pull request. Small on purpose (Forge kvs values are
 * limited to 240 KiB): the top findings only.
 */
export interface StoredRun {
  /** `not-analysed`: the settings leave the pull request alone (branch filter, draft); `summary` says why. */
  state: 'pending' | 'done' | 'error' | 'not-analysed';
  headHash: string;
  passed?: boolean;
  summary?: string;
  reasons?: string[];
  health?: { before: number; after: number; delta: number };
  newIssues?: number;
  fixedIssues?: number;
  newBySeverity?: SeverityCounts;
  fixedBySeverity?: SeverityCounts;
  complexityAdded?: number;
  duplicatedLinesAdded?: number;
  /** Findings people dismissed on this pull request that this run found again (not in `findings`, not judged). */
  dismissed?: number;
  findings?: StoredFinding[];
  /** `not-analysed` records: which setting (or limit) left the pull request alone. */
  notAnalysed?: NotAnalysedReason;
  /**
   * A `done` run that did not analyse every file it meant to (docs/gate.md): never a pass (`passed` is false). With no
   * failing `reasons` its verdict is "not analysed", and these say what was missed.
   */
  incomplete?: { files: number; reasons: string[] };
  /** A `pending` record of a run waiting for Bitbucket API budget (docs/rate-limits.md): when it resumes (ISO). */
  waitingUntil?: string;
  /** When the run ended: its verdict, its failure or its decision not to analyse. */
  analysedAt?: string;
}
