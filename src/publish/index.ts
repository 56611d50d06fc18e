/** The publishing family: pure builders of what Bitbucket shows, and thin writers over BitbucketApi. */
export { publishResults, publishInProgress, publishFailure } from './publisher';
export { reportFor, REPORT_ID, REPORT_TITLE, REPORTER, type ReportInput } from './report';
export { annotationsFor } from './annotations';
export { writeCodeInsights, missingAnnotationsNote, type CodeInsightsResult } from './code-insights-writer';
export {
  statusFor,
  verdictStatus,
  verdictDescription,
  STATUS_KEY,
  STATUS_NAME,
  STATUS_DESCRIPTION_MAX,
} from './status';
export {
  summaryCommentFor,
  upsertSummaryComment,
  SUMMARY_TOP_ISSUES,
  type SummaryInput,
} from './summary-comment';
export {
  inlineCommentsFor,
  inlineCommentText,
  postInlineComments,
  INLINE_COMMENTS_PER_PR,
} from './inline-comments';
export { listAppComments, appCommentsIn, type AppComments } from './app-comments';
export { SUMMARY_MARKER, findingMarker, findingMarkersIn } from './markers';
export { publishPlan, type PublishPlan } from './publish-plan';
export { memoryIdentity } from './identity';
export type {
  AppIdentity,
  ChangedLines,
  PublishOutcome,
  PublishPart,
  PublishPorts,
  PublishTarget,
} from './types';
