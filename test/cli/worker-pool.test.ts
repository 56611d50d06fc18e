import { join } from 'node:path';
import { analyzeFilesWith } from '../../src/engine/analyze-files';
import { isEngineUnavailable } from '../../src/engine/engine-unavailable';
import { startWorkerPool } from '../../src/cli/parallel/worker-pool-ports';
import { analyzeWorkerScript, workerCount, MIN_FILES_FOR_WORKERS } from '../../src/cli/parallel/worker-count';
import { defaultPorts } from '../../src/engine';
import { fakeMetrics, fakePorts } from '../engine/facade/fake-ports';

// Real worker threads running a stand-in script (test/fixtures/workers/): the real worker cannot be made to die on
// a chosen file, and a dying worker is exactly what these tests are about.
const SCRIPT = join(__dirname, '../fixtures/workers/crashes-on-request.cjs');
const files = Array.from({ length: 12 }, (_, i) => ({
  path: `f${i}.js`,
  text: i === 5 ? 'EXIT\n' : `const a${i} = 1;\n`,
}));

describe('the CLI worker pool', () => {
  it('reports a file whose worker died as not analysed, and analyses every other file', async () => {
    const pool = startWorkerPool(2, SCRIPT, fakePorts());
    try {
      const result = await analyzeFilesWith(pool.ports, files);
      expect(result.files.map((f) => f.path)).toEqual(files.map((f) => f.path).filter((p) => p !== 'f5.js'));
      const f5 = result.skipped.filter((s) => s.path === 'f5.js');
      expect(f5).toEqual([
        {
          path: 'f5.js',
          reason: 'could not be analysed: the analysis worker exited with code 7',
          kind: 'not-analysed',
        },
      ]);
    } finally {
      await pool.close();
    }
  });

  it('stops the run with the engine unavailable when workers keep dying, instead of skipping every file', async () => {
    const pool = startWorkerPool(2, SCRIPT, fakePorts());
    try {
      const deadly = files.map((file) => ({ ...file, text: 'EXIT\n' }));
      const outcome = await analyzeFilesWith(pool.ports, deadly).then(
        () => 'finished',
        (error: unknown) => error,
      );
      expect(isEngineUnavailable(outcome)).toBe(true);
      expect((outcome as Error).message).toMatch(/the analysis workers keep stopping/);
    } finally {
      await pool.close();
    }
  });

  it('lets the main thread measure files no worker has taken, never a file that killed a worker', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ path: `m${i}.js`, text: `const m${i} = 1;\n` }));
    const measuredHere: string[] = [];
    const local = fakePorts({
      analyzeFileMetrics: async (file) => {
        measuredHere.push(file.path);
        return fakeMetrics(file);
      },
    });
    const pool = startWorkerPool(1, join(__dirname, '../fixtures/workers/answers-slowly.cjs'), local);
    try {
      const result = await analyzeFilesWith(pool.ports, many);
      expect(result.files.map((f) => f.path)).toEqual(many.map((f) => f.path));
      // The worker's answers are one line long; the main thread's fake metrics count the real two.
      const byWorker = result.files.filter((f) => f.lines === 1).map((f) => f.path);
      expect(byWorker.length).toBeGreaterThanOrEqual(8);
      expect(measuredHere.length).toBeGreaterThan(0);
      expect([...byWorker, ...measuredHere].sort()).toEqual(many.map((f) => f.path).sort());
      // Helping takes files from the end of the queue, which the worker reaches last.
      expect(measuredHere).toContain('m29.js');
    } finally {
      await pool.close();
    }
    const deadly = many.map((file, i) => (i === 5 ? { ...file, text: 'EXIT\n' } : file));
    const crashing = startWorkerPool(1, SCRIPT, local);
    measuredHere.length = 0;
    try {
      const result = await analyzeFilesWith(crashing.ports, deadly);
      expect(measuredHere).not.toContain('m5.js');
      expect(result.skipped.filter((s) => s.path === 'm5.js').map((s) => s.kind)).toEqual(['not-analysed']);
      expect(result.files).toHaveLength(29);
    } finally {
      await crashing.close();
    }
  });

  it('gives the report a single thread gives, with the real worker and engine', async () => {
    // The real worker (build/analyze-worker.cjs, built by the global setup) and the real engine on this side.
    const script = analyzeWorkerScript();
    expect(script).toBeDefined();
    const body = Array.from({ length: 12 }, (_, i) => `  total += rows[${i}] * ${i + 2};`).join('\n');
    const copied = `export function sum(rows: number[]): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
    const sources = [
      { path: 'a.ts', text: copied },
      { path: 'b.ts', text: `const other = 1;\n${copied}` },
      { path: 'notes.txt', text: 'plain prose, no code\n' },
    ];
    const pool = startWorkerPool(1, script as string, defaultPorts);
    try {
      const parallel = await analyzeFilesWith(pool.ports, sources);
      const single = await analyzeFilesWith(defaultPorts, sources);
      expect(parallel).toEqual(single);
      const clones = single.findings.filter((f) => f.ruleId === 'duplicated-code');
      expect(clones.map((f) => `${f.path}:${f.line}`)).toEqual(['a.ts:1', 'b.ts:2']);
    } finally {
      await pool.close();
    }
  });

  it('starts workers only where they pay off', () => {
    expect(workerCount(MIN_FILES_FOR_WORKERS - 1, undefined, 8)).toBe(0);
    expect(workerCount(500, undefined, 1)).toBe(0);
    // One worker beside the main thread on two cores; four threads in all at most by default.
    expect(workerCount(500, undefined, 2)).toBe(1);
    expect(workerCount(500, undefined, 32)).toBe(3);
    expect(workerCount(500, 1, 8)).toBe(0); // --jobs 1: the main thread only
    expect(workerCount(500, 2, 8)).toBe(1); // --jobs N: N threads, the main one included
    expect(workerCount(3, 6, 1)).toBe(3); // --jobs N is obeyed, but never more workers than files
  });
});
