/**
 * Shapes exchanged between the Custom UI pages (static/) and the ui-resolver function.
 * The UI imports these as types only, so nothing here may pull in runtime code.
 */

export interface LintelSettings {
  statusChecks: boolean;
  annotations: boolean;
  summaries: boolean;
  aiComments: boolean;
}

/** Which settings page asked: a repository's or the whole workspace's. */
export type SettingsLevel = 'repository' | 'workspace';

/**
 * A quality-gate verdict as the pipeline stores it under `gate:<repo>:<prId>`. Only `state` is required
 * here: the panel shows whatever optional detail the pipeline chose to keep.
 */
export interface GateRecord {
  state: string;
  headHash?: string;
  summary?: string;
  reasons?: string[];
  analysedAt?: string;
  [detail: string]: unknown;
}

/** What the PR panel receives: a stored verdict, or `none` before Lintel has analysed the PR. */
export type PanelState = GateRecord | { state: 'none' };

/** Resolver function keys the UI may call; anything else is answered with a clear error. */
export const RESOLVER_FUNCTION_KEYS = ['getSettings', 'getPanelState'] as const;
export type ResolverFunctionKey = (typeof RESOLVER_FUNCTION_KEYS)[number];
