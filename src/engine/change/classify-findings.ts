/** Which findings a change introduced and which it fixed, decided by location and fingerprint. */
import type { RuleScope } from '../rules/rule-types';
import type { Finding } from '../types';
import { touchesRange, type ChangedFile } from './changed-files';

export type ScopeOf = (ruleId: string) => RuleScope;

/** Was this head finding's anchor touched by the change? What counts depends on the rule's scope. */
export function isTouched(finding: Finding, file: ChangedFile, scopeOf: ScopeOf): boolean {
  const from = finding.line;
  const to = finding.endLine ?? finding.line;
  switch (scopeOf(finding.ruleId)) {
    case 'function':
      return touchesRange(file.touched, from, to);
    case 'line':
      return touchesRange(file.added, from, to);
    case 'file':
      return file.touched === 'all' || file.touched.size > 0;
  }
}

/**
 * New findings: in a changed file, touched by the change, and with a fingerprint the base did not have.
 * Both conditions matter: the fingerprint alone would blame a change for an old problem whose code it
 * merely edited nearby, and location alone would blame it for a complex function it only moved.
 */
export function newFindingsOf<T extends Finding>(
  headFindings: readonly T[],
  baseFingerprints: ReadonlySet<string>,
  changedByHeadPath: ReadonlyMap<string, ChangedFile>,
  scopeOf: ScopeOf,
): T[] {
  return headFindings.filter((finding) => {
    const file = changedByHeadPath.get(finding.path);
    return (
      file !== undefined && !baseFingerprints.has(finding.fingerprint) && isTouched(finding, file, scopeOf)
    );
  });
}

/** Fixed findings: in a changed (or removed) file at base, and gone at head. */
export function fixedFindingsOf(
  baseFindings: readonly Finding[],
  headFingerprints: ReadonlySet<string>,
  changedPaths: ReadonlySet<string>,
): Finding[] {
  return baseFindings.filter(
    (finding) => changedPaths.has(finding.path) && !headFingerprints.has(finding.fingerprint),
  );
}

/**
 * A clone the change made appears on both of its sides; when both sides are new (code copied within the change) it
 * is reported once, on the later side, whose message names its twin. A clone of untouched code is only new on the
 * side the change added, so it stays as it is.
 */
export function oneFindingPerClone(newFindings: readonly Finding[], duplicationRuleId: string): Finding[] {
  const at = (path: string, line: number): string => `${path}\0${line}`;
  const newClones = new Set(
    newFindings.filter((f) => f.ruleId === duplicationRuleId).map((f) => at(f.path, f.line)),
  );
  return newFindings.filter((finding) => {
    const twin = finding.ruleId === duplicationRuleId ? finding.twin : undefined;
    if (!twin || !newClones.has(at(twin.path, twin.line))) return true;
    // Keep the side that sorts later (path, then line): the copy, in the usual case of code pasted below.
    const order = finding.path.localeCompare(twin.path) || finding.line - twin.line;
    return order > 0;
  });
}

/** Head lines covered by new duplicated-code findings that the change added, counted once per line. */
export function duplicatedLinesAdded(
  newFindings: readonly Finding[],
  changedByHeadPath: ReadonlyMap<string, ChangedFile>,
  duplicationRuleId: string,
): number {
  const linesByPath = new Map<string, Set<number>>();
  for (const finding of newFindings) {
    if (finding.ruleId !== duplicationRuleId) continue;
    const file = changedByHeadPath.get(finding.path);
    if (!file) continue;
    const lines = linesByPath.get(finding.path) ?? new Set<number>();
    linesByPath.set(finding.path, lines);
    for (let line = finding.line; line <= (finding.endLine ?? finding.line); line++) {
      if (file.added === 'all' || file.added.has(line)) lines.add(line);
    }
  }
  let total = 0;
  for (const lines of linesByPath.values()) total += lines.size;
  return total;
}
