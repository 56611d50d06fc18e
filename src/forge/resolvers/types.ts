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

/**
 * Why a resolver showed nothing. `needs-consent`: the user has not yet allowed Lintel to read Bitbucket as them
 * (Forge's NeedsAuthenticationError); the page offers "Allow access". `forbidden`: Bitbucket says this user may
 * not see (or administer) what the page names. `unverified`: Bitbucket could not answer (rate limit, outage).
 */
export type AccessRefusalReason = 'needs-consent' | 'forbidden' | 'unverified';

/** A resolver's answer when the caller's own Bitbucket access did not cover the request: nothing of the data. */
export interface AccessRefused {
  access: 'refused';
  reason: AccessRefusalReason;
  /** For the person looking at the page: what was refused and what to do. */
  message: string;
}

/**
 * What a page may send with any resolver call: `promptForConsent` asks the resolver to let Forge's
 * NeedsAuthenticationError escape, which makes Forge show its consent prompt ("Allow access").
 */
export interface ResolverPayload {
  promptForConsent?: boolean;
}

/** Resolver function keys the UI may call; anything else is answered with a clear error. */
export const RESOLVER_FUNCTION_KEYS = ['getSettings', 'getPanelState'] as const;
export type ResolverFunctionKey = (typeof RESOLVER_FUNCTION_KEYS)[number];
