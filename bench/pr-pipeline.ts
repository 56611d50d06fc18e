/**
 * End-to-end pull-request run on the local platform: a pull request of 100 changed files and about 20,000 changed
 * lines, its `created` event fired into the local Forge runtime, the app's real trigger and consumer running
 * against the Bitbucket emulator over HTTP. Prints wall time, API calls by endpoint and peak RSS as one JSON line
 * (see bench/run.ts); `--table` prints it readable. Targets: under 5 s, at most 15 API calls (the files' text comes
 * from one full-context diff, not one `src` read per file: docs/architecture.md, "Reading a change").
 */
import { execFileSync } from 'node:child_process';
import { runPrOnLocalPlatform } from './local-pr-run';
import { requestsByEndpoint } from './requests-by-endpoint';

const FILES = 100;
const LINES_PER_FILE = 100;
/** Issue 10: a handful of requests per pull request, whatever its file count (117 when each file cost a `src`). */
const API_CALL_TARGET = 15;

/** A plausible module: small functions with branches, so every analyser has work to do. */
function moduleText(file: number, variant: number): string {
  const out: string[] = [];
  for (let f = 0; out.length < LINES_PER_FILE; f++) {
    out.push(
      `export function handler${variant}_${file}_${f}(input, options) {`,
      `  const limit = options.limit ?? ${f + variant};`,
      `  if (input.length > limit && options.strict) {`,
      `    return input.slice(0, limit).map((x) => x * ${variant + 1});`,
      `  }`,
      `  for (const item of input) {`,
      `    if (item === ${file} || item < 0) return -1;`,
      `  }`,
      `  return input.length;`,
      `}`,
    );
  }
  // Every line carries the variant, so each one differs between base and head.
  return `${out.map((line, n) => `${line} // r${variant}.${n}`).join('\n')}\n`;
}

async function main(): Promise<void> {
  const base: Record<string, string> = {};
  const head: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    base[`src/module${i}.js`] = moduleText(i, 0);
    head[`src/module${i}.js`] = moduleText(i, 1);
  }
  const { emulator, runtime, gitDir, seconds, peakRssMb, close } = await runPrOnLocalPlatform(base, head);

  const failed = runtime.invocations.filter((i) => !i.ok);
  // Measured, not assumed: lines added plus removed between the branches, as git counts them.
  const numstat = execFileSync('git', ['--git-dir', gitDir, 'diff', '--numstat', 'main...feature'], {
    encoding: 'utf8',
  });
  const changedLines = numstat
    .trim()
    .split('\n')
    .reduce(
      (sum, row) =>
        sum +
        row
          .split('\t')
          .slice(0, 2)
          .map(Number)
          .reduce((a, b) => a + b, 0),
      0,
    );
  const result = {
    files: FILES,
    changedLines,
    seconds,
    apiCalls: emulator.requests.length,
    apiCallTarget: API_CALL_TARGET,
    peakRssMb,
    violations: emulator.violations.length,
    failures: failed.map((f) => `${f.functionKey}: ${f.error}`),
    callsByKind: requestsByEndpoint(emulator.requests),
  };
  await close();
  if (process.argv.includes('--table')) {
    console.log(`pull request: ${FILES} files, ${changedLines} changed lines`);
    console.log(`wall time ${seconds.toFixed(2)} s (target < 5 s)`);
    const meets = result.apiCalls <= result.apiCallTarget ? 'meets target' : 'MISSES target';
    console.log(`API calls ${result.apiCalls} (target ≤ ${result.apiCallTarget}: ${meets})`);
    console.log(`peak RSS ${result.peakRssMb.toFixed(0)} MB; OpenAPI violations ${result.violations}`);
    for (const f of result.failures) console.log(`FAILED ${f}`);
    for (const [kind, n] of result.callsByKind) console.log(`  ${String(n).padStart(4)}  ${kind}`);
  } else {
    console.log(JSON.stringify(result));
  }
  if (failed.length > 0 || result.violations > 0) process.exitCode = 1;
}

void main();
