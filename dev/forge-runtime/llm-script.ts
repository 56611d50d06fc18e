// A scripted LLM stand-in for `ForgeRuntimeOptions.llm`: each chat request is answered by the next step of a
// script (or by a function of the request), so tests can play valid, malformed, slow, failing and injected
// answers in a known order. The steps are plain text; what a *valid* answer is belongs to the app's tests.
import { ScriptedLlmError } from './llm-proxy';
import type { LlmChatRequest, LlmChatResponse } from './types';

export type LlmScriptStep =
  /** The assistant's reply, after `delayMs` of real time (a slow model) when given. */
  | { reply: string; delayMs?: number }
  /** Forge answers with this status and `{ code, message }` (ForgeLlmAPIError in the app). */
  | { fail: { status: number; code: string; message?: string }; delayMs?: number };

export interface LlmScript {
  /** Pass as `ForgeRuntimeOptions.llm`. */
  answer(request: LlmChatRequest): Promise<LlmChatResponse>;
  /** The requests the script answered (or failed), in order. */
  requests: LlmChatRequest[];
}

export const chatResponse = (content: string): LlmChatResponse => ({
  choices: [{ finish_reason: 'stop', index: 0, message: { role: 'assistant', content } }],
  usage: { input_tokens: 0, output_tokens: Math.ceil(content.length / 4), total_tokens: 0 },
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `steps` in order (a request past the last one fails with 500 SCRIPT_EXHAUSTED, so an unexpected call shows), or a
 * function choosing the step from the request and its index.
 */
export function llmScript(
  steps: readonly LlmScriptStep[] | ((request: LlmChatRequest, index: number) => LlmScriptStep),
): LlmScript {
  const requests: LlmChatRequest[] = [];
  return {
    requests,
    async answer(request) {
      const index = requests.length;
      requests.push(request);
      const step = typeof steps === 'function' ? steps(request, index) : steps[index];
      if (!step) {
        throw new ScriptedLlmError(
          500,
          'SCRIPT_EXHAUSTED',
          `The LLM script has no step for request ${index + 1}`,
        );
      }
      if (step.delayMs) await sleep(step.delayMs);
      if ('fail' in step) {
        throw new ScriptedLlmError(step.fail.status, step.fail.code, step.fail.message ?? step.fail.code);
      }
      return chatResponse(step.reply);
    },
  };
}
