/**
 * `npx tsx bench/large-files.ts`: what one large file costs the engine's full analysis (metrics, secrets, duplication,
 * rules, health) now that files up to 1 MB are analysed (src/engine/file-size.ts). Each file runs in a child process
 * of its own, so its peak RSS is that file's alone. Files: the largest hand-written JavaScript found under
 * node_modules (webpack's Compilation.js, React DOM's development builds), and a synthetic 1 MB of ordinary
 * TypeScript. Prints a table (or `--json`); it asserts nothing, because timings depend on the machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { analyzeFilesWith, defaultPorts } from '../src/engine';
import { timedPorts } from './timed-ports';
import { MAX_FILE_BYTES } from '../src/engine/file-size';
import { peakRssMb } from './corpus';

const ROOT = resolve(__dirname, '..');
const SYNTHETIC = 'synthetic 1 MB of ordinary TypeScript';

/** Hand-written code (React DOM's builds are its sources concatenated, not minified); the first present are used. */
const CANDIDATES = [
  'node_modules/webpack/lib/Compilation.js',
  'node_modules/webpack/lib/javascript/JavascriptParser.js',
  'node_modules/@atlaskit/button/node_modules/react-dom/cjs/react-dom.development.js',
  'node_modules/refa/index.js',
  'node_modules/react-dom/cjs/react-dom-client.development.js',
];

interface FileMeasurement {
  file: string;
  bytes: number;
  lines: number;
  seconds: number;
  peakRssMb: number;
  phases: Record<string, number>;
  functions: number;
  findings: number;
  skipped: string[];
}

/** A module of small, ordinary functions with some branching, repeated up to just under `bytes`. */
export function syntheticSource(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const part = [
      `export function price${i}(order: Order, rate: number): number {`,
      `  let total = order.base * rate + ${i};`,
      '  for (const item of order.items) {',
      '    if (item.fragile && item.weight > 10) total += item.weight * 0.5;',
      `    else if (item.code === 'X${i}') total -= 1;`,
      '  }',
      "  return order.country === 'DE' ? total * 1.19 : total;",
      '}',
      '',
    ].join('\n');
    if (size + part.length > bytes) break;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

/** Child: analyses one file and prints its measurement as one line of JSON. */
async function measureOne(file: string): Promise<void> {
  const text =
    file === SYNTHETIC ? syntheticSource(MAX_FILE_BYTES) : readFileSync(resolve(ROOT, file), 'utf8');
  const path = file === SYNTHETIC ? 'src/synthetic.ts' : file;
  const phases: Record<string, number> = {};
  const start = performance.now();
  const result = await analyzeFilesWith(timedPorts(defaultPorts, phases), [{ path, text }]);
  const seconds = (performance.now() - start) / 1000;
  const measured = Object.values(phases).reduce((a, b) => a + b, 0);
  phases['rules + health + other'] = Math.max(0, seconds - measured);
  const measurement: FileMeasurement = {
    file,
    bytes: Buffer.byteLength(text),
    lines: text.split('\n').length,
    seconds,
    peakRssMb: peakRssMb(),
    phases,
    functions: result.files.reduce((n, f) => n + f.functions.length, 0),
    findings: result.findings.length,
    skipped: result.skipped.map((s) => s.reason),
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

function spawnOne(file: string): FileMeasurement {
  const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', __filename, '--one', file], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    throw new Error(`measuring ${file} failed (exit ${child.status}):\n${child.stderr.trim()}`);
  }
  return JSON.parse(line) as FileMeasurement;
}

function table(rows: readonly FileMeasurement[]): string {
  const out = [
    'file | KB | lines | seconds | peak RSS MB | parse+metrics s | secrets s | duplication s | functions | findings | not analysed',
  ];
  out.push(out[0]!.replace(/[^|]/g, '-'));
  for (const r of rows) {
    const phase = (name: string) => (r.phases[name] ?? 0).toFixed(2);
    out.push(
      [
        r.file.replace(/^node_modules\//, ''),
        Math.round(r.bytes / 1024),
        r.lines,
        r.seconds.toFixed(2),
        r.peakRssMb,
        phase('parse + metrics'),
        phase('secrets'),
        phase('duplication'),
        r.functions,
        r.findings,
        r.skipped.join('; ') || '-',
      ].join(' | '),
    );
  }
  return out.join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const one = argv.indexOf('--one');
  if (one >= 0) return measureOne(argv[one + 1] ?? '');
  const present = CANDIDATES.filter(
    (file) => existsSync(resolve(ROOT, file)) && statSync(resolve(ROOT, file)).isFile(),
  );
  // One copy of a file is enough: node_modules holds the same React build several times.
  const seen = new Set<number>();
  const files = present.filter((file) => {
    const size = statSync(resolve(ROOT, file)).size;
    if (seen.has(size)) return false;
    seen.add(size);
    return true;
  });
  const rows = [...files, SYNTHETIC].map(spawnOne);
  process.stdout.write(argv.includes('--json') ? `${JSON.stringify(rows, null, 2)}\n` : `${table(rows)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `large-files benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
