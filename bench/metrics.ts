/**
 * Throughput of parse + metrics (measured, never asserted). Run: npx tsx bench/metrics.ts [rounds]
 * Corpora: eslint/lib (JavaScript) and rxjs/src (TypeScript) from node_modules.
 *
 * Each corpus is measured `rounds` times (default 3) after a warm-up and the best round is printed,
 * as wall time and as this process's CPU time: on a shared machine the wall time also counts other
 * processes' turns, so compare CPU figures between runs and quote the load average with them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeFileMetricsSync, loadLanguages } from '../src/engine/metrics';
import type { SourceFile } from '../src/engine/types';

function files(root: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...files(path, suffix));
    else if (name.endsWith(suffix) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface Round {
  wallMs: number;
  cpuMs: number;
  lines: number;
  functions: number;
}

function measure(inputs: readonly SourceFile[]): Round {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let lines = 0;
  let functions = 0;
  for (const file of inputs) {
    const metrics = analyzeFileMetricsSync(file);
    lines += metrics.lines;
    functions += metrics.functions.length;
  }
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, lines, functions };
}

const perSecond = (lines: number, ms: number): string => Math.round((lines / ms) * 1000).toLocaleString('en');

async function main(): Promise<void> {
  const rounds = Math.max(1, Number(process.argv[2] ?? 3));
  const started = performance.now();
  await loadLanguages(['javascript', 'typescript']);
  console.log(`init + grammar load: ${(performance.now() - started).toFixed(0)} ms`);
  const corpora = [
    ['JavaScript eslint/lib', join(dirname(require.resolve('eslint/package.json')), 'lib'), '.js'],
    ['TypeScript rxjs/src', join(dirname(require.resolve('rxjs/package.json')), 'src'), '.ts'],
  ] as const;
  for (const [label, root, suffix] of corpora) {
    const inputs = files(root, suffix).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    measure(inputs); // warm-up: JIT and grammar tables
    const results = Array.from({ length: rounds }, () => measure(inputs));
    const wall = Math.min(...results.map((r) => r.wallMs));
    const cpu = Math.min(...results.map((r) => r.cpuMs));
    const { lines, functions } = results[0] ?? { lines: 0, functions: 0 };
    console.log(
      `${label}: ${inputs.length} files, ${lines} lines, ${functions} functions; best of ${rounds}: ` +
        `wall ${wall.toFixed(0)} ms = ${perSecond(lines, wall)} lines/s, ` +
        `cpu ${cpu.toFixed(0)} ms = ${perSecond(lines, cpu)} lines/s`,
    );
  }
  console.log(
    `load average (1, 5, 15 min): ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
  );
}

void main();
