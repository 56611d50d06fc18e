export type { Llm, LlmPrompt } from './llm';
export {
  explainFinding,
  ruleExplanation,
  isSecretFinding,
  DEFAULT_LLM_TIMEOUT_MS,
  AI_TEXT_MAX_CHARS,
  type FindingExplanation,
  type ExplainOptions,
} from './explain-finding';
export { findingPrompt } from './finding-prompt';
