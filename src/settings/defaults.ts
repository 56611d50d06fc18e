import type { Settings } from './types';

/**
 * Defaults a new install starts from. The gate mirrors Codacy's suggested pull-request gate (no new issue of
 * the chosen severity or worse, no new security issue); the optional limits stay off until an admin opts in,
 * because their right values depend on the code base. Documented in docs/settings.md.
 */
const DEFAULTS: Settings = {
  statusChecks: true,
  annotations: true,
  summaries: true,
  aiComments: false,
  gate: { newIssues: { minSeverity: 'HIGH', max: 0 }, maxNewSecrets: 0 },
  thresholds: {},
  disabledRules: [],
  // Vendored, generated and minified files are not the team's code: findings there are noise.
  ignore: [
    '**/node_modules/**',
    '**/vendor/**',
    '**/dist/**',
    '**/*.min.js',
    '**/*.min.css',
    '**/*.map',
    '**/package-lock.json',
    '**/yarn.lock',
    '**/pnpm-lock.yaml',
  ],
  // Every pull request, drafts included: a draft is where feedback is cheapest (Codacy analyses drafts too).
  pullRequests: { enabled: true, targetBranches: [], skipDrafts: false },
  // Codacy's cap on inline comments per pull request: past it, comments are noise (the report holds the rest).
  inlineCommentLimit: 25,
};

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(DEFAULTS);

/** Health is on CodeScene's scale: 10 healthy, 1 worst (docs/analysis-references.md §3); 0 allowed as "no limit". */
export const HEALTH_MIN = 0;
export const HEALTH_MAX = 10;

/** A fresh, mutable copy of the defaults (callers may not change the frozen original). */
export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}
