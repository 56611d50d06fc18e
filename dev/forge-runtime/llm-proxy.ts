// `@forge/llm` 1.0.8 calls `__forge_fetch__({ type: 'llm', model }, 'https://llm/<model>', POST body)` for
// chat/stream and `({ type: 'llm' }, 'https://llm', GET)` for list(). Non-2xx `{ code, message }` bodies
// become ForgeLlmAPIError. An LLM has no local stand-in, so chat is answered by the scripted `opts.llm`
// function — the one mock in this runtime — after the checks Forge documents: the model must be one list()
// names, temperature and top_p are never both given (and not at all to the models that take neither), the prompt
// fits the 200,000-token context, and an installation makes at most 100 requests a minute (forge-platform.md §8).
// Every chat request that reaches the proxy is recorded, answered or refused, so a test can assert on what
// would have left the app.
import type { LlmChatRequest, LlmChatResponse, LlmModelInfo } from './types';

/** Models `list()` reports when a scripted stand-in is configured (IDs from forge-platform.md §8). */
export const LOCAL_LLM_MODELS: readonly LlmModelInfo[] = [
  { model: 'claude-haiku-4-5-20251001', status: 'active' },
  { model: 'claude-sonnet-4-5-20250929', status: 'active' },
  { model: 'claude-opus-4-6', status: 'active' },
];

/** Forge LLM limits per installation (forge-platform.md §8, limits-llm). */
export const LLM_REQUESTS_PER_MINUTE = 100;
export const LLM_CONTEXT_TOKENS = 200_000;
/** Models that take neither temperature nor top_p (forge-platform.md §8). */
const NO_SAMPLING_PARAMETERS = /opus-4-[7-9]|opus-5|sonnet-5/;
/** A rough token count: about four characters per token for English and code. */
const CHARS_PER_TOKEN = 4;

/** Thrown by a scripted stand-in to answer with that status and `{ code, message }`, as Forge's errors look. */
export class ScriptedLlmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const refuse = (status: number, code: string, message: string): Response => json(status, { code, message });

export interface LlmProxyOptions {
  hasLlmModule: boolean;
  /** The scripted stand-in; absent, list() names no model and chat() answers 503. */
  answer?: (request: LlmChatRequest) => Promise<LlmChatResponse>;
  /** What list() reports when a stand-in is given (default LOCAL_LLM_MODELS). */
  models?: readonly LlmModelInfo[];
  /** Local milliseconds per Forge second, for the one-minute request window (the runtime's delayMsPerSecond). */
  msPerSecond: number;
  record(request: LlmChatRequest): void;
}

function contentLength(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let chars = 0;
  for (const m of messages as { content?: unknown }[]) {
    if (typeof m?.content === 'string') chars += m.content.length;
    else if (Array.isArray(m?.content)) {
      for (const part of m.content as { text?: unknown }[])
        if (typeof part?.text === 'string') chars += part.text.length;
    }
  }
  return chars;
}

export class LlmProxy {
  private readonly requestTimes: number[] = [];
  constructor(private readonly opts: LlmProxyOptions) {}

  private models(): readonly LlmModelInfo[] {
    return this.opts.answer ? (this.opts.models ?? LOCAL_LLM_MODELS) : [];
  }

  /** Takes a slot of the installation's per-minute budget, or returns false when it is spent. */
  private takeSlot(): boolean {
    const now = Date.now();
    const windowMs = 60 * this.opts.msPerSecond;
    while (this.requestTimes.length > 0 && (this.requestTimes[0] ?? 0) <= now - windowMs)
      this.requestTimes.shift();
    if (this.requestTimes.length >= LLM_REQUESTS_PER_MINUTE) return false;
    this.requestTimes.push(now);
    return true;
  }

  /** Why Forge would refuse this request before any model saw it, if it would. */
  private problemWith(request: LlmChatRequest): Response | undefined {
    const listed = this.models().find((m) => m.model === request.model);
    if (!listed) {
      return refuse(
        404,
        'MODEL_NOT_FOUND',
        `The model '${request.model}' is not one list() reports for this app`,
      );
    }
    const { temperature, top_p } = request;
    if (temperature !== undefined && top_p !== undefined) {
      return refuse(400, 'INVALID_REQUEST', 'Give temperature or top_p, not both');
    }
    if ((temperature !== undefined || top_p !== undefined) && NO_SAMPLING_PARAMETERS.test(request.model)) {
      return refuse(
        400,
        'INVALID_REQUEST',
        `The model '${request.model}' takes neither temperature nor top_p`,
      );
    }
    const tokens =
      Math.ceil(contentLength(request.messages) / CHARS_PER_TOKEN) + (request.max_completion_tokens ?? 0);
    if (tokens > LLM_CONTEXT_TOKENS) {
      return refuse(
        400,
        'CONTEXT_LENGTH_EXCEEDED',
        `About ${tokens} tokens; the context holds ${LLM_CONTEXT_TOKENS}`,
      );
    }
    if (!this.takeSlot()) {
      return refuse(
        429,
        'RATE_LIMIT_EXCEEDED',
        `More than ${LLM_REQUESTS_PER_MINUTE} LLM requests in a minute`,
      );
    }
    return undefined;
  }

  async handle(path: string, init: RequestInit | undefined): Promise<Response> {
    // Codes below are the shim's own choice where Forge's exact codes are unpublished.
    if (!this.opts.hasLlmModule) {
      return refuse(
        403,
        'LLM_MODULE_NOT_DEFINED',
        "The app has no 'llm' module in manifest.yml, so Forge LLMs are not available",
      );
    }
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method === 'GET') return json(200, { models: this.models() });
    let request: LlmChatRequest;
    try {
      const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Omit<
        LlmChatRequest,
        'model'
      >;
      request = { ...body, model: decodeURIComponent(path.replace(/^https:\/\/llm\//, '')) };
    } catch {
      return refuse(400, 'INVALID_REQUEST', 'The LLM request body is not valid JSON');
    }
    this.opts.record(structuredClone(request));
    const { answer } = this.opts;
    if (!answer)
      return refuse(
        503,
        'MODEL_UNAVAILABLE',
        'No LLM is available in the local Forge runtime (no scripted llm given)',
      );
    const problem = this.problemWith(request);
    if (problem) return problem;
    let response: LlmChatResponse;
    try {
      response = await answer(request);
    } catch (e) {
      if (e instanceof ScriptedLlmError) return refuse(e.status, e.code, e.message);
      // A failing stand-in surfaces to the app as the SDK's own ForgeLlmAPIError.
      return refuse(500, 'SCRIPTED_LLM_ERROR', e instanceof Error ? e.message : String(e));
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
}
