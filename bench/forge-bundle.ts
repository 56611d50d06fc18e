/**
 * What `forge deploy` would ship, measured: the size of each bundled function (Forge's own bundler, as
 * dev/forge-bundle runs it), of the prebuilt engine and its inlined grammars, the time to load the consumer module
 * alone, and the consumer's cold start — its first invocation in a fresh process, against a warm one — as the median
 * of `--runs N` fresh processes (default 3). `--table` prints it readable (bench/run.ts does), otherwise one JSON line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureForgeBundle } from '../dev/forge-bundle';

const APP_ROOT = path.resolve(__dirname, '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

/** Milliseconds for a bare Node process to require the module (nothing else loaded, no node_modules). */
function requireMs(file: string): number {
  const script = `globalThis.__forge_runtime__ = {}; const t = performance.now(); require(process.argv[1]);
    process.stdout.write(String(performance.now() - t));`;
  return Number(
    execFileSync(process.execPath, ['-e', script, file], { cwd: path.dirname(file), encoding: 'utf8' }),
  );
}

function coldStart(): { firstMs: number; warmMs: number; peakRssMb: number } {
  const child = spawnSync(
    process.execPath,
    ['--require', 'tsx/cjs', path.join(__dirname, 'consumer-cold-start.ts')],
    {
      cwd: APP_ROOT,
      encoding: 'utf8',
    },
  );
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`cold start failed:\n${child.stderr}`);
  return JSON.parse(line) as { firstMs: number; warmMs: number; peakRssMb: number };
}

function main(): void {
  const at = process.argv.indexOf('--runs');
  const runs = at >= 0 ? Number(process.argv[at + 1]) : 3;
  const bundle = ensureForgeBundle(APP_ROOT);
  const consumer = bundle.info.functions.find((f) => f.key === 'run-analysis');
  if (!consumer) throw new Error('the bundle has no run-analysis function');
  const consumerFile = path.join(bundle.dir, consumer.file);
  const samples = Array.from({ length: runs }, () => ({ load: requireMs(consumerFile), ...coldStart() }));
  const result = {
    bundler: bundle.info.bundler,
    functions: bundle.info.functions.map((f) => ({ key: f.key, file: f.file, bytes: f.bytes })),
    engineBytes: fs.statSync(path.join(APP_ROOT, 'build/engine.cjs')).size,
    consumerRequireMs: median(samples.map((s) => s.load)),
    consumerFirstInvocationMs: median(samples.map((s) => s.firstMs)),
    consumerWarmInvocationMs: median(samples.map((s) => s.warmMs)),
    peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)),
    runs,
  };
  if (!process.argv.includes('--table')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  const lines = [
    `${result.bundler}; median of ${runs} fresh processes (--runs N)`,
    ...result.functions.map((f) => `  ${f.key.padEnd(14)} ${f.file.padEnd(22)} ${mb(f.bytes).padStart(9)}`),
    `  prebuilt engine (build/engine.cjs, all 13 grammars inlined)  ${mb(result.engineBytes)}`,
    `consumer module load (bare node, require)   ${result.consumerRequireMs.toFixed(0).padStart(5)} ms`,
    `consumer cold start (first invocation)      ${result.consumerFirstInvocationMs.toFixed(0).padStart(5)} ms`,
    `consumer warm invocation (same pull request) ${result.consumerWarmInvocationMs.toFixed(0).padStart(4)} ms`,
    `peak RSS (platform + emulator + app)        ${result.peakRssMb.toFixed(0).padStart(5)} MB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
