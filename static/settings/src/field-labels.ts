import type { RuleCatalogEntry } from '../../../src/forge/resolvers/types';
import { fieldOf } from './settings-draft';

/** The page's label of each setting, for messages that list fields (the resolver names them by path). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  statusChecks: 'Status checks',
  annotations: 'Annotations',
  summaries: 'Summary comment',
  aiComments: 'AI comments',
  'gate.newIssues.minSeverity': 'Minimum severity of new issues',
  'gate.newIssues.max': 'Maximum new issues',
  'gate.maxNewSecrets': 'Maximum new secrets',
  'gate.minHealth': 'Minimum health',
  'gate.maxHealthDrop': 'Maximum health drop',
  'gate.maxComplexityAdded': 'Maximum complexity added',
  'gate.maxDuplicatedLines': 'Maximum duplicated lines added',
  disabledRules: 'Rules switched off',
  ignore: 'Ignored paths',
  'pullRequests.enabled': 'Analyse pull requests',
  'pullRequests.targetBranches': 'Target branches',
  'pullRequests.skipDrafts': 'Skip draft pull requests',
  inlineCommentLimit: 'Inline comment limit',
};

/** "Minimum health", "Complex Method: cyclomatic", "Ignored paths, entry 2"; an unknown path as it is. */
export function labelOfPath(errorPath: string, rules: readonly RuleCatalogEntry[]): string {
  const { path, index } = fieldOf({ path: errorPath, message: '' });
  const threshold = /^thresholds\.([^.]+)\.([^.]+)$/.exec(path);
  const rule = threshold ? rules.find((entry) => entry.id === threshold[1]) : undefined;
  const label = rule && threshold ? `${rule.title}: ${threshold[2]}` : (FIELD_LABELS[path] ?? path);
  return index === undefined ? label : `${label}, entry ${index + 1}`;
}

/** A field's visible label (which is also its accessible name). */
export function fieldLabel(path: string): string {
  const label = FIELD_LABELS[path];
  if (!label) throw new Error(`Lintel settings: no label for the setting '${path}'.`);
  return label;
}
