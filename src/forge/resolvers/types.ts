/**
 * Shapes exchanged between the Custom UI pages (static/) and the ui-resolver function.
 * The UI imports these as types only, so nothing here may pull in runtime code.
 */
import type { Settings, SettingsOverrides } from '../../settings/types';

/** Which settings page asked: a repository's, a project's or the whole workspace's. */
export type SettingsLevel = 'repository' | 'project' | 'workspace';

/**
 * Where an effective value comes from, lowest precedence first: Lintel's defaults, the workspace, the project, the
 * repository, then the repository's `.lintel.yml` on the destination branch (docs/settings.md, "Precedence").
 */
export type SettingSource = 'default' | 'workspace' | 'project' | 'repository' | 'file';

/**
 * A leaf of the settings by dotted path: `statusChecks`, `gate.newIssues.max`, `gate.minHealth`,
 * `thresholds.complex-method.cyclomatic`, `disabledRules`, `ignore`, `pullRequests.targetBranches`,
 * `pullRequests.enabled`, `pullRequests.skipDrafts`, `inlineCommentLimit`. Lists are one value each (an override replaces the list).
 */
export type SettingPath = string;

export type SettingSources = Record<SettingPath, SettingSource>;

/** A rule as the settings page lists it: what can be switched off and which thresholds can be set. */
export type { RuleCatalogEntry } from '../../settings/rule-catalog-entry';
import type { RuleCatalogEntry } from '../../settings/rule-catalog-entry';

/** The repository's `.lintel.yml`, as read from its main branch for the page (the pipeline reads the PR's destination). */
export interface SettingsFileView {
  path: '.lintel.yml';
  branch: string;
  status: 'absent' | 'applied' | 'invalid' | 'unreadable';
  /** What the file sets, when it is valid. */
  overrides?: SettingsOverrides;
  /** Why the file is ignored (`invalid`, `unreadable`). */
  errors?: string[];
}

/** Everything a settings page shows: its own level's overrides, what it inherits, and the result. */
export interface SettingsView {
  level: SettingsLevel;
  /** What this level stores itself: only what it changes. */
  overrides: SettingsOverrides;
  /** What this level inherits (defaults and the levels above), without its own overrides. */
  inherited: Settings;
  inheritedSources: SettingSources;
  /** What pull requests get: inherited, then this level's overrides, then `.lintel.yml` (repository level). */
  effective: Settings;
  sources: SettingSources;
  /** Revision of the stored document (0: nothing stored yet). Save and reset must name the revision they saw. */
  revision: number;
  updatedAt?: string;
  /** Account id of whoever saved last. */
  updatedBy?: string;
  /** Repository level only. */
  settingsFile?: SettingsFileView;
  rules: RuleCatalogEntry[];
  /** For the admin: a stored document migrated from an older version, or one that could not be read. */
  notices: string[];
}

/** One field the resolver refused, by dotted path (`gate.minHealth`, `ignore[2]`), with what was wrong. */
export interface FieldError {
  path: string;
  message: string;
}

export interface SaveSettingsPayload {
  /** The level's complete overrides: what the page sends replaces what is stored. */
  overrides: unknown;
  /** The revision the page loaded; a newer stored revision means someone else saved meanwhile. */
  revision: number;
}

export interface ResetSettingsPayload {
  revision: number;
}

export type SaveSettingsResult =
  | { saved: true; view: SettingsView }
  | { saved: false; reason: 'invalid'; message: string; fieldErrors: FieldError[] }
  | { saved: false; reason: 'conflict'; message: string };

export interface PreviewIgnorePayload {
  patterns: unknown;
}

/** Which of the repository's files (on its main branch) the patterns would leave out. */
export type IgnorePreview =
  | {
      ok: true;
      branch: string;
      /** Files listed (the listing stops at IGNORE_PREVIEW_FILES_MAX). */
      filesScanned: number;
      truncated: boolean;
      ignoredCount: number;
      /** The first ignored paths, for the page. */
      ignored: string[];
    }
  | { ok: false; message: string; fieldErrors: FieldError[] };

/** One analysis as the repository page's activity list shows it (src/pipeline/activity-entry.ts). */
export type { ActivityEntry } from '../../pipeline/activity-entry';
import type { ActivityEntry } from '../../pipeline/activity-entry';

export interface ActivityView {
  entries: ActivityEntry[];
}

/**
 * What the PR panel and the findings dialog receive: the validated view model of their pull request
 * (src/panel/panel-view.ts), every state included ("not analysed" with its reason when nothing usable is stored).
 */
export type { PanelView, PanelStatus, PanelFinding, PanelDismissal } from '../../panel/panel-view';
import type { PanelView } from '../../panel/panel-view';

/**
 * The answer to a panel action (Re-analyse, dismiss, restore): done, or why not — with the panel's new view either
 * way, so the page shows what is true now without asking again.
 */
export type PanelActionResult =
  | { done: true; message: string; view: PanelView }
  | {
      done: false;
      /** in-progress: a run is queued or running already; invalid: the request itself was wrong. */
      reason: 'closed' | 'in-progress' | 'invalid' | 'limit';
      message: string;
      view: PanelView;
    };

/** Dismiss one finding of the latest result (by its fingerprint), with the reason reviewers will read. */
export interface DismissFindingPayload {
  fingerprint: unknown;
  reason: unknown;
}

/** Undo a dismissal. */
export interface RestoreFindingPayload {
  fingerprint: unknown;
}

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
export const RESOLVER_FUNCTION_KEYS = [
  'getSettings',
  'saveSettings',
  'resetSettings',
  'previewIgnore',
  'getActivity',
  'getPanelState',
  'reanalyzePullRequest',
  'dismissFinding',
  'restoreFinding',
] as const;
export type ResolverFunctionKey = (typeof RESOLVER_FUNCTION_KEYS)[number];
