export {
  applySuppressions,
  SECRET_RULE_ID,
  type SuppressedFinding,
  type SuppressionContext,
  type SuppressionForm,
  type SuppressionOutcome,
} from './apply-suppressions';
export { COMMENT_SYNTAX, type CommentSyntax } from './comment-syntax';
