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
}

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
  findings?: StoredFinding[];
  analysedAt?: string;
}
