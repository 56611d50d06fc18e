/**
 * The LLM port. The Forge adapter (src/forge/, over @forge/llm) and test doubles implement it; nothing here
 * imports a vendor SDK, so the core stays runnable without one.
 */
export interface LlmPrompt {
  system: string;
  user: string;
}

export interface Llm {
  /** Returns the model's reply as plain text; may throw or hang (callers bound it with a timeout). */
  complete(prompt: LlmPrompt): Promise<string>;
}
