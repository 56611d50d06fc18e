// Local Forge runtime: runs the app's handlers under the real, unmodified @forge/api, @forge/kvs,
// @forge/events and @forge/llm by installing the globals they call. See README.md in this folder.
export { createForgeRuntime, DEFAULT_DELAY_MS_PER_SECOND } from './runtime';
export { pullRequestEvent, mergeCheckEvent, shortHash, SHORT_HASH_LENGTH } from './events';
export type {
  PullRequestEventKind,
  PullRequestEventInput,
  MergeCheckEventInput,
  ApiPullRequestLike,
  PlainPullRequest,
} from './events';
export { extensions, braced } from './contexts';
export { FORGE_KVS_RATE_LIMITS, KVS_UNIT_BYTES } from './kvs-rate-limits';
export type { KvsRateLimits, KvsUsage, KvsOperationRecord } from './kvs-rate-limits';
export { addBitbucketUser, type BitbucketUserSpec } from './bitbucket-users';
export { LOCAL_LLM_MODELS, LLM_REQUESTS_PER_MINUTE, ScriptedLlmError } from './llm-proxy';
export { llmScript, chatResponse, type LlmScript, type LlmScriptStep } from './llm-script';
export type {
  ForgeRuntime,
  ForgeRuntimeOptions,
  InvocationResult,
  InvocationRecord,
  LogLine,
  LogLevel,
  LlmChatRequest,
  LlmChatResponse,
  LlmModelInfo,
  MergeCheckEvent,
  ModuleKind,
  QueuePushRecord,
  BitbucketRequestRecord,
  KillSpec,
} from './types';
