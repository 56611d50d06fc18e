/**
 * Effective settings from their layers, and for each value the layer it comes from: Lintel's defaults, then the
 * workspace, the project, the repository and finally the repository's `.lintel.yml` (docs/settings.md,
 * "Precedence"). One function for the pipeline, the resolvers and the pages, so they can never disagree.
 */
import { defaultSettings } from './defaults';
import { mergeSettings } from './merge';
import { RULE_CATALOG } from './rule-catalog';
import type { Settings, SettingsOverrides } from './types';

export type SettingsLayerSource = 'workspace' | 'project' | 'repository' | 'file';
export type SettingValueSource = 'default' | SettingsLayerSource;

export interface SettingsLayer {
  source: SettingsLayerSource;
  overrides: SettingsOverrides;
}

export interface LayeredSettings {
  settings: Settings;
  /** Dotted path of every value (see settingPaths) → the layer that set it. */
  sources: Record<string, SettingValueSource>;
}

const FLAGS = ['statusChecks', 'annotations', 'summaries', 'aiComments'] as const;
const GATE_LIMITS = [
  'maxNewSecrets',
  'minHealth',
  'maxHealthDrop',
  'maxComplexityAdded',
  'maxDuplicatedLines',
] as const;

/** The dotted paths of the values a document sets (lists count as one value: an override replaces the list). */
export function overriddenPaths(overrides: SettingsOverrides): string[] {
  const paths: string[] = FLAGS.filter((flag) => overrides[flag] !== undefined);
  const { gate } = overrides;
  if (gate?.newIssues?.minSeverity !== undefined) paths.push('gate.newIssues.minSeverity');
  if (gate?.newIssues?.max !== undefined) paths.push('gate.newIssues.max');
  for (const limit of GATE_LIMITS) if (gate?.[limit] !== undefined) paths.push(`gate.${limit}`);
  for (const [ruleId, values] of Object.entries(overrides.thresholds ?? {}))
    for (const name of Object.keys(values)) paths.push(`thresholds.${ruleId}.${name}`);
  if (overrides.disabledRules !== undefined) paths.push('disabledRules');
  if (overrides.ignore !== undefined) paths.push('ignore');
  if (overrides.pullRequests?.enabled !== undefined) paths.push('pullRequests.enabled');
  if (overrides.pullRequests?.targetBranches !== undefined) paths.push('pullRequests.targetBranches');
  if (overrides.pullRequests?.skipDrafts !== undefined) paths.push('pullRequests.skipDrafts');
  if (overrides.inlineCommentLimit !== undefined) paths.push('inlineCommentLimit');
  return paths;
}

/** Every value a page can show a source for. */
export function settingPaths(): string[] {
  const thresholdPaths = RULE_CATALOG.flatMap((rule) =>
    Object.keys(rule.thresholds).map((name) => `thresholds.${rule.id}.${name}`),
  );
  return [
    ...FLAGS,
    'gate.newIssues.minSeverity',
    'gate.newIssues.max',
    ...GATE_LIMITS.map((limit) => `gate.${limit}`),
    ...thresholdPaths,
    'disabledRules',
    'ignore',
    'pullRequests.enabled',
    'pullRequests.targetBranches',
    'pullRequests.skipDrafts',
    'inlineCommentLimit',
  ];
}

/** Applies the layers in order (lowest precedence first) over Lintel's defaults. */
export function resolveLayers(layers: readonly SettingsLayer[]): LayeredSettings {
  let settings = defaultSettings();
  const sources: Record<string, SettingValueSource> = Object.fromEntries(
    settingPaths().map((path) => [path, 'default' as const]),
  );
  for (const layer of layers) {
    settings = mergeSettings(settings, layer.overrides);
    for (const path of overriddenPaths(layer.overrides)) sources[path] = layer.source;
  }
  return { settings, sources };
}
