/**
 * Lintel's measurement: the engine's full analysis (metrics, secrets, duplication, rules, health) over the
 * corpus through `analyzeFilesWith` — the facade's own code — with the real analysers wrapped in timers so
 * each phase's share is visible. Prints one BenchMeasurement as JSON. Run by bench/run.ts in its own process,
 * so its peak RSS is the engine's alone.
 */
import { performance } from 'node:perf_hooks';
import { analyzeFilesWith, defaultPorts } from '../src/engine';
import { timedPorts } from './timed-ports';
import { loadCorpus, peakRssMb, type BenchMeasurement } from './corpus';

async function main(): Promise<void> {
  const { files, lines } = loadCorpus();
  const phases: Record<string, number> = {};
  const start = performance.now();
  const result = await analyzeFilesWith(timedPorts(defaultPorts, phases), files);
  const seconds = (performance.now() - start) / 1000;
  const measured = Object.values(phases).reduce((a, b) => a + b, 0);
  phases['rules + health + other'] = Math.max(0, seconds - measured);
  const measurement: BenchMeasurement = {
    name: 'lintel analyzeFiles',
    files: files.length,
    lines,
    seconds,
    peakRssMb: peakRssMb(),
    phases,
    details: {
      analysedFiles: result.files.length,
      analysedLines: result.files.reduce((n, f) => n + f.lines, 0),
      functions: result.files.reduce((n, f) => n + f.functions.length, 0),
      findings: result.findings.length,
      skipped: result.skipped.length,
    },
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`engine benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
