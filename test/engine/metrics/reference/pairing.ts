import type { FunctionMetrics } from '../../../../src/engine/types';

export interface ReferenceValue {
  line: number;
  value: number;
}

export interface Agreement {
  paired: number;
  exact: number;
  /** Functions (either side) without a counterpart starting on the same line. */
  unpaired: number;
  rate: number;
  meanAbsDelta: number;
  mismatches: Array<{ file: string; line: number; ours: number; reference: number }>;
}

export function emptyAgreement(): Agreement {
  return { paired: 0, exact: 0, unpaired: 0, rate: 0, meanAbsDelta: 0, mismatches: [] };
}

/**
 * Pairs functions by start line; several functions starting on one line are paired in source order
 * (both sides list functions outer-before-inner, left-to-right). Adds to `into`.
 */
export function compareByLine(
  file: string,
  ours: readonly FunctionMetrics[],
  pick: (fn: FunctionMetrics) => number,
  reference: readonly ReferenceValue[],
  into: Agreement,
): void {
  const oursByLine = groupByLine(ours.map((fn) => ({ line: fn.startLine, value: pick(fn) })));
  const refByLine = groupByLine(reference);
  let totalDelta = into.meanAbsDelta * into.paired;
  for (const [line, refs] of refByLine) {
    const mine = oursByLine.get(line) ?? [];
    if (mine.length !== refs.length) {
      into.unpaired += refs.length;
      continue;
    }
    refs.forEach((ref, i) => {
      const value = mine[i] ?? Number.NaN;
      into.paired++;
      totalDelta += Math.abs(value - ref);
      if (value === ref) into.exact++;
      else into.mismatches.push({ file, line, ours: value, reference: ref });
    });
  }
  for (const [line, mine] of oursByLine) {
    if (!refByLine.has(line)) into.unpaired += mine.length;
  }
  into.meanAbsDelta = into.paired === 0 ? 0 : totalDelta / into.paired;
  into.rate = into.paired === 0 ? 0 : into.exact / into.paired;
}

function groupByLine(values: readonly ReferenceValue[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const { line, value } of values) {
    const list = map.get(line) ?? [];
    list.push(value);
    map.set(line, list);
  }
  return map;
}

export function describeAgreement(label: string, a: Agreement): string {
  const sample = a.mismatches
    .slice(0, 8)
    .map((m) => `  ${m.file}:${m.line} ours ${m.ours} reference ${m.reference}`)
    .join('\n');
  return (
    `${label}: ${(a.rate * 100).toFixed(1)} % exact of ${a.paired} paired functions ` +
    `(${a.unpaired} unpaired, mean |Δ| ${a.meanAbsDelta.toFixed(3)})\n${sample}`
  );
}
