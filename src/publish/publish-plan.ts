/**
 * Which parts a repository's settings allow, decided in one place. Code Insights and comments hang off
 * `statusChecks` (the brief: "annotations and summaries only when status checks are on"); there is no separate
 * inline-comment setting, so inline comments follow `annotations` (both are line-level feedback).
 */
import type { Settings } from '../settings/types';
import { INLINE_COMMENTS_PER_PR } from './inline-comments';
import type { PublishPart } from './types';

export interface PublishPlan {
  status: boolean;
  report: boolean;
  annotations: boolean;
  summaryComment: boolean;
  inlineComments: boolean;
  /** Inline comments per pull request at most, counting those already posted. */
  inlineCommentLimit: number;
  /** AI explanations and suggestions in inline comments. */
  ai: boolean;
  /** An AI overview of the change's risk in the summary comment. */
  aiOverview: boolean;
}

export function publishPlan(
  settings: Pick<Settings, 'statusChecks' | 'annotations' | 'summaries' | 'aiComments'> &
    Partial<Pick<Settings, 'inlineCommentLimit'>>,
): PublishPlan {
  const on = settings.statusChecks;
  return {
    status: on,
    report: on,
    annotations: on && settings.annotations,
    summaryComment: on && settings.summaries,
    inlineComments: on && settings.annotations && settings.inlineCommentLimit !== 0,
    inlineCommentLimit: settings.inlineCommentLimit ?? INLINE_COMMENTS_PER_PR,
    ai: on && settings.annotations && settings.aiComments,
    aiOverview: on && settings.summaries && settings.aiComments,
  };
}

/** Why a part is left out, for the outcome. */
export function skipReasons(plan: PublishPlan): { part: PublishPart; reason: string }[] {
  const off = 'status checks are off for this repository';
  const skipped: { part: PublishPart; reason: string }[] = [];
  if (!plan.status) skipped.push({ part: 'status', reason: off }, { part: 'report', reason: off });
  if (!plan.annotations)
    skipped.push({ part: 'annotations', reason: plan.status ? 'annotations are off' : off });
  if (!plan.summaryComment)
    skipped.push({ part: 'summary-comment', reason: plan.status ? 'summaries are off' : off });
  if (!plan.inlineComments) {
    const why = !plan.status
      ? off
      : plan.annotations
        ? 'the inline comment limit is 0'
        : 'annotations are off';
    skipped.push({ part: 'inline-comments', reason: why });
  }
  return skipped;
}
