/**
 * The LLM port. The Forge adapter (src/forge/llm.ts, over @forge/llm) and test doubles implement it; nothing here
 * imports a vendor SDK, so the core stays runnable without one.
 */
export interface LlmPrompt {
  system: string;
  user: string;
  /** Most tokens the answer may take (the adapter's default when absent). */
  maxTokens?: number;
}

export interface Llm {
  /** Returns the model's reply as plain text; may throw (LlmError or anything) or hang (callers bound it). */
  complete(prompt: LlmPrompt): Promise<string>;
}

/**
 * Why a call got no answer, as far as the caller's next step is concerned: `unavailable` (no model for this app on
 * this site: stop asking), `rate-limited` (Forge's requests-per-minute limit: stop asking for this run), `failed`
 * (this call only).
 */
export type LlmFailureKind = 'unavailable' | 'rate-limited' | 'failed';

export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly kind: LlmFailureKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const llmFailureKind = (error: unknown): LlmFailureKind =>
  error instanceof Error && error.name === 'LlmError' ? (error as LlmError).kind : 'failed';
