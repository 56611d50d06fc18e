/**
 * The redacted code windows the AI review may show the model (src/ai/code-window.ts), cut from the head files the run
 * just read, for its new HIGH and CRITICAL findings in comment order. The secret scanner's hits — every
 * hard-coded-secret finding of the head, kept or suppressed — are redacted with them.
 */
import { codeWindowsFor, type CodeWindow } from '../ai/code-window';
import type { ChangeAnalysis } from '../engine';
import type { SourceFile } from '../engine/types';
import { uniqueBySeverity } from '../publish/finding-order';

export function reviewWindowsFor(
  analysis: Pick<ChangeAnalysis, 'newFindings' | 'head'>,
  head: readonly SourceFile[],
): Map<string, CodeWindow> {
  return codeWindowsFor(uniqueBySeverity(analysis.newFindings), head, [
    ...analysis.head.findings,
    ...analysis.head.suppressed,
  ]);
}
