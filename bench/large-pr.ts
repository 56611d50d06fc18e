/**
 * A 5,000-file pull request end to end on the local platform, with the default large-pull-request budget: the real
 * trigger, the coordinator and every chunk job through the real @forge/events queue and @forge/kvs under the runtime
 * shim, against the Bitbucket emulator over real git. Prints wall time, API calls (by endpoint), queue pushes and
 * events, the largest push and event, the slowest consumer invocation, peak RSS and the kvs requests, read and write
 * units and 429s as one JSON line; `--table` prints it readable. `--files N` changes the file count, `--lines N` adds
 * N changed lines to every file (more changed lines mean more chunks, hence more diff requests). The shim delivers
 * events concurrently, so wall time is a lower bound of what Forge (CHUNK_CONCURRENCY chunks of a pull request at a
 * time) would take.
 */
import { execFileSync } from 'node:child_process';
import { runPrOnLocalPlatform } from './local-pr-run';
import { requestsByEndpoint } from './requests-by-endpoint';

const option = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const FILES = option('--files', 5_000);
const EXTRA_LINES = option('--lines', 0);

/** A small module with a branchy function; `variant` changes every line so the whole file is in the diff. */
function moduleText(file: number, variant: number): string {
  return [
    `export function handler${file}(input, options) {`,
    `  const limit = options.limit ?? ${variant};`,
    `  if (input.length > limit && options.strict) {`,
    `    return input.slice(0, limit).map((x) => x * ${variant + 1});`,
    `  }`,
    `  for (const item of input) {`,
    `    if (item === ${file} || item < ${variant}) return -1;`,
    `  }`,
    `  return input.length + ${variant};`,
    `}`,
    ...Array.from({ length: EXTRA_LINES }, (_, n) => `export const extra${n} = ${n + variant};`),
    '',
  ].join('\n');
}

/** Lines added plus removed between the branches, as git counts them. */
function changedLinesOf(gitDir: string): number {
  const numstat = execFileSync('git', ['--git-dir', gitDir, 'diff', '--numstat', 'main...feature'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return numstat
    .trim()
    .split('\n')
    .reduce((sum, row) => sum + Number(row.split('\t')[0]) + Number(row.split('\t')[1]), 0);
}

async function main(): Promise<void> {
  const base: Record<string, string> = {};
  const head: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    const p = `services/s${Math.floor(i / 100)}/module${i}.js`;
    base[p] = moduleText(i, 0);
    head[p] = moduleText(i, 1);
  }
  const { emulator, runtime, pr, gitDir, seconds, peakRssMb, close } = await runPrOnLocalPlatform(base, head);

  const consumers = runtime.invocations.filter((i) => i.functionKey === 'run-analysis');
  const events = runtime.queuePushes.flatMap((p) => p.events);
  const reports = emulator.state.reports('bench', 'repo', pr.sourceCommit);
  const data = (reports[0]?.data ?? []) as { title: string; value: unknown }[];
  const result = {
    files: FILES,
    seconds,
    changedLines: changedLinesOf(gitDir),
    apiCalls: emulator.requests.length,
    callsByEndpoint: requestsByEndpoint(emulator.requests),
    queuePushes: runtime.queuePushes.length,
    queueEvents: events.length,
    largestPushBytes: Math.max(
      ...runtime.queuePushes.map((p) => Buffer.byteLength(JSON.stringify(p.events))),
    ),
    largestEventBytes: Math.max(...events.map((e) => Buffer.byteLength(JSON.stringify(e)))),
    consumerInvocations: consumers.length,
    slowestInvocationMs: Math.max(...consumers.map((c) => c.durationMs)),
    peakRssMb,
    // kvs under Forge's per-installation limits (4,000 read and 4,000 write units of 10 KB a minute).
    kvs: runtime.kvs.usage(),
    reports: reports.length,
    filesAnalysed: data.find((d) => d.title === 'Files analysed')?.value,
    statuses: emulator.state.statuses('bench', 'repo', pr.sourceCommit).map((s) => s.state),
    summaryComments: emulator.state.comments('bench', 'repo', pr.id).filter((c) => !c.deleted && !c.inline)
      .length,
    violations: emulator.violations.length,
    failures: runtime.invocations.filter((i) => !i.ok).map((f) => `${f.functionKey}: ${f.error}`),
  };
  await close();
  if (process.argv.includes('--table')) {
    for (const [k, v] of Object.entries(result)) {
      if (k !== 'callsByEndpoint') console.log(`${k.padEnd(22)} ${JSON.stringify(v)}`);
    }
    for (const [kind, n] of result.callsByEndpoint) console.log(`  ${String(n).padStart(5)}  ${kind}`);
  } else {
    console.log(JSON.stringify(result));
  }
  if (result.failures.length > 0 || result.violations > 0 || result.reports !== 1) process.exitCode = 1;
}

void main();
