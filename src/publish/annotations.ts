/**
 * Code Insights annotations: one per new finding on a changed line, within Bitbucket's limits — except that the
 * function-level findings of one function (complexity, size, nesting, arguments, bumps) become **one** annotation
 * carrying all of them, at the worst severity, instead of five stacked on one line.
 */
import { ANNOTATION_SUMMARY_MAX, ANNOTATIONS_PER_REPORT } from '../bitbucket/limits';
import type { AnnotationBody } from '../bitbucket/models';
import { ruleById } from '../engine/rules';
import type { Finding } from '../engine/types';
import { anchorLine, uniqueBySeverity } from './finding-order';
import { truncateOnWord } from './text';
import type { ChangedLines } from './types';

/** The rule's own explanation, shown when a reader opens the annotation. */
export function ruleDetails(ruleId: string): string | undefined {
  const meta = ruleById(ruleId)?.meta;
  return meta ? `${meta.title}. Why it matters: ${meta.why} How to fix: ${meta.fix}` : undefined;
}

const isFunctionLevel = (finding: Finding): boolean =>
  finding.functionName !== undefined && ruleById(finding.ruleId)?.meta.scope === 'function';

/** Findings in order, with each function's function-level findings gathered under the first (most severe) one. */
function grouped(findings: readonly Finding[]): Finding[][] {
  const groups: Finding[][] = [];
  const byFunction = new Map<string, Finding[]>();
  for (const finding of uniqueBySeverity(findings)) {
    if (!isFunctionLevel(finding)) {
      groups.push([finding]);
      continue;
    }
    const key = `${finding.path}\0${finding.line}\0${finding.functionName ?? ''}`;
    const group = byFunction.get(key);
    if (group) group.push(finding);
    else {
      const fresh = [finding];
      byFunction.set(key, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}

function annotationOf(group: readonly Finding[], line: number): AnnotationBody {
  const [first] = group as [Finding, ...Finding[]];
  const messages = group.map((f) => f.message.trim() || f.ruleId);
  const summary =
    group.length === 1
      ? messages[0]!
      : `${group.length} problems in function '${first.functionName ?? ''}': ${messages.join(' · ')}`;
  const details = group
    .map((f) => ruleDetails(f.ruleId))
    .filter((d): d is string => d !== undefined)
    .join('\n\n');
  return {
    // The most severe finding's fingerprint: stable while that finding stands, unique within the report.
    external_id: first.fingerprint,
    annotation_type: first.type,
    severity: first.severity,
    path: first.path,
    line,
    summary: truncateOnWord(summary, ANNOTATION_SUMMARY_MAX),
    ...(details ? { details } : {}),
    result: 'FAILED',
  };
}

/**
 * Annotations for findings on lines the PR adds or changes: deduplicated by fingerprint (Bitbucket rejects a
 * batch with repeated `external_id`s), one per function for function-level findings, highest severity first, at
 * most ANNOTATIONS_PER_REPORT.
 */
export function annotationsFor(findings: readonly Finding[], changedLines: ChangedLines): AnnotationBody[] {
  const annotations: AnnotationBody[] = [];
  for (const group of grouped(findings)) {
    if (annotations.length >= ANNOTATIONS_PER_REPORT) break;
    const line = anchorLine(group[0]!, changedLines);
    if (line !== undefined) annotations.push(annotationOf(group, line));
  }
  return annotations;
}
