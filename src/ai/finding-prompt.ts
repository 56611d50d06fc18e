/**
 * The prompt that asks for a plainer explanation of one finding. It is built only from the rule's metadata and
 * the finding's own message, location and function name: never from source code, so nothing but Lintel's
 * own words leaves the deterministic path.
 */
import type { RuleMeta } from '../engine/rules';
import type { Finding } from '../engine/types';
import type { LlmPrompt } from './llm';

const SYSTEM = [
  'You help developers fix code-quality findings reported on their pull request.',
  'Rewrite the explanation in plain words for the author of the change, in at most 120 words.',
  'End with one concrete fix suggestion that fits the finding (for example which part to extract or simplify).',
  'Answer in plain text: no headings, no links, no HTML, no code longer than one line.',
  'Never invent facts about code you have not seen.',
].join(' ');

export function findingPrompt(finding: Finding, rule: RuleMeta): LlmPrompt {
  const lines = [
    `Rule: ${rule.title} (${rule.id}), severity ${finding.severity}.`,
    `Finding: ${finding.message}`,
    `Location: ${finding.path} line ${finding.line}${finding.functionName ? `, in function ${finding.functionName}` : ''}.`,
    `Why the rule exists: ${rule.why}`,
    `Usual fix: ${rule.fix}`,
  ];
  return { system: SYSTEM, user: lines.join('\n') };
}
