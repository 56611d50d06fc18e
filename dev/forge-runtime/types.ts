// Public types of the local Forge runtime shim. See README.md in this folder.
import type { ChatResponse, Prompt } from '@forge/llm';

/** How the function was reached; decides its time budget and the shape of its arguments. */
export type ModuleKind = 'trigger' | 'consumer' | 'mergeCheck' | 'resolver' | 'function';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogLine {
  functionKey: string;
  level: LogLevel;
  message: string;
}

export interface InvocationResult {
  ok: boolean;
  value?: unknown;
  error?: string;
  functionKey: string;
}

export interface InvocationRecord {
  functionKey: string;
  moduleKind: ModuleKind;
  durationMs: number;
  ok: boolean;
  error?: string;
}

/** What `@forge/llm` `chat()`/`stream()` sends (the prompt plus the `stream` flag the SDK adds). */
export type LlmChatRequest = Prompt & { stream?: boolean };
export type LlmChatResponse = ChatResponse;

export interface InstallationContextOptions {
  /** Brace-wrapped workspace UUID, e.g. `{4c16a397-8e48-479c-8ca2-442e46c90570}`. */
  workspaceId: string;
  /** Installation ARI; default `ari:cloud:bitbucket::workspace/<uuid without braces>`. */
  installContext?: string;
}

export interface ForgeRuntimeOptions {
  /** Folder holding manifest.yml; handlers resolve as src/<file>.<export>. */
  appRoot: string;
  /** asApp().requestBitbucket → `${baseUrl}${path}` with `Authorization: Bearer ${appToken}`. */
  bitbucket: { baseUrl: string; appToken: string };
  /** asUser() (resolvers only) → that user's token, keyed by Atlassian account ID. */
  userTokens?: Record<string, string>;
  /** Deliver every queue event twice (sequentially) to prove consumers are idempotent. */
  redeliver?: boolean;
  /** Scripted LLM stand-in: the one mock, because an LLM has no local stand-in. */
  llm?: (request: LlmChatRequest) => Promise<LlmChatResponse>;
  installationContext?: InstallationContextOptions;
  /** Called for every log line; lines are also always collected in `runtime.logs`. */
  log?: (line: LogLine) => void;
  /**
   * Multiplier from Forge seconds to local milliseconds for queue `delayInSeconds`, `retryAfter` and
   * retry backoff. Default 10 (1 Forge second = 10 ms), so a 900 s delay takes 9 s locally.
   */
  delayMsPerSecond?: number;
  /**
   * Multiplier applied to invocation budgets (25 s, consumer `timeoutSeconds`). Default 1 (real budgets);
   * tests use a small value to exercise timeouts quickly.
   */
  budgetScale?: number;
  /** Echo log lines to the real console as well (default false: keep test output quiet). */
  echoLogs?: boolean;
}

/** Merge-check payload (`bitbucket:mergeCheck`): no hashes; `mergeProperties` only on `on-merge`. */
export interface MergeCheckEvent {
  workspace: { uuid: string };
  repository: { uuid: string };
  pullrequest: { id: number };
  trigger: { type: 'on-merge' | 'on-code-pushed' | 'on-reviewer-status-changed' };
  mergeProperties?: {
    commitMessage: string;
    commitMessageTruncated: boolean;
    mergeStrategy: string;
    closeSourceBranch: boolean;
  };
}

export interface QueuePushRecord {
  queue: string;
  /** The events exactly as pushed: `{ body, delayInSeconds?, concurrency? }`. */
  events: unknown[];
}

export interface BitbucketRequestRecord {
  provider: 'app' | 'user' | 'none';
  accountId?: string;
  method: string;
  path: string;
  status: number;
  functionKey?: string;
}

export interface ForgeRuntime {
  install(): void;
  uninstall(): void;
  fireProductEvent(event: object): Promise<InvocationResult[]>;
  invokeFunction(functionKey: string, payload: unknown, context?: object): Promise<InvocationResult>;
  invokeMergeCheck(moduleKey: string, event: MergeCheckEvent): Promise<InvocationResult>;
  invokeResolver(
    moduleKey: string,
    call: { functionKey: string; payload?: unknown },
    ctx: { accountId: string; extension: object },
  ): Promise<InvocationResult>;
  idle(): Promise<void>;
  kvs: { snapshot(): Record<string, unknown>; get(key: string): unknown; clear(): void };
  queuePushes: QueuePushRecord[];
  logs: LogLine[];
  invocations: InvocationRecord[];
  /** Every Bitbucket request the app made through the proxy, in order. */
  bitbucketRequests: BitbucketRequestRecord[];
}
