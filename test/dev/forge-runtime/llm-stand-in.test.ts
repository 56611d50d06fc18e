// The scripted @forge/llm stand-in is as strict as Forge documents: only models list() names, never temperature and
// top_p together (nor at all for the models that take neither), the 200,000-token context, 100 requests a minute;
// scripts play answers in order, fail with Forge-shaped errors, and every request is recorded.
import { llmScript, type ForgeRuntime } from '../../../dev/forge-runtime';
import { fixtureRuntime } from './helpers';

let runtime: ForgeRuntime | undefined;
afterEach(() => runtime?.uninstall());

function start(options: Parameters<typeof fixtureRuntime>[1]): ForgeRuntime {
  runtime = fixtureRuntime('http://127.0.0.1:9', options);
  runtime.install();
  return runtime;
}

const probe = async (rt: ForgeRuntime, payload: Record<string, unknown>) =>
  (await rt.invokeFunction('llm-probe', { mode: 'chat', ...payload })).value as {
    choices?: { message: { content: string } }[];
    error?: { name: string; status: number; code: string; message: string };
  };

describe('the scripted LLM stand-in', () => {
  test('answers the steps of a script in order, fails as Forge does, and says when it runs out', async () => {
    const script = llmScript([
      { reply: 'first' },
      { reply: 'second, slowly', delayMs: 20 },
      { fail: { status: 503, code: 'MODEL_OVERLOADED', message: 'try later' } },
    ]);
    const rt = start({ llm: script.answer });
    expect((await probe(rt, {})).choices?.[0]?.message.content).toBe('first');
    expect((await probe(rt, {})).choices?.[0]?.message.content).toBe('second, slowly');
    expect((await probe(rt, {})).error).toMatchObject({
      name: 'ForgeLlmAPIError',
      status: 503,
      code: 'MODEL_OVERLOADED',
    });
    expect((await probe(rt, {})).error).toMatchObject({ status: 500, code: 'SCRIPT_EXHAUSTED' });
    expect(script.requests).toHaveLength(4);
    expect(rt.llmRequests.map((r) => r.messages[0]?.content)).toEqual(Array(4).fill('Summarise'));
  });

  test('list() reports the configured models; an empty list is a site without Forge LLMs', async () => {
    const rt = start({
      llm: llmScript([]).answer,
      llmModels: [{ model: 'claude-sonnet-5', status: 'active' }],
    });
    expect((await rt.invokeFunction('llm-probe', { mode: 'list' })).value).toEqual({
      models: [{ model: 'claude-sonnet-5', status: 'active' }],
    });
    runtime!.uninstall();
    const none = start({ llm: llmScript([]).answer, llmModels: [] });
    expect((await none.invokeFunction('llm-probe', { mode: 'list' })).value).toEqual({ models: [] });
  });

  test('refuses a model list() does not name, and records the request anyway', async () => {
    const script = llmScript([{ reply: 'never' }]);
    const rt = start({ llm: script.answer });
    expect((await probe(rt, { model: 'claude-haiku-9' })).error).toMatchObject({
      status: 404,
      code: 'MODEL_NOT_FOUND',
    });
    expect(script.requests).toHaveLength(0);
    expect(rt.llmRequests).toEqual([expect.objectContaining({ model: 'claude-haiku-9' })]);
  });

  test('refuses temperature with top_p, and sampling parameters to the models that take none', async () => {
    const rt = start({
      llm: llmScript(() => ({ reply: 'ok' })).answer,
      llmModels: [
        { model: 'claude-haiku-4-5-20251001', status: 'active' },
        { model: 'claude-opus-4-7', status: 'active' },
      ],
    });
    expect((await probe(rt, { temperature: 0.2, top_p: 0.9 })).error).toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
    });
    expect((await probe(rt, { model: 'claude-opus-4-7', temperature: 0.2 })).error).toMatchObject({
      status: 400,
      message: expect.stringContaining('neither temperature nor top_p'),
    });
    expect((await probe(rt, { temperature: 0.2 })).choices?.[0]?.message.content).toBe('ok');
    expect((await probe(rt, { model: 'claude-opus-4-7' })).choices?.[0]?.message.content).toBe('ok');
  });

  test('refuses a prompt larger than the 200,000-token context', async () => {
    const rt = start({ llm: llmScript(() => ({ reply: 'ok' })).answer });
    expect((await probe(rt, { content: 'x'.repeat(900_000) })).error).toMatchObject({
      status: 400,
      code: 'CONTEXT_LENGTH_EXCEEDED',
    });
  });

  test('answers 429 past 100 requests a minute', async () => {
    // 1,000 local ms per Forge second: a real minute, so the window cannot roll over during the test.
    const rt = start({ llm: llmScript(() => ({ reply: 'ok' })).answer, delayMsPerSecond: 1_000 });
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) statuses.push((await probe(rt, {})).error?.status ?? 200);
    expect(statuses.slice(0, 100)).toEqual(Array(100).fill(200));
    expect(statuses[100]).toBe(429);
  });
});
