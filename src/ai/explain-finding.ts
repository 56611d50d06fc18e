/**
 * The explanation an inline comment carries: the LLM's plainer rewrite when AI comments are on, otherwise (or
 * when the model fails, times out or answers nothing) the rule's own why/fix text. Secret findings never go to
 * the model, whatever the settings say.
 */
import { ruleById } from '../engine/rules';
import { hardCodedSecret } from '../engine/rules/hard-coded-secret';
import type { Finding } from '../engine/types';
import { findingPrompt } from './finding-prompt';
import type { Llm } from './llm';

export interface FindingExplanation {
  /** Plain text (not yet escaped for markdown). */
  text: string;
  source: 'ai' | 'rule';
}

export interface ExplainOptions {
  /** Absent when AI comments are off. */
  llm?: Llm;
  timeoutMs?: number;
}

export const DEFAULT_LLM_TIMEOUT_MS = 15_000;
/** A reply longer than this is cut: the prompt asks for 120 words, a runaway answer would swamp the diff. */
export const AI_TEXT_MAX_CHARS = 1_500;

export function ruleExplanation(finding: Finding): FindingExplanation {
  const meta = ruleById(finding.ruleId)?.meta;
  const text = meta ? `${meta.why}\n\nHow to fix: ${meta.fix}` : finding.message;
  return { text, source: 'rule' };
}

export const isSecretFinding = (finding: Finding): boolean => finding.ruleId === hardCodedSecret.meta.id;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function explainFinding(
  finding: Finding,
  options: ExplainOptions = {},
): Promise<FindingExplanation> {
  const fallback = ruleExplanation(finding);
  const rule = ruleById(finding.ruleId)?.meta;
  if (!options.llm || !rule || isSecretFinding(finding)) return fallback;
  try {
    const reply = await withTimeout(
      options.llm.complete(findingPrompt(finding, rule)),
      options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS,
    );
    const text = typeof reply === 'string' ? reply.trim() : '';
    if (text === '') return fallback;
    return {
      text: text.length > AI_TEXT_MAX_CHARS ? `${text.slice(0, AI_TEXT_MAX_CHARS - 1)}…` : text,
      source: 'ai',
    };
  } catch {
    // The deterministic text is a complete answer; a model outage must not cost the comment.
    return fallback;
  }
}
