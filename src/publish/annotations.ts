/** Code Insights annotations: one per new finding on a changed line, within Bitbucket's limits. */
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

/**
 * Annotations for findings on lines the PR adds or changes: deduplicated by fingerprint (Bitbucket rejects a
 * batch with repeated `external_id`s), highest severity first, at most ANNOTATIONS_PER_REPORT.
 */
export function annotationsFor(findings: readonly Finding[], changedLines: ChangedLines): AnnotationBody[] {
  const annotations: AnnotationBody[] = [];
  for (const finding of uniqueBySeverity(findings)) {
    if (annotations.length >= ANNOTATIONS_PER_REPORT) break;
    const line = anchorLine(finding, changedLines);
    if (line === undefined) continue;
    const details = ruleDetails(finding.ruleId);
    annotations.push({
      external_id: finding.fingerprint,
      annotation_type: finding.type,
      severity: finding.severity,
      path: finding.path,
      line,
      summary: truncateOnWord(finding.message.trim() || finding.ruleId, ANNOTATION_SUMMARY_MAX),
      ...(details ? { details } : {}),
      result: 'FAILED',
    });
  }
  return annotations;
}
