/** Shared choices about findings: their order (highest severity first, then by place) and their anchor line. */
import { SEVERITIES_HIGH_FIRST, type Finding } from '../engine/types';
import type { ChangedLines } from './types';

const rank = (finding: Finding): number => SEVERITIES_HIGH_FIRST.indexOf(finding.severity);

/** Highest severity first; then path, line and fingerprint, so every run publishes the same selection. */
export function bySeverityThenPlace(a: Finding, b: Finding): number {
  return (
    rank(a) - rank(b) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.line - b.line ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}

/**
 * The changed line a finding is shown on, or undefined when it touches none. A finding spanning lines (a
 * function) whose first line is unchanged is shown on the first changed line inside its span: the change
 * made it new there, and Bitbucket only shows annotations inline on lines of the diff.
 */
export function anchorLine(finding: Finding, changedLines: ChangedLines): number | undefined {
  const lines = changedLines.get(finding.path);
  if (!lines || lines.size === 0) return undefined;
  if (lines.has(finding.line)) return finding.line;
  const end = finding.endLine ?? finding.line;
  let first: number | undefined;
  for (const line of lines) {
    if (line > finding.line && line <= end && (first === undefined || line < first)) first = line;
  }
  return first;
}

/** Sorted, with one finding per fingerprint (the first in order, i.e. the most severe). */
export function uniqueBySeverity(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return [...findings].sort(bySeverityThenPlace).filter((finding) => {
    if (seen.has(finding.fingerprint)) return false;
    seen.add(finding.fingerprint);
    return true;
  });
}
