// `@forge/llm` 1.0.8 calls `__forge_fetch__({ type: 'llm', model }, 'https://llm/<model>', POST body)` for
// chat/stream and `({ type: 'llm' }, 'https://llm', GET)` for list(). Non-2xx `{ code, message }` bodies
// become ForgeLlmAPIError. An LLM has no local stand-in, so chat is answered by the scripted `opts.llm`
// function — the one mock in this runtime.
import type { LlmChatRequest, LlmChatResponse } from './types';

/** Models `list()` reports when a scripted stand-in is configured (IDs from forge-platform.md §8). */
export const LOCAL_LLM_MODELS = [
  { model: 'claude-haiku-4-5-20251001', status: 'active' },
  { model: 'claude-sonnet-4-5-20250929', status: 'active' },
  { model: 'claude-opus-4-6', status: 'active' },
] as const;

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export async function handleLlm(
  path: string,
  init: RequestInit | undefined,
  hasLlmModule: boolean,
  scripted: ((request: LlmChatRequest) => Promise<LlmChatResponse>) | undefined,
): Promise<Response> {
  // Codes below are the shim's own choice: Forge's exact codes for these cases are unpublished.
  if (!hasLlmModule) {
    return json(403, {
      code: 'LLM_MODULE_NOT_DEFINED',
      message: "The app has no 'llm' module in manifest.yml, so Forge LLMs are not available",
    });
  }
  const method = (init?.method ?? 'GET').toUpperCase();
  if (method === 'GET') return json(200, { models: scripted ? LOCAL_LLM_MODELS : [] });
  if (!scripted) {
    return json(503, {
      code: 'MODEL_UNAVAILABLE',
      message: 'No LLM is available in the local Forge runtime (no scripted llm given)',
    });
  }
  let request: LlmChatRequest;
  try {
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Omit<
      LlmChatRequest,
      'model'
    >;
    const model = decodeURIComponent(path.replace(/^https:\/\/llm\//, ''));
    request = { ...body, model };
  } catch {
    return json(400, { code: 'INVALID_REQUEST', message: 'The LLM request body is not valid JSON' });
  }
  let response: LlmChatResponse;
  try {
    response = await scripted(request);
  } catch (e) {
    // A failing stand-in surfaces to the app as the SDK's own ForgeLlmAPIError.
    return json(500, { code: 'SCRIPTED_LLM_ERROR', message: e instanceof Error ? e.message : String(e) });
  }
  if (request.stream) {
    // The SDK parses newline-delimited JSON chunks; the whole answer is sent as one chunk.
    return new Response(JSON.stringify(response) + '\n', {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson' },
    });
  }
  return json(200, response);
}
