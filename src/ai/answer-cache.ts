/**
 * Validated model answers, kept so a re-run over the same code costs no call: a finding's answer is named by its
 * fingerprint and the hash of the (redacted) code window it was asked about, the overview's by the hash of its
 * prompt, both with the prompt's version. The Forge adapter keeps them in kvs with a TTL (src/forge/ai-cache.ts).
 * A cache that fails or holds something else is treated as a miss: it can cost a call, never the comment.
 */
import type { CodeWindow } from './code-window';
import { sha256Hex } from './code-window';
import type { LlmPrompt } from './llm';
import { OVERVIEW_PROMPT_VERSION } from './overview-prompt';
import { REVIEW_PROMPT_VERSION } from './review-prompt';

export interface AiAnswerCache {
  /** The stored answer, or undefined. `id` holds only `[A-Za-z0-9:._-]`. */
  get(id: string): Promise<unknown>;
  set(id: string, answer: unknown): Promise<void>;
}

const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);

export const findingAnswerId = (fingerprint: string, window: CodeWindow): string =>
  `finding:v${REVIEW_PROMPT_VERSION}:${safe(fingerprint)}:${window.hash}`;

export const overviewAnswerId = (prompt: LlmPrompt): string =>
  `overview:v${OVERVIEW_PROMPT_VERSION}:${sha256Hex(`${prompt.system}\n${prompt.user}`)}`;

/** A cache in memory: tests, and the CLI should it ever review with a model. */
export function memoryAnswerCache(): AiAnswerCache & { entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: (id) => Promise.resolve(entries.get(id)),
    set: (id, answer) => Promise.resolve(void entries.set(id, answer)),
  };
}
