/**
 * Entry of `build/analyze-worker.cjs`: one worker thread of `lintel analyze`. It loads the prebuilt engine and
 * answers each file with its metrics, secret scan and tokens for the clone search; the search itself and the rules
 * need every file, so they stay on the main thread (src/cli/parallel/worker-pool-ports.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { SourceFile } from '../../engine/types';
import { prebuiltEngine } from '../../prebuilt/engine';
import { enableCompileCache } from '../compile-cache';
import { toWireError, type AnalyzeRequest, type AnalyzeResponse } from './worker-messages';

async function settle<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: ReturnType<typeof toWireError> }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}

async function answer(request: AnalyzeRequest): Promise<AnalyzeResponse> {
  // Loading inside settle: an engine that cannot load fails each file with EngineUnavailableError, which the main
  // thread turns into a stopped run, exactly as it would without workers.
  const ports = await settle(() => Promise.resolve(prebuiltEngine().defaultPorts));
  if (!ports.ok) return { id: request.id, metrics: ports, secrets: ports };
  const metrics = await settle(() => ports.value.analyzeFileMetrics(request.file));
  const secrets = await settle(() => ports.value.scanSecrets(request.file));
  return { id: request.id, metrics, secrets, ...tokensOf(request.file, metrics) };
}

/** Tokens as the default clone search (no normalised identifiers) takes them; a failure leaves it to the main thread. */
function tokensOf(file: SourceFile, metrics: AnalyzeResponse['metrics']): Pick<AnalyzeResponse, 'tokens'> {
  if (!metrics.ok || metrics.value.language === 'text') return {};
  try {
    return { tokens: prebuiltEngine().fileTokens(file.text, metrics.value.language, false) };
  } catch {
    return {};
  }
}

/** The token arrays move to the main thread rather than being copied. */
function transferred(response: AnalyzeResponse): ArrayBuffer[] {
  const tokens = response.tokens;
  if (!tokens) return [];
  return [tokens.ids.buffer, tokens.startLines.buffer, tokens.endLines.buffer] as ArrayBuffer[];
}

enableCompileCache();
const port = parentPort;
if (!port) throw new Error('analyze-worker.cjs runs only as a worker thread of `lintel analyze`');
port.on('message', (request: AnalyzeRequest) => {
  void answer(request).then((response) => port.postMessage(response, transferred(response)));
});
