import type { Severity } from '../engine/types';

/** "Fail when more than `max` new issues of `minSeverity` or worse appear" (Codacy's "new issues are over N"). */
export interface NewIssuesGate {
  minSeverity: Severity;
  max: number;
}

/**
 * The conditions a change must meet. Optional limits are off when absent, so the default gate only
 * blocks what is almost always wrong (serious new issues, leaked secrets).
 */
export interface GateSettings {
  newIssues: NewIssuesGate;
  maxNewSecrets: number;
  /** Health (0–10) the analysed code must reach; compared with the health after the change. */
  minHealth?: number;
  /** Largest allowed fall of health from base to head (e.g. 0.5). Change analysis only. */
  maxHealthDrop?: number;
  /** Largest allowed cyclomatic complexity added by the change. Change analysis only. */
  maxComplexityAdded?: number;
  /** Largest allowed number of duplicated lines added by the change. Change analysis only. */
  maxDuplicatedLines?: number;
}

/** Per-rule threshold overrides: rule id → threshold name → value (names come from the rule's metadata). */
export type ThresholdOverrides = Record<string, Record<string, number>>;

export interface Settings {
  /** Post a build status on the pull request's head commit. */
  statusChecks: boolean;
  /** Publish line annotations in a Code Insights report. */
  annotations: boolean;
  /** Post (and update) one summary comment on the pull request. */
  summaries: boolean;
  /** Let an LLM review the code of the worst findings and the change's risk (docs/ai.md); off by default: code goes to a model. */
  aiComments: boolean;
  gate: GateSettings;
  thresholds: ThresholdOverrides;
  /** Rule ids that do not run (docs/rules.md lists them). */
  disabledRules: string[];
  /** gitignore-style patterns of repository paths Lintel never analyses. */
  ignore: string[];
  /** Which pull requests Lintel analyses at all. */
  pullRequests: PullRequestFilter;
  /** At most this many inline comments per pull request (counting those already posted); 0 posts none. */
  inlineCommentLimit: number;
}

/** Which pull requests are analysed; the others get no status, report or comment and pass the merge check. */
export interface PullRequestFilter {
  /** False switches Lintel off for the pull requests these settings reach (the panel says so, and how to undo it). */
  enabled: boolean;
  /** Glob patterns (`main`, `release/*`) of destination branches; empty means every branch. */
  targetBranches: string[];
  /** Leave draft pull requests alone until they are marked ready for review. */
  skipDrafts: boolean;
}

/**
 * What a repository (or a settings file) may change on top of inherited settings. Every field is optional;
 * `null` on an optional gate limit switches an inherited limit off.
 */
export interface SettingsOverrides {
  statusChecks?: boolean;
  annotations?: boolean;
  summaries?: boolean;
  aiComments?: boolean;
  gate?: {
    newIssues?: Partial<NewIssuesGate>;
    maxNewSecrets?: number;
    minHealth?: number | null;
    maxHealthDrop?: number | null;
    maxComplexityAdded?: number | null;
    maxDuplicatedLines?: number | null;
  };
  thresholds?: ThresholdOverrides;
  disabledRules?: string[];
  ignore?: string[];
  pullRequests?: Partial<PullRequestFilter>;
  inlineCommentLimit?: number;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };
