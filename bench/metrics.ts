/**
 * Throughput of parse + metrics (measured, never asserted). Run: npx tsx bench/metrics.ts
 * Corpora: eslint/lib (JavaScript) and rxjs/src (TypeScript) from node_modules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeFileMetricsSync, loadLanguages } from '../src/engine/metrics';

function files(root: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...files(path, suffix));
    else if (name.endsWith(suffix) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

async function main(): Promise<void> {
  const started = performance.now();
  await loadLanguages(['javascript', 'typescript']);
  console.log(`init + grammar load: ${(performance.now() - started).toFixed(0)} ms`);
  const corpora = [
    ['JavaScript eslint/lib', join(dirname(require.resolve('eslint/package.json')), 'lib'), '.js'],
    ['TypeScript rxjs/src', join(dirname(require.resolve('rxjs/package.json')), 'src'), '.ts'],
  ] as const;
  for (const [label, root, suffix] of corpora) {
    const inputs = files(root, suffix).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    inputs.forEach((file) => analyzeFileMetricsSync(file)); // warm-up
    const t0 = performance.now();
    let lines = 0;
    let functions = 0;
    for (const file of inputs) {
      const metrics = analyzeFileMetricsSync(file);
      lines += metrics.lines;
      functions += metrics.functions.length;
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `${label}: ${inputs.length} files, ${lines} lines, ${functions} functions in ${(seconds * 1000).toFixed(0)} ms` +
        ` = ${Math.round(lines / seconds).toLocaleString('en')} lines/s`,
    );
  }
}

void main();
