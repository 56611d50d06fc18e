/**
 * The benchmark corpus: real, widely read code that `npm ci` already installs, so every machine measures the
 * same bytes without a download. ESLint's lib (~100k lines of CommonJS JavaScript) plus RxJS's TypeScript
 * sources (~21k lines) — the inputs of docs/analysis-references.md §5.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { SourceFile } from '../src/engine/types';

const NODE_MODULES = resolve(__dirname, '../node_modules');

/** Folders of the corpus with the file endings taken from each; type declarations are not code to analyse. */
export const CORPUS_SOURCES: ReadonlyArray<{ folder: string; extensions: readonly string[] }> = [
  { folder: 'eslint/lib', extensions: ['.js'] },
  { folder: 'rxjs/src', extensions: ['.ts'] },
];

/** The brief's floor: the corpus must be at least this many lines to say anything about throughput. */
export const MIN_CORPUS_LINES = 100_000;

function listFiles(dir: string, extensions: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, extensions));
    else if (extensions.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts'))
      out.push(path);
  }
  return out.sort();
}

export function countLines(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Loads the corpus with paths relative to node_modules (e.g. `eslint/lib/linter/linter.js`). */
export function loadCorpus(): { files: SourceFile[]; lines: number } {
  const files: SourceFile[] = [];
  for (const { folder, extensions } of CORPUS_SOURCES) {
    const root = join(NODE_MODULES, folder);
    for (const path of listFiles(root, extensions)) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      files.push({ path: relative(NODE_MODULES, path).split('\\').join('/'), text });
    }
  }
  const lines = files.reduce((n, f) => n + countLines(f.text), 0);
  if (lines < MIN_CORPUS_LINES) {
    throw new Error(`benchmark corpus has ${lines} lines, fewer than ${MIN_CORPUS_LINES}; run npm ci first`);
  }
  return { files, lines };
}

/** Peak resident set size of this process so far, in MB (resourceUsage reports kilobytes). */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** What each benchmark child prints as its one line of JSON on stdout. */
export interface BenchMeasurement {
  name: string;
  files: number;
  lines: number;
  seconds: number;
  peakRssMb: number;
  /** Time per phase, when the measured code exposes phases. */
  phases?: Record<string, number>;
  details?: Record<string, number>;
}
