/**
 * The Forge adapter of the Llm port, over `@forge/llm` (Claude models hosted by Atlassian: nothing leaves
 * Atlassian's cloud, so no egress is declared). The model is chosen once per run from what `list()` reports
 * (src/ai/model-choice.ts), because model ids change; `list()` failing or naming no active model means Forge LLMs
 * are not available to this app on this site, and every call says so (LlmError `unavailable`). Forge's 100 requests
 * a minute are counted here per container and, past that, Forge's own 429 says the same (`rate-limited`).
 */
import { chat, list } from '@forge/llm';
import { FORGE_LLM_REQUESTS_PER_MINUTE, RequestWindow } from '../ai/ai-limits';
import { LlmError, type Llm } from '../ai/llm';
import { chooseModel } from '../ai/model-choice';

const DEFAULT_MAX_COMPLETION_TOKENS = 800;

/** Module state, so a warm container's invocations share one window. */
const perMinute = new RequestWindow(FORGE_LLM_REQUESTS_PER_MINUTE);

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function pickModel(): Promise<string> {
  let models: { model: string; status: string }[];
  try {
    ({ models } = await list());
  } catch (error) {
    throw new LlmError('unavailable', `listing Forge LLM models failed: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const model = chooseModel(Array.isArray(models) ? models : []);
  if (!model) throw new LlmError('unavailable', 'Forge lists no active LLM model for this app');
  return model;
}

/** ForgeLlmAPIError carries the HTTP status; the SDK does not export the class, so it is read by shape. */
function asLlmError(error: unknown): LlmError {
  const status = (error as { status?: unknown } | null)?.status;
  const code = (error as { code?: unknown } | null)?.code;
  if (status === 429)
    return new LlmError('rate-limited', `Forge LLM rate limit: ${messageOf(error)}`, { cause: error });
  if (status === 403 && code === 'LLM_MODULE_NOT_DEFINED') {
    return new LlmError('unavailable', messageOf(error), { cause: error });
  }
  return new LlmError('failed', `the Forge LLM call failed: ${messageOf(error)}`, { cause: error });
}

export function forgeLlm(): Llm {
  let model: Promise<string> | undefined;
  return {
    async complete(prompt) {
      model ??= pickModel();
      const chosen = await model;
      if (!perMinute.take(Date.now())) {
        throw new LlmError(
          'rate-limited',
          `${FORGE_LLM_REQUESTS_PER_MINUTE} LLM requests in the last minute`,
        );
      }
      let res: Awaited<ReturnType<typeof chat>>;
      try {
        res = await chat({
          model: chosen,
          messages: [
            { role: 'system', content: prompt.system },
            { role: 'user', content: prompt.user },
          ],
          // No temperature: some models refuse it (forge-platform.md §8); the answer cache keeps re-runs stable.
          max_completion_tokens: prompt.maxTokens ?? DEFAULT_MAX_COMPLETION_TOKENS,
        });
      } catch (error) {
        throw asLlmError(error);
      }
      const content = res?.choices?.[0]?.message?.content;
      const text =
        typeof content === 'string'
          ? content
          : Array.isArray(content)
            ? content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('')
            : '';
      if (!text.trim()) throw new LlmError('failed', 'the model returned an empty answer');
      return text;
    },
  };
}
