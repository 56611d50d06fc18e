export { LlmError, llmFailureKind, type Llm, type LlmPrompt, type LlmFailureKind } from './llm';
export {
  ruleExplanation,
  isSecretFinding,
  type FindingExplanation,
  type CodeSuggestion,
} from './finding-explanation';
export { chooseModel, MODEL_FAMILY_PREFERENCE, type ListedModel } from './model-choice';
export { codeWindow, codeWindowsFor, type CodeWindow } from './code-window';
export { redactCode, redactLine, REDACTED, type SecretSpan } from './redact-code';
export { sanitizeAiText, type SanitizedText } from './sanitize-ai-text';
export {
  aiLimitsFrom,
  DEFAULT_AI_LIMITS,
  FORGE_LLM_REQUESTS_PER_MINUTE,
  RequestWindow,
  type AiLimits,
} from './ai-limits';
export { memoryAnswerCache, type AiAnswerCache } from './answer-cache';
export { type OverviewFacts } from './overview-prompt';
export {
  reviewPullRequest,
  type AiReviewPorts,
  type AiReviewRequest,
  type AiReviewResult,
} from './review-pull-request';
