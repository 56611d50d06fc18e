/**
 * Duplication benchmark: our Rabin–Karp detector vs @jscpd/core 4.x on ~100k lines of JavaScript
 * (node_modules/eslint/lib, 389 files). Prints lines/s, peak RSS and how far the two agree on the clones
 * they find. Run: npx tsx bench/duplication.ts [dir] [--no-jscpd]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Detector, MemoryStore, getDefaultOptions, mild, type IClone } from '@jscpd/core';
import { Tokenizer } from '@jscpd/tokenizer';
import { detectDuplicates, type DuplicateBlock, type DuplicationInput } from '../src/engine/duplication';

const MIN_TOKENS = 50;
const MIN_LINES = 6;

function listJs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return listJs(full);
    return name.endsWith('.js') ? [full] : [];
  });
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

interface Span {
  path: string;
  start: number;
  end: number;
}

const overlaps = (a: Span, b: Span): boolean => a.path === b.path && a.start <= b.end && b.start <= a.end;

function samePair(x: [Span, Span], y: [Span, Span]): boolean {
  return (overlaps(x[0], y[0]) && overlaps(x[1], y[1])) || (overlaps(x[0], y[1]) && overlaps(x[1], y[0]));
}

async function runJscpd(files: DuplicationInput[]): Promise<IClone[]> {
  const options = { ...getDefaultOptions(), minTokens: MIN_TOKENS, minLines: MIN_LINES, mode: mild };
  const detector = new Detector(new Tokenizer(), new MemoryStore(), [], options);
  const clones: IClone[] = [];
  for (const f of files) clones.push(...(await detector.detect(f.path, f.text, 'javascript')));
  return clones;
}

async function main(): Promise<void> {
  const root = process.argv.find((a, i) => i >= 2 && !a.startsWith('--')) ?? 'node_modules/eslint/lib';
  const files: DuplicationInput[] = listJs(root).map((p) => ({
    path: relative(root, p),
    text: readFileSync(p, 'utf8'),
    language: 'javascript',
  }));
  const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  console.log(`corpus: ${root}, ${files.length} files, ${lines} lines`);

  console.log(`peak RSS after loading the corpus: ${peakRssMb()} MB`);
  detectDuplicates(files.slice(0, 20)); // warm-up (JIT)
  const t0 = performance.now();
  const ours = detectDuplicates(files, { minTokens: MIN_TOKENS, minLines: MIN_LINES });
  const oursMs = performance.now() - t0;
  console.log(
    `lintel: ${ours.length} clones in ${oursMs.toFixed(0)} ms = ${Math.round(lines / (oursMs / 1000))} lines/s, ` +
      `peak RSS ${peakRssMb()} MB`,
  );
  if (process.argv.includes('--no-jscpd')) return;

  const t1 = performance.now();
  const theirs = await runJscpd(files);
  const jscpdMs = performance.now() - t1;
  console.log(
    `jscpd:  ${theirs.length} clones in ${jscpdMs.toFixed(0)} ms = ${Math.round(lines / (jscpdMs / 1000))} lines/s, ` +
      `peak RSS ${peakRssMb()} MB (cumulative)`,
  );

  const ourPairs = ours.map((b: DuplicateBlock): [Span, Span] => [
    { path: b.first.path, start: b.first.startLine, end: b.first.endLine },
    { path: b.second.path, start: b.second.startLine, end: b.second.endLine },
  ]);
  const theirPairs = theirs.map((c): [Span, Span] => [
    { path: c.duplicationA.sourceId, start: c.duplicationA.start.line, end: c.duplicationA.end.line },
    { path: c.duplicationB.sourceId, start: c.duplicationB.start.line, end: c.duplicationB.end.line },
  ]);
  const jscpdFoundByUs = theirPairs.filter((t) => ourPairs.some((o) => samePair(o, t))).length;
  const oursFoundByJscpd = ourPairs.filter((o) => theirPairs.some((t) => samePair(o, t))).length;
  console.log(
    `agreement: ${jscpdFoundByUs}/${theirPairs.length} jscpd clones also found by lintel, ` +
      `${oursFoundByJscpd}/${ourPairs.length} lintel clones also found by jscpd`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
