import type { GateSettings, Settings, SettingsOverrides } from './types';

const FLAGS = ['statusChecks', 'annotations', 'summaries', 'aiComments'] as const;
const NULLABLE_LIMITS = ['minHealth', 'maxHealthDrop', 'maxComplexityAdded', 'maxDuplicatedLines'] as const;

function mergeGate(base: GateSettings, over: SettingsOverrides['gate']): GateSettings {
  const gate: GateSettings = {
    newIssues: { ...base.newIssues, ...stripUndefined(over?.newIssues ?? {}) },
    maxNewSecrets: over?.maxNewSecrets ?? base.maxNewSecrets,
  };
  for (const key of NULLABLE_LIMITS) {
    const value = over?.[key] !== undefined ? over[key] : base[key];
    // null in an override means "no limit here", even when the workspace sets one.
    if (value !== null && value !== undefined) gate[key] = value;
  }
  return gate;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Settings one level down: the inherited settings with a level's overrides on top (workspace over the defaults,
 * project over the workspace, repository over the project, `.lintel.yml` over the repository).
 * Flags and limits override one by one; thresholds merge per rule and per threshold; a list (`ignore`,
 * `disabledRules`, `pullRequests.targetBranches`) in the overrides replaces the inherited one, so a level can also
 * un-ignore a path or switch a rule back on.
 */
export function mergeSettings(workspaceDefaults: Settings, repoOverrides: SettingsOverrides): Settings {
  const thresholds: Settings['thresholds'] = {};
  for (const source of [workspaceDefaults.thresholds, repoOverrides.thresholds ?? {}]) {
    for (const [ruleId, values] of Object.entries(source))
      thresholds[ruleId] = { ...thresholds[ruleId], ...values };
  }
  const merged: Settings = {
    ...workspaceDefaults,
    gate: mergeGate(workspaceDefaults.gate, repoOverrides.gate),
    thresholds,
    disabledRules: [...(repoOverrides.disabledRules ?? workspaceDefaults.disabledRules)],
    ignore: [...(repoOverrides.ignore ?? workspaceDefaults.ignore)],
    pullRequests: {
      enabled: repoOverrides.pullRequests?.enabled ?? workspaceDefaults.pullRequests.enabled,
      targetBranches: [
        ...(repoOverrides.pullRequests?.targetBranches ?? workspaceDefaults.pullRequests.targetBranches),
      ],
      skipDrafts: repoOverrides.pullRequests?.skipDrafts ?? workspaceDefaults.pullRequests.skipDrafts,
    },
    inlineCommentLimit: repoOverrides.inlineCommentLimit ?? workspaceDefaults.inlineCommentLimit,
  };
  for (const flag of FLAGS) merged[flag] = repoOverrides[flag] ?? workspaceDefaults[flag];
  return merged;
}
