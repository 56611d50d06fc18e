/**
 * Diff parser benchmark: a synthetic git diff with 20,000 changed lines across 200 files.
 * Run: npx tsx bench/diff.ts
 */
import { performance } from 'node:perf_hooks';
import { addedLines, parseUnifiedDiff } from '../src/diff';

const FILES = 200;
const HUNKS_PER_FILE = 10;
const CHANGED_PER_HUNK = 10; // 5 removed + 5 added => 200 * 10 * 10 = 20,000 changed lines

function syntheticDiff(): string {
  const out: string[] = [];
  for (let f = 0; f < FILES; f++) {
    out.push(`diff --git a/src/file${f}.ts b/src/file${f}.ts`, 'index 1234567..89abcde 100644');
    out.push(`--- a/src/file${f}.ts`, `+++ b/src/file${f}.ts`);
    for (let h = 0; h < HUNKS_PER_FILE; h++) {
      const start = 1 + h * 40;
      out.push(`@@ -${start},11 +${start},11 @@ function f${h}() {`);
      out.push('   const a = 1;', '   const b = 2;', '   const c = 3;');
      for (let i = 0; i < CHANGED_PER_HUNK / 2; i++) out.push(`-  old line ${i} of hunk ${h};`);
      for (let i = 0; i < CHANGED_PER_HUNK / 2; i++) out.push(`+  new line ${i} of hunk ${h};`);
      out.push('   return a + b + c;', '   // end', '   }');
    }
  }
  return out.join('\n') + '\n';
}

const text = syntheticDiff();
parseUnifiedDiff(text); // warm-up
const runs = 20;
const t0 = performance.now();
let added = 0;
for (let r = 0; r < runs; r++) for (const fd of parseUnifiedDiff(text)) added += addedLines(fd).size;
const ms = (performance.now() - t0) / runs;
console.log(
  `parseUnifiedDiff + addedLines: ${FILES * HUNKS_PER_FILE * CHANGED_PER_HUNK} changed lines ` +
    `(${text.length} chars) in ${ms.toFixed(1)} ms per run (${added / runs} added lines)`,
);
