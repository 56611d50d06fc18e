/**
 * The explanation an inline comment carries: the AI review's (with a suggested replacement when it has one) when
 * AI comments are on and its answer passed every check, otherwise the rule's own why/fix text. Secret findings
 * never go to the model, whatever the settings say.
 */
import { ruleById } from '../engine/rules';
import { hardCodedSecret } from '../engine/rules/hard-coded-secret';
import type { Finding } from '../engine/types';

export interface CodeSuggestion {
  /** Head lines the code replaces (inclusive). */
  startLine: number;
  endLine: number;
  code: string;
}

export interface FindingExplanation {
  /** Plain text (not yet escaped for markdown). */
  text: string;
  source: 'ai' | 'rule';
  /** Only from the AI review, only when its confidence passed MIN_CONFIDENCE. */
  suggestion?: CodeSuggestion;
  confidence?: number;
}

export function ruleExplanation(finding: Finding): FindingExplanation {
  const meta = ruleById(finding.ruleId)?.meta;
  const text = meta ? `${meta.why}\n\nHow to fix: ${meta.fix}` : finding.message;
  return { text, source: 'rule' };
}

export const isSecretFinding = (finding: Finding): boolean => finding.ruleId === hardCodedSecret.meta.id;
