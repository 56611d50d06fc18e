// The Forge adapter of the Llm port under the local runtime (the real @forge/llm, the scripted stand-in as the
// model): the model comes from list(), and Forge's answers map to what the review does next.
import { llmScript, type ForgeRuntime, type LlmScriptStep } from '../../dev/forge-runtime';
import type { Llm } from '../../src/ai/llm';
import { fixtureRuntime } from '../dev/forge-runtime/helpers';

let runtime: ForgeRuntime | undefined;
afterEach(() => runtime?.uninstall());

/** @forge/llm reads the runtime when it is loaded, so the adapter is loaded after the runtime is installed. */
function adapter(options: Parameters<typeof fixtureRuntime>[1]): Llm {
  runtime = fixtureRuntime('http://127.0.0.1:9', options);
  runtime.install();
  let forgeLlm: (() => Llm) | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ forgeLlm } = require('../../src/forge/llm') as { forgeLlm: () => Llm });
  });
  return forgeLlm!();
}

const prompt = { system: 'Answer in JSON.', user: 'Review this.', maxTokens: 50 };
const failing = (status: number, code: string): LlmScriptStep => ({ fail: { status, code } });

test('asks the model list() prefers, with the prompt as system and user messages', async () => {
  const llm = adapter({
    llm: llmScript([{ reply: '{"ok": true}' }]).answer,
    llmModels: [
      { model: 'claude-opus-4-6', status: 'active' },
      { model: 'claude-sonnet-4-5-20250929', status: 'active' },
    ],
  });
  await expect(llm.complete(prompt)).resolves.toBe('{"ok": true}');
  expect(runtime!.llmRequests).toEqual([
    expect.objectContaining({
      model: 'claude-sonnet-4-5-20250929',
      max_completion_tokens: 50,
      messages: [
        { role: 'system', content: 'Answer in JSON.' },
        { role: 'user', content: 'Review this.' },
      ],
    }),
  ]);
  expect(runtime!.llmRequests[0]).not.toHaveProperty('temperature');
});

test('no active model, or no llm at all, is "unavailable"', async () => {
  const none = adapter({
    llm: llmScript([]).answer,
    llmModels: [{ model: 'claude-haiku-4-5-20251001', status: 'deprecated' }],
  });
  await expect(none.complete(prompt)).rejects.toMatchObject({ kind: 'unavailable' });
  runtime!.uninstall();
  const absent = adapter({});
  await expect(absent.complete(prompt)).rejects.toMatchObject({ kind: 'unavailable' });
});

test("Forge's 429 is 'rate-limited'; any other failure or an empty answer is 'failed'", async () => {
  const llm = adapter({
    llm: llmScript([failing(429, 'RATE_LIMIT_EXCEEDED'), failing(500, 'INTERNAL'), { reply: '   ' }]).answer,
  });
  await expect(llm.complete(prompt)).rejects.toMatchObject({ kind: 'rate-limited' });
  await expect(llm.complete(prompt)).rejects.toMatchObject({
    kind: 'failed',
    message: expect.stringContaining('INTERNAL'),
  });
  await expect(llm.complete(prompt)).rejects.toMatchObject({
    kind: 'failed',
    message: 'the model returned an empty answer',
  });
});
