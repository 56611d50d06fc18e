/**
 * Shapes exchanged between the Custom UI pages (static/) and the ui-resolver function.
 * The UI imports these as types only, so nothing here may pull in runtime code.
 */
import type { StoredRun } from '../../pipeline/stored-run';

export interface LintelSettings {
  statusChecks: boolean;
  annotations: boolean;
  summaries: boolean;
  aiComments: boolean;
}

/** Which settings page asked: a repository's or the whole workspace's. */
export type SettingsLevel = 'repository' | 'workspace';

/**
 * A quality-gate verdict as the pipeline stores it under `gate:<repo>:<prId>` (src/pipeline/types.ts). The panel
 * treats every field but `state` as optional, so an older or partial record still renders.
 */
export type GateRecord = Partial<StoredRun> & { state: string };

/** What the PR panel receives: a stored verdict, or `none` before Lintel has analysed the PR. */
export type PanelState = GateRecord | { state: 'none' };

/** Resolver function keys the UI may call; anything else is answered with a clear error. */
export const RESOLVER_FUNCTION_KEYS = ['getSettings', 'getPanelState'] as const;
export type ResolverFunctionKey = (typeof RESOLVER_FUNCTION_KEYS)[number];
