/**
 * Secrets benchmark: scanSecrets over ~100k lines of JavaScript (node_modules/eslint/lib), which
 * should contain no secrets, so hits printed here are false positives worth reading. Then secretlint
 * alone, with the keyword prefilter and with the whole preset on every file, in the same process.
 * Run: npx tsx bench/secrets.ts [dir]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scanSecrets } from '../src/engine/secrets';
import { scanWithSecretlint, scanWithWholeSecretlintPreset } from '../src/engine/secrets/secretlintScanner';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

async function main(): Promise<void> {
  const root = process.argv[2] ?? 'node_modules/eslint/lib';
  const files = listFiles(root).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
  const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  console.log(`corpus: ${root}, ${files.length} files, ${lines} lines`);
  await scanSecrets({ path: 'warm.js', text: 'const a = 1;\n' }); // loads secretlint once
  for (let pass = 1; pass <= 3; pass++) {
    const t0 = performance.now();
    let hits = 0;
    for (const file of files) {
      for (const hit of await scanSecrets(file)) {
        hits++;
        if (pass === 1) console.log(`  hit: ${file.path}:${hit.line} ${hit.ruleId} ${hit.preview}`);
      }
    }
    const ms = performance.now() - t0;
    const label = pass === 1 ? 'cold (JIT warming up)' : 'warm';
    console.log(
      `pass ${pass}, ${label}: ${hits} hits in ${ms.toFixed(0)} ms = ${Math.round(lines / (ms / 1000))} lines/s`,
    );
  }
  for (const [name, scan] of [
    ['prefiltered', scanWithSecretlint],
    ['whole preset', scanWithWholeSecretlintPreset],
  ] as const) {
    let best = Infinity;
    for (let pass = 1; pass <= 3; pass++) {
      const t0 = performance.now();
      for (const file of files) await scan(file.path, file.text, 1);
      best = Math.min(best, performance.now() - t0);
    }
    console.log(`secretlint alone, ${name}: best of 3 passes ${best.toFixed(0)} ms`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
