/**
 * Writes the report and its annotations. Bitbucket keeps old annotations on a repeated PUT, so the report is
 * deleted first (404 is fine), PUT again, and annotations are posted ANNOTATIONS_PER_REQUEST at a time
 * (bitbucket-api.md §2.3). A report is never left half-annotated without saying so in its details.
 */
import type { BitbucketApi } from '../bitbucket/api';
import { ANNOTATIONS_PER_REQUEST } from '../bitbucket/limits';
import type { AnnotationBody, RepoRef, ReportBody } from '../bitbucket/models';
import { describeFailure, worthContinuingAfter } from './failures';
import { REPORT_ID } from './report';

export interface CodeInsightsResult {
  annotationsPublished: number;
  /** Why some annotations are missing; the report's details say the same. */
  annotationFailure?: string;
  /** The error of the first annotation batch that failed. */
  annotationError?: unknown;
  /** Set when even the report saying so could not be written. */
  reportUpdateFailure?: string;
  reportUpdateError?: unknown;
}

export function missingAnnotationsNote(missing: number, total: number, reason: string): string {
  return `${missing} of ${total} annotations could not be published: ${reason}`;
}

/** Throws when the report itself cannot be written; annotation failures are recorded in the report instead. */
export async function writeCodeInsights(
  api: BitbucketApi,
  repo: RepoRef,
  commit: string,
  report: ReportBody,
  annotations: readonly AnnotationBody[],
  firstReportOnCommit = false,
): Promise<CodeInsightsResult> {
  // A re-PUT keeps old annotations, so an existing report is deleted first (bitbucket-api.md §2.3).
  if (!firstReportOnCommit) await api.deleteReport(repo, commit, REPORT_ID);
  await api.putReport(repo, commit, REPORT_ID, report);
  let published = 0;
  let firstFailure: string | undefined;
  let firstError: unknown;
  for (let start = 0; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    const batch = annotations.slice(start, start + ANNOTATIONS_PER_REQUEST);
    try {
      await api.postAnnotations(repo, commit, REPORT_ID, batch);
      published += batch.length;
    } catch (error) {
      if (firstFailure === undefined) {
        firstFailure = describeFailure(error);
        firstError = error;
      }
      if (!worthContinuingAfter(error)) break;
    }
  }
  if (firstFailure === undefined) return { annotationsPublished: published };
  const note = missingAnnotationsNote(annotations.length - published, annotations.length, firstFailure);
  const details = `${report.details} ${note}`;
  try {
    await api.putReport(repo, commit, REPORT_ID, { ...report, details });
  } catch (error) {
    return {
      annotationsPublished: published,
      annotationFailure: note,
      annotationError: firstError,
      reportUpdateFailure: describeFailure(error),
      reportUpdateError: error,
    };
  }
  return { annotationsPublished: published, annotationFailure: note, annotationError: firstError };
}
