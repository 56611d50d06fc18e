/**
 * Engine ports backed by worker threads. Measuring a file (parsing it and walking its tree) is most of what a file
 * costs, so that is what the `size` workers (build/analyze-worker.cjs) do. The main thread scans secrets with the
 * ports given as `local`, searches for copies and judges each file as its metrics come in (src/engine/analyze-files.ts),
 * and whenever it has nothing else to do it measures a file no worker has taken yet, from the end of the queue.
 * Each thread compiles its hot code once (the secret scan, the clone search and the rules only on the main thread),
 * and no phase waits for the last worker: on two cores one worker and the main thread this way measured ~10 % faster
 * than two workers doing everything per file (docs/cli.md, Speed).
 */
import { Worker } from 'node:worker_threads';
import { EngineUnavailableError } from '../../engine/engine-unavailable';
import type { EnginePorts } from '../../engine/engine-ports';
import type { FileMetrics, SourceFile } from '../../engine/types';
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
  /**
   * Retried after its worker died with it in flight: it now runs with nothing beside it, and only in a worker, so a
   * file that kills its thread cannot take the whole command with it.
   */
  alone: boolean;
  resolve(metrics: FileMetrics): void;
  reject(error: Error): void;
}

interface Lane {
  worker: Worker;
  inFlight: Map<number, Pending>;
}

/**
 * Files handed to a worker ahead of time: enough that it keeps busy while the main thread is in a long step of its
 * own (the clone search: ~0.2 s from cold), few enough that the main thread still finds files to help with.
 */
const IN_FLIGHT_PER_WORKER = 8;
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
  const results = new WeakMap<SourceFile, Promise<FileMetrics>>();
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
      if (response.metrics.ok) pending?.resolve(response.metrics.value);
      else pending?.reject(fromWireError(response.metrics.error));
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
    if (queue.length > 0 && !helping) {
      helping = true;
      // After whatever the main thread has queued itself (answers to judge, its own steps): only idle time is used.
      setImmediate(helpOut);
    }
  };

  let helping = false;
  /** The main thread measures the last file no worker has taken, then looks again. */
  const helpOut = (): void => {
    helping = false;
    let index = queue.length - 1;
    while (index >= 0 && (queue[index] as Pending).alone) index--;
    if (closing || index < 0) return;
    const [taken] = queue.splice(index, 1) as [Pending];
    void local.analyzeFileMetrics(taken.request.file).then(
      (metrics) => {
        taken.resolve(metrics);
        pump();
      },
      (error: unknown) => {
        taken.reject(error instanceof Error ? error : new Error(String(error)));
        pump();
      },
    );
  };

  const measure = (file: SourceFile): Promise<FileMetrics> => {
    const known = results.get(file);
    if (known) return known;
    const result = new Promise<FileMetrics>((resolve, reject) => {
      if (closing) reject(new Error('the analysis workers were stopped'));
      else queue.push({ request: { id: nextId++, file }, alone: false, resolve, reject });
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
      parallelism: size * IN_FLIGHT_PER_WORKER + 1,
      analyzeFileMetrics: measure,
      scanSecrets: (file) => local.scanSecrets(file),
      detectDuplicates: (files, options) => local.detectDuplicates(files, options),
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
