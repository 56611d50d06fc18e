/**
 * Lintel's measurement: the engine's full analysis (metrics, secrets, duplication, rules, health) over the
 * corpus through `analyzeFilesWith` — the facade's own code — with the real analysers wrapped in timers so
 * each phase's share is visible. Prints one BenchMeasurement as JSON. Run by bench/run.ts in its own process,
 * so its peak RSS is the engine's alone.
 */
import { performance } from 'node:perf_hooks';
import { analyzeFilesWith, defaultPorts, type EnginePorts } from '../src/engine';
import { loadCorpus, peakRssMb, type BenchMeasurement } from './corpus';

function timedPorts(ports: EnginePorts, phases: Record<string, number>): EnginePorts {
  const time = async <T>(phase: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      phases[phase] = (phases[phase] ?? 0) + (performance.now() - start) / 1000;
    }
  };
  return {
    analyzeFileMetrics: (file) => time('parse + metrics', () => ports.analyzeFileMetrics(file)),
    scanSecrets: (file) => time('secrets', () => ports.scanSecrets(file)),
    detectDuplicates: (files, options) => time('duplication', () => ports.detectDuplicates(files, options)),
  };
}

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
