import { analyzeFileMetrics } from '../../../src/engine/metrics';
import type { FileMetrics, FunctionMetrics } from '../../../src/engine/types';

/** Joins snippet lines (keeps the tests free of template-literal indentation). */
export function code(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** Measures a snippet as file `path`; fails when the snippet does not parse cleanly. */
export async function measure(path: string, text: string): Promise<FileMetrics> {
  const metrics = await analyzeFileMetrics({ path, text });
  expect(metrics.note).toBeUndefined();
  return metrics;
}

/** The only function of a snippet, or the one named `name`. */
export async function fn(path: string, text: string, name?: string): Promise<FunctionMetrics> {
  const { functions } = await measure(path, text);
  const found = name === undefined ? functions : functions.filter((f) => f.name === name);
  expect(found.map((f) => f.name)).toHaveLength(1);
  return found[0] as FunctionMetrics;
}
