/**
 * The Forge adapter of the Llm port, over `@forge/llm` (Claude models hosted by Atlassian: nothing leaves
 * Atlassian's cloud, so no egress is declared). The model is picked at run time from the active ones, preferring
 * the small fast family, because model ids change (forge-platform.md §8).
 */
import { chat, list } from '@forge/llm';
import type { Llm } from '../ai/llm';

/** Preference order by family name: short explanations need speed, not depth. */
const PREFERRED_FAMILIES = ['haiku', 'sonnet', 'opus'];
const MAX_COMPLETION_TOKENS = 400;

async function pickModel(): Promise<string> {
  const { models } = await list();
  const active = models.filter((m) => m.status === 'active').map((m) => m.model);
  for (const family of PREFERRED_FAMILIES) {
    const match = active.find((m) => m.includes(family));
    if (match) return match;
  }
  const first = active[0];
  if (!first) throw new Error('no active LLM model is available to this app');
  return first;
}

export function forgeLlm(): Llm {
  let model: Promise<string> | undefined;
  return {
    async complete(prompt) {
      model ??= pickModel();
      const res = await chat({
        model: await model,
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user },
        ],
        max_completion_tokens: MAX_COMPLETION_TOKENS,
      });
      const content = res.choices[0]?.message.content;
      const text = typeof content === 'string' ? content : (content ?? []).map((part) => part.text).join('');
      if (!text.trim()) throw new Error('the model returned an empty answer');
      return text;
    },
  };
}
