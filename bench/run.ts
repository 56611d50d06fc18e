/**
 * `npm run bench`: Lintel's full analysis against ESLint's complexity rule on the same ≥100k-line corpus.
 * Each side runs in its own child process so peak RSS is that side's alone and neither warms the other's
 * caches. Prints lines per second, the time ratio (target ≤ 0.5), peak RSS (target < 300 MB) and Lintel's
 * per-phase timings, as the median of `--runs N` runs (default 3). `--json` prints every raw measurement.
 * Exit code 1 when a child fails; missing a target is reported, not an error, because timings depend on the machine.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BenchMeasurement } from './corpus';

/** Targets from the project brief. */
const TARGET_TIME_RATIO = 0.5;
const TARGET_PEAK_RSS_MB = 300;

function measure(script: string): BenchMeasurement {
  const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', resolve(__dirname, script)], {
    cwd: resolve(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    throw new Error(`${script} failed (exit ${child.status}):\n${child.stderr.trim()}`);
  }
  return JSON.parse(line) as BenchMeasurement;
}

/** Runs per side; the median time is reported because a shared machine makes single runs noisy. */
const DEFAULT_RUNS = 3;

function runsFromArgs(argv: readonly string[]): number {
  const at = argv.indexOf('--runs');
  const runs = at >= 0 ? Number(argv[at + 1]) : DEFAULT_RUNS;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs needs a whole number of 1 or more, got ${argv[at + 1]}`);
  return runs;
}

/** The run with the median time; its peak RSS is replaced by the highest of all runs. */
function median(runs: readonly BenchMeasurement[]): BenchMeasurement {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!middle) throw new Error('no benchmark runs');
  return { ...middle, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}

function perSecond(m: BenchMeasurement): string {
  return `${Math.round(m.lines / m.seconds).toLocaleString('en-US')} lines/s`;
}

function verdict(ok: boolean): string {
  return ok ? 'meets target' : 'MISSES target';
}

function main(): void {
  const runs = runsFromArgs(process.argv);
  const lintelRuns: BenchMeasurement[] = [];
  const eslintRuns: BenchMeasurement[] = [];
  // Alternate the sides so a burst of load from elsewhere does not land on one side only.
  for (let i = 0; i < runs; i++) {
    lintelRuns.push(measure('engine.ts'));
    eslintRuns.push(measure('eslint-peer.ts'));
  }
  const lintel = median(lintelRuns);
  const eslint = median(eslintRuns);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ lintel: lintelRuns, eslint: eslintRuns }, null, 2)}\n`);
    return;
  }
  const ratio = lintel.seconds / eslint.seconds;
  const out = [
    `Median of ${runs} run(s) per side (--runs N); peak RSS is the highest of the runs.`,
    `Corpus: ${lintel.files} files, ${lintel.lines.toLocaleString('en-US')} lines (node_modules/eslint/lib + node_modules/rxjs/src)`,
    '',
    `Lintel analyzeFiles     ${lintel.seconds.toFixed(2).padStart(7)} s  ${perSecond(lintel).padStart(16)}  peak RSS ${lintel.peakRssMb} MB`,
    `ESLint complexity only  ${eslint.seconds.toFixed(2).padStart(7)} s  ${perSecond(eslint).padStart(16)}  peak RSS ${eslint.peakRssMb} MB`,
    '',
    `Time ratio Lintel / ESLint: ${ratio.toFixed(2)} (target ≤ ${TARGET_TIME_RATIO}: ${verdict(ratio <= TARGET_TIME_RATIO)})`,
    `Lintel peak RSS: ${lintel.peakRssMb} MB (target < ${TARGET_PEAK_RSS_MB} MB: ${verdict(lintel.peakRssMb < TARGET_PEAK_RSS_MB)})`,
    '',
    'Lintel phases:',
    ...Object.entries(lintel.phases ?? {}).map(
      ([phase, s]) =>
        `  ${phase.padEnd(24)} ${s.toFixed(2).padStart(7)} s  ${((100 * s) / lintel.seconds).toFixed(0).padStart(3)} %`,
    ),
    `Lintel: ${Object.entries(lintel.details ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `ESLint: ${Object.entries(eslint.details ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  for (const script of END_TO_END) {
    process.stdout.write(`\n${script}:\n${runTable(script)}`);
  }
}

/**
 * The command lines against ESLint's as users start them (bench/cli.ts), end-to-end runs on the local platform and the
 * deploy bundle's figures, each printing its own readable table.
 */
const END_TO_END = ['cli.ts', 'pr-pipeline.ts', 'large-pr.ts', 'load.ts', 'forge-bundle.ts'];

function runTable(script: string): string {
  const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', resolve(__dirname, script), '--table'], {
    cwd: resolve(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0)
    throw new Error(`${script} failed (exit ${child.status}):\n${child.stdout}${child.stderr}`);
  return child.stdout;
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
