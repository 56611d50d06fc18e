import type { RuleMeta } from './rule-types';

/**
 * Renders src/settings/rule-catalog.ts: the rules' ids, titles and thresholds as plain data, so the settings
 * resolvers and pages can list and validate them without loading the engine (the resolver bundle must stay light).
 */
export function renderRuleCatalog(rules: readonly RuleMeta[]): string {
  const entries = rules.map((rule) => ({
    id: rule.id,
    title: rule.title,
    defaultSeverity: rule.defaultSeverity,
    thresholds: rule.thresholds,
  }));
  return [
    '// Generated from src/engine/rules/*.ts by `npm run docs:rules`. Do not edit by hand.',
    "import type { RuleCatalogEntry } from './rule-catalog-entry';",
    '',
    `export const RULE_CATALOG: readonly RuleCatalogEntry[] = ${JSON.stringify(entries, null, 2)};`,
    '',
  ].join('\n');
}
