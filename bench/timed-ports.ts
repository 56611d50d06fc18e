/** The engine's ports with each phase's seconds added up: what the benchmarks print per phase. */
import { performance } from 'node:perf_hooks';
import type { EnginePorts } from '../src/engine';

export function timedPorts(ports: EnginePorts, phases: Record<string, number>): EnginePorts {
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
