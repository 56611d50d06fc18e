/** Cyclomatic complexity a change added: Codacy's "complexity introduced", measured per function. */
import type { FileMetrics, FunctionMetrics } from '../types';
import { touchesRange, type TouchedLines } from './changed-files';

/** Functions keyed by name and occurrence, so `render` #2 at head is compared with `render` #2 at base. */
function byNameAndOccurrence(functions: readonly FunctionMetrics[]): Map<string, FunctionMetrics> {
  const counts = new Map<string, number>();
  const result = new Map<string, FunctionMetrics>();
  for (const fn of [...functions].sort((a, b) => a.startLine - b.startLine)) {
    const occurrence = counts.get(fn.name) ?? 0;
    counts.set(fn.name, occurrence + 1);
    result.set(`${fn.name}\u0000${occurrence}`, fn);
  }
  return result;
}

/**
 * Sum, over functions the change touched, of how much their cyclomatic complexity rose; a function with no
 * counterpart at base adds all of its complexity. Functions that got simpler add nothing (they do not
 * offset others: a gate on added complexity should not be passed by simplifying unrelated code).
 */
export function complexityAddedIn(
  head: FileMetrics,
  base: FileMetrics | undefined,
  touched: TouchedLines,
): number {
  const baseFunctions = byNameAndOccurrence(base?.functions ?? []);
  let added = 0;
  for (const [key, fn] of byNameAndOccurrence(head.functions)) {
    if (!touchesRange(touched, fn.startLine, fn.endLine)) continue;
    const before = baseFunctions.get(key)?.cyclomatic ?? 0;
    added += Math.max(0, fn.cyclomatic - before);
  }
  return added;
}
