/** Renders docs/rules.md from the rules' metadata, so the reference cannot drift from the code. */
import type { RuleMeta } from './rule-types';

const HEADER = [
  '# Lintel rules',
  '',
  '<!-- Generated from src/engine/rules/*.ts by `npx tsx scripts/generate-rules-doc.ts`. Do not edit by hand. -->',
  '',
  'Each rule reports findings with a type and a severity (Bitbucket Code Insights vocabulary). Thresholds can',
  'be overridden per repository under `thresholds.<rule id>.<threshold name>`; rules can be switched off by id.',
  'A single reviewed finding can be suppressed in code with a `lintel-disable-next-line <rule> -- reason` comment',
  '(ranges and file-wide forms too): see [suppression.md](suppression.md).',
  '',
];

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function renderRule(meta: RuleMeta): string[] {
  const lines = [
    // An anchor named by the rule id alone: SARIF helpUri links to docs/rules.md#<rule-id> (src/cli/report/rule-help-uri.ts).
    `<a id="${meta.id}"></a>`,
    '',
    `## ${meta.title} (\`${meta.id}\`)`,
    '',
    `- Type: ${meta.type}`,
    `- Default severity: ${meta.defaultSeverity}`,
    `- Scope: ${meta.scope}`,
    `- Source: ${meta.source}`,
    '',
    `**Why it matters.** ${meta.why}`,
    '',
    `**How to fix.** ${meta.fix}`,
    '',
  ];
  const thresholds = Object.entries(meta.thresholds);
  if (thresholds.length === 0) {
    lines.push('No thresholds.', '');
  } else {
    lines.push('| Threshold | Default | Meaning |', '|---|---|---|');
    for (const [name, threshold] of thresholds) {
      lines.push(`| \`${name}\` | ${threshold.default} | ${escapeCell(threshold.description)} |`);
    }
    lines.push('');
  }
  return lines;
}

/**
 * CRITICAL is kept for what must block a merge: a rule whose every finding is CRITICAL, or a measure past a
 * `critical` threshold (far beyond where the rule first fires). Listed from the metadata, so the promise stays true.
 */
function criticalSection(rules: readonly RuleMeta[]): string[] {
  const cases = rules.flatMap((meta) => {
    if (meta.defaultSeverity === 'CRITICAL') return [`every ${meta.title} finding`];
    const critical = meta.thresholds.critical;
    return critical
      ? [
          `${meta.title} from its critical threshold, ${critical.default} (\`thresholds.${meta.id}.critical\`)`,
        ]
      : [];
  });
  return [
    '**Severities.** Every message states its limit one way: the measured value, then the largest value that',
    `passes, e.g. "a cyclomatic complexity of 18 (limit 8)". CRITICAL is kept for what must block: ${cases.join('; ')}.`,
    'Everything else is HIGH at most.',
    '',
  ];
}

export function renderRulesDoc(rules: readonly RuleMeta[]): string {
  const index = ['| Rule | Type | Default severity |', '|---|---|---|'];
  for (const meta of rules)
    index.push(`| [${meta.title}](#${anchorOf(meta)}) | ${meta.type} | ${meta.defaultSeverity} |`);
  return [...HEADER, ...criticalSection(rules), ...index, '', ...rules.flatMap(renderRule)].join('\n');
}

/** GitHub/Bitbucket-style heading anchor. */
function anchorOf(meta: RuleMeta): string {
  return `${meta.title} (${meta.id})`
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}
