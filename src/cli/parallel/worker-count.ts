/** How many analysis worker threads `lintel analyze` starts, and where their script is. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

/** Below this many files a worker's start (~0.2 s to load the engine) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 40;
/**
 * Threads used by default, the main thread included: each worker holds its own engine (~50 MB), and beyond four
 * the main thread's own share (secrets, copies, rules for every file) is the bottleneck.
 */
export const MAX_AUTO_THREADS = 4;

/**
 * Worker threads to start beside the main thread, which measures files too when it has nothing else to do; 0 means
 * "analyse on the main thread". `jobs` is `--jobs N` when given: N threads in all, so 1 keeps everything on the main
 * thread and N > 1 starts N - 1 workers whatever the core count (never more than there are files).
 */
export function workerCount(files: number, jobs?: number, cores: number = availableParallelism()): number {
  if (jobs !== undefined) return jobs <= 1 ? 0 : Math.min(jobs - 1, files);
  if (cores < 2 || files < MIN_FILES_FOR_WORKERS) return 0;
  return Math.min(cores, MAX_AUTO_THREADS) - 1;
}

/**
 * The worker script beside the running CLI bundle (build/cli.cjs → build/analyze-worker.cjs), or the built one when
 * the CLI runs from source (tests, tsx). Undefined when neither exists: the run stays on the main thread.
 */
export function analyzeWorkerScript(here: string = __dirname): string | undefined {
  const candidates = [
    path.join(here, 'analyze-worker.cjs'),
    path.resolve(here, '../../../build/analyze-worker.cjs'),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}
