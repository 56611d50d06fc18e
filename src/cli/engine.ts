import type { EnginePorts } from '../engine/engine-ports';
import type { SourceFile } from '../engine/types';
import { prebuiltEngine } from '../prebuilt/engine';
import type { AnalyzeRun, EngineOptionsInput, EnginePort } from './engine-port';
import { analyzeWorkerScript, workerCount } from './parallel/worker-count';
import { startWorkerPool, type WorkerPool } from './parallel/worker-pool-ports';

/** The main thread's own analysers, loaded on first use so that workers can start before the engine loads here. */
const mainThreadPorts: EnginePorts = {
  analyzeFileMetrics: (file) => prebuiltEngine().defaultPorts.analyzeFileMetrics(file),
  scanSecrets: (file) => prebuiltEngine().defaultPorts.scanSecrets(file),
  detectDuplicates: (files, options) => prebuiltEngine().defaultPorts.detectDuplicates(files, options),
};

function createCliEngine(): EnginePort {
  let pool: WorkerPool | undefined;
  const poolFor = (count: number, run: AnalyzeRun): WorkerPool | undefined => {
    if (pool) return pool;
    const workers = workerCount(count, run.jobs);
    const script = workers > 0 ? analyzeWorkerScript() : undefined;
    if (script !== undefined) pool = startWorkerPool(workers, script, mainThreadPorts);
    return pool;
  };
  const withPorts = async <T>(count: number, run: AnalyzeRun, work: (ports: EnginePorts) => Promise<T>) => {
    const active = poolFor(count, run);
    try {
      return await work(active?.ports ?? mainThreadPorts);
    } finally {
      pool = undefined;
      await active?.close();
    }
  };
  return {
    get rules() {
      return prebuiltEngine().rules;
    },
    prepare: (count, run = {}) => {
      poolFor(count, run)?.warm();
      // Loaded now, while the files' reads are in flight: the main thread needs it for duplication and rules anyway.
      try {
        prebuiltEngine();
      } catch {
        // Not loadable: analyzeFiles meets the same error and reports it as the run's failure.
      }
    },
    analyzeFiles: (files: SourceFile[], opts?: EngineOptionsInput, run: AnalyzeRun = {}) =>
      withPorts(files.length, run, (ports) =>
        prebuiltEngine().analyzeFilesWith(ports, files, opts, { onFileAnalysed: run.onFileAnalysed }),
      ),
    analyzeChange: (input, opts, run: AnalyzeRun = {}) =>
      withPorts(input.head.length + input.base.length, run, (ports) =>
        prebuiltEngine().analyzeChangeWith(ports, input, opts),
      ),
  };
}

let shared: EnginePort | undefined;

/**
 * The prebuilt engine (build/engine.cjs): the CLI never compiles or loads the engine's TypeScript. The return type
 * makes the compiler check that the bundle's facade still fits the CLI's needs. Large runs spread files over worker
 * threads (docs/cli.md, "Speed"). One per process, so a pool warmed by `prepare` is the one the run uses.
 */
export function cliEngine(): EnginePort {
  return (shared ??= createCliEngine());
}
