/**
 * `npx tsx bench/cli.ts [--runs N] [--table]`: the command lines as a user starts them, both as `node <script>` on a
 * copy of ESLint's lib/ (outside node_modules, which both tools leave out):
 *
 *   node build/cli.cjs analyze lib --format json           Lintel's full analysis (metrics, secrets, duplication,
 *                                                          rules, health), worker threads by default
 *   node build/cli.cjs analyze lib --format json --jobs 1  the same on one thread
 *   node eslint/bin/eslint.js --rule complexity:[error,0]  ESLint with only its complexity rule, every function
 *                                                          reported (max 0), no config lookup, JSON output
 *
 * Prints wall time (median of N rounds), peak RSS of the whole process (workers included, via bench/peak-rss.cjs) and
 * the ratio against ESLint (target ≤ 0.5, peak ≤ 200 MB, issue 9). Asserts nothing. Each round runs every side once,
 * back to back, in an order that alternates between rounds, and the ratio is the median of the rounds' own ratios: a
 * shared machine's speed drifts by ±15 % within minutes, and a ratio of two medians taken at different moments
 * carries that drift, while each round's pair saw the same machine.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(__dirname, '..');
const TARGET_RATIO = 0.5;
const TARGET_PEAK_MB = 200;
/** Enough rounds for a median that one slow moment does not move (~30 s on two cores). */
const DEFAULT_ROUNDS = 7;

interface Side {
  name: string;
  script: string;
  args: (corpus: string) => string[];
}

const SIDES: Side[] = [
  {
    name: 'lintel analyze',
    script: join(ROOT, 'build/cli.cjs'),
    args: (corpus) => ['analyze', corpus, '--format', 'json'],
  },
  {
    name: 'lintel analyze --jobs 1',
    script: join(ROOT, 'build/cli.cjs'),
    args: (corpus) => ['analyze', corpus, '--format', 'json', '--jobs', '1'],
  },
  {
    name: 'eslint complexity only',
    script: join(ROOT, 'node_modules/eslint/bin/eslint.js'),
    args: (corpus) => [
      '--no-config-lookup',
      '--no-inline-config',
      '--report-unused-disable-directives-severity',
      'off',
      '--parser-options',
      'sourceType:commonjs',
      '--rule',
      'complexity: [error, 0]',
      '--format',
      'json',
      corpus,
    ],
  },
];

interface Run {
  seconds: number;
  peakMb: number;
}

function runOnce(side: Side, corpus: string, scratch: string): Run {
  const rssFile = join(scratch, 'rss');
  const start = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--require', join(__dirname, 'peak-rss.cjs'), side.script, ...side.args(corpus)],
    {
      cwd: scratch,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, LINTEL_BENCH_RSS_FILE: rssFile },
    },
  );
  const seconds = (performance.now() - start) / 1000;
  // Both exit 1 here: Lintel's gate fails and ESLint reports every function; anything else is a broken run.
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`${side.name} exited ${child.status}:\n${child.stderr.slice(0, 2000)}`);
  }
  if (!child.stdout.trimStart().startsWith('{') && !child.stdout.trimStart().startsWith('[')) {
    throw new Error(
      `${side.name} printed no JSON:\n${child.stdout.slice(0, 500)}${child.stderr.slice(0, 500)}`,
    );
  }
  return { seconds, peakMb: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024) };
}

function runsFromArgs(argv: readonly string[]): number {
  const at = argv.indexOf('--runs');
  const runs = at >= 0 ? Number(argv[at + 1]) : DEFAULT_ROUNDS;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a whole number of 1 or more`);
  return runs;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;

function main(): void {
  const runs = runsFromArgs(process.argv);
  const scratch = mkdtempSync(join(tmpdir(), 'lintel-bench-cli-'));
  try {
    const corpus = join(scratch, 'lib');
    cpSync(join(ROOT, 'node_modules/eslint/lib'), corpus, { recursive: true });
    const results = new Map<string, Run[]>(SIDES.map((side) => [side.name, []]));
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? SIDES : [...SIDES].reverse();
      for (const side of order) results.get(side.name)?.push(runOnce(side, 'lib', scratch));
    }
    const summary = SIDES.map((side) => {
      const all = results.get(side.name) ?? [];
      return {
        name: side.name,
        seconds: median(all.map((r) => r.seconds)),
        peakMb: Math.max(...all.map((r) => r.peakMb)),
      };
    });
    const eslint = summary.find((s) => s.name.startsWith('eslint'));
    const eslintRuns = results.get(eslint?.name ?? '') ?? [];
    // Each round's Lintel time over the same round's ESLint time.
    const pairedRatio = (name: string): number =>
      median((results.get(name) ?? []).map((run, i) => run.seconds / (eslintRuns[i]?.seconds ?? NaN)));
    const lines = [
      `ESLint's lib/ (${countFiles(corpus)} files), median of ${runs} round(s), ${availableParallelism()} core(s); ` +
        "ratio: median of each round's own ratio:",
      ...summary.map(
        (s) =>
          `  ${s.name.padEnd(26)} ${s.seconds.toFixed(2).padStart(6)} s  peak ${String(s.peakMb).padStart(4)} MB` +
          (eslint && s !== eslint ? `  ratio ${pairedRatio(s.name).toFixed(2)}` : ''),
      ),
    ];
    const lintel = summary[0];
    if (lintel && eslint) {
      const ratio = pairedRatio(lintel.name);
      lines.push(
        `  Lintel / ESLint ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'meets' : 'MISSES'}), ` +
          `peak ${lintel.peakMb} MB (target ≤ ${TARGET_PEAK_MB}: ${lintel.peakMb <= TARGET_PEAK_MB ? 'meets' : 'MISSES'})`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.js')).length;
}

main();
