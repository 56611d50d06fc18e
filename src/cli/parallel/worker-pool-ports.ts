/**
 * Engine ports backed by worker threads: each file's metrics, secret scan and clone-search tokens are computed in one
 * of `size` workers (build/analyze-worker.cjs), while the clone search, which needs every file at once, runs on the
 * main thread with the ports given as `local`, on the tokens the workers made. All of a file is computed in one round
 * trip, so its text crosses threads once.
 */
import { Worker } from 'node:worker_threads';
import { EngineUnavailableError } from '../../engine/engine-unavailable';
import type { FileTokens } from '../../engine/duplication';
import type { EnginePorts } from '../../engine/engine-ports';
import type { SourceFile } from '../../engine/types';
import { fromWireError, type AnalyzeRequest, type AnalyzeResponse } from './worker-messages';

export interface WorkerPool {
  ports: EnginePorts;
  /** Starts every worker now, so their engines load while the main thread is still reading files. */
  warm(): void;
  /** Stops every worker; pending files fail. Always call it, or the process stays alive. */
  close(): Promise<void>;
}

interface Pending {
  request: AnalyzeRequest;
  /** Retried after its worker died with it in flight: it now runs with nothing beside it. */
  alone: boolean;
  resolve(response: AnalyzeResponse): void;
  reject(error: Error): void;
}

interface Lane {
  worker: Worker;
  inFlight: Map<number, Pending>;
}

/** Two files in flight per worker hide the message round trip without letting one lane hoard the queue. */
const IN_FLIGHT_PER_WORKER = 2;
/**
 * A worker that dies on a hostile file is replaced; this many deaths per worker with no file answered in between
 * means the engine itself is broken.
 */
const DEATHS_PER_WORKER = 3;
/** A runaway file exhausts its worker's heap, not the whole command's (the file is then reported as not analysed). */
const WORKER_HEAP_MB = 1024;

export function startWorkerPool(size: number, script: string, local: EnginePorts): WorkerPool {
  const queue: Pending[] = [];
  const lanes: Lane[] = [];
  const results = new WeakMap<SourceFile, Promise<AnalyzeResponse>>();
  // By path, as the facade hands duplication copies of the files it analysed; the text must be the one tokenized.
  const tokensByPath = new Map<string, { text: string; tokens: FileTokens }>();
  let nextId = 0;
  let deathsSinceAnswer = 0;
  let closing = false;
  let stopping: Promise<void> = Promise.resolve();

  const failLane = (lane: Lane, error: Error): void => {
    const index = lanes.indexOf(lane);
    if (index < 0) return;
    lanes.splice(index, 1);
    void lane.worker.terminate();
    const inFlight = [...lane.inFlight.values()];
    if (closing) return;
    if (++deathsSinceAnswer > size * DEATHS_PER_WORKER) {
      const broken = new EngineUnavailableError(
        `the analysis workers keep stopping (last: ${error.message})`,
      );
      for (const pending of [...inFlight, ...queue.splice(0)]) pending.reject(broken);
      for (const other of lanes) for (const pending of other.inFlight.values()) pending.reject(broken);
      return;
    }
    // Which of the files in flight killed the worker is unknown: each is tried once more on its own, and only a
    // file that kills a worker alone is reported as not analysed.
    for (const pending of inFlight) {
      if (pending.alone) pending.reject(error);
      else queue.unshift({ ...pending, alone: true });
    }
    pump();
  };

  const spawn = (): Lane => {
    const lane: Lane = {
      worker: new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }),
      inFlight: new Map(),
    };
    lane.worker.unref();
    lane.worker.on('message', (response: AnalyzeResponse) => {
      const pending = lane.inFlight.get(response.id);
      lane.inFlight.delete(response.id);
      deathsSinceAnswer = 0;
      pending?.resolve(response);
      pump();
      // An idle worker must not keep the command alive (a run that ends before using a warmed pool).
      if (lane.inFlight.size === 0) lane.worker.unref();
    });
    lane.worker.on('error', (error) =>
      failLane(lane, new Error(`the analysis worker stopped: ${error.message}`)),
    );
    lane.worker.on('exit', (code) => {
      if (!closing) failLane(lane, new Error(`the analysis worker exited with code ${code}`));
    });
    return lane;
  };

  const pump = (): void => {
    // Workers start with the first file and after an idle(), so a pool between phases holds no memory.
    while (lanes.length < size && queue.length > 0) lanes.push(spawn());
    for (const lane of lanes) {
      while (queue.length > 0 && lane.inFlight.size < IN_FLIGHT_PER_WORKER) {
        const next = queue[0] as Pending;
        const busyAlone = [...lane.inFlight.values()].some((pending) => pending.alone);
        if (busyAlone || (next.alone && lane.inFlight.size > 0)) break;
        queue.shift();
        lane.inFlight.set(next.request.id, next);
        lane.worker.ref();
        lane.worker.postMessage(next.request);
      }
    }
  };

  const analyze = (file: SourceFile): Promise<AnalyzeResponse> => {
    const known = results.get(file);
    if (known) return known;
    const result = new Promise<AnalyzeResponse>((resolve, reject) => {
      if (closing) reject(new Error('the analysis workers were stopped'));
      else queue.push({ request: { id: nextId++, file }, alone: false, resolve, reject });
    }).then((response) => {
      if (response.tokens) tokensByPath.set(file.path, { text: file.text, tokens: response.tokens });
      return response;
    });
    results.set(file, result);
    pump();
    return result;
  };

  const warm = (): void => {
    while (lanes.length < size) lanes.push(spawn());
  };

  const stopAll = async (): Promise<void> => {
    const stopped = lanes.splice(0);
    for (const lane of stopped) lane.worker.removeAllListeners('exit');
    await Promise.all(stopped.map((lane) => lane.worker.terminate()));
  };

  return {
    warm,
    ports: {
      parallelism: size * IN_FLIGHT_PER_WORKER,
      async analyzeFileMetrics(file) {
        const { metrics } = await analyze(file);
        if (metrics.ok) return metrics.value;
        throw fromWireError(metrics.error);
      },
      async scanSecrets(file) {
        const { secrets } = await analyze(file);
        if (secrets.ok) return secrets.value;
        throw fromWireError(secrets.error);
      },
      detectDuplicates: (files, options) => {
        const withTokens = files.map((file) => {
          const made = tokensByPath.get(file.path);
          tokensByPath.delete(file.path);
          return made?.text === file.text ? { ...file, tokens: made.tokens } : file;
        });
        return local.detectDuplicates(withTokens, options);
      },
      // The facade calls this when every file is in: nothing is queued or in flight. The workers are stopped without
      // waiting for them to wind down (10–50 ms on two cores), which close() still waits for.
      idle: () => {
        const previous = stopping;
        const now = stopAll();
        stopping = Promise.all([previous, now]).then(() => undefined);
        return Promise.resolve();
      },
    },
    async close() {
      closing = true;
      await stopping;
      const stopped = new Error('the analysis workers were stopped');
      for (const pending of queue.splice(0)) pending.reject(stopped);
      for (const lane of lanes) for (const pending of lane.inFlight.values()) pending.reject(stopped);
      await stopAll();
    },
  };
}
