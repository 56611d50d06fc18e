/**
 * Entry of `build/analyze-worker.cjs`: one worker thread of `lintel analyze`. It loads the prebuilt engine and
 * answers each file with its metrics (parsing and measuring: most of a file's cost). Everything else stays on the
 * main thread (src/cli/parallel/worker-pool-ports.ts).
 */
import { parentPort } from 'node:worker_threads';
import { prebuiltEngine } from '../../prebuilt/engine';
import { enableCompileCache } from '../compile-cache';
import { toWireError, type AnalyzeRequest, type AnalyzeResponse } from './worker-messages';

async function answer(request: AnalyzeRequest): Promise<AnalyzeResponse> {
  try {
    // Loaded inside the try: an engine that cannot load fails each file with EngineUnavailableError, which the main
    // thread turns into a stopped run, exactly as it would without workers.
    const metrics = await prebuiltEngine().defaultPorts.analyzeFileMetrics(request.file);
    return { id: request.id, metrics: { ok: true, value: metrics } };
  } catch (error) {
    return { id: request.id, metrics: { ok: false, error: toWireError(error) } };
  }
}

enableCompileCache();
const port = parentPort;
if (!port) throw new Error('analyze-worker.cjs runs only as a worker thread of `lintel analyze`');

/**
 * One file at a time, each answered as soon as it is measured: requests arrive several at once, and answering them
 * concurrently (each awaits the engine) would hold every answer back until the last of them was done.
 */
const queue: AnalyzeRequest[] = [];
let draining = false;
async function drain(): Promise<void> {
  draining = true;
  for (let request = queue.shift(); request; request = queue.shift()) {
    port?.postMessage(await answer(request));
  }
  draining = false;
}
port.on('message', (request: AnalyzeRequest) => {
  queue.push(request);
  if (!draining) void drain();
});
