// Public types of the local Forge runtime shim. See README.md in this folder.
import type { ChatResponse, Prompt } from '@forge/llm';
import type { KvsOperationRecord, KvsRateLimits, KvsUsage } from './kvs-rate-limits';
import type { KvsConflictError, KvsWriteRecord } from './kvs-store';

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
/** One model as `list()` reports it. */
export interface LlmModelInfo {
  model: string;
  status: 'active' | 'deprecated';
}

export interface InstallationContextOptions {
  /** Brace-wrapped workspace UUID, e.g. `{4c16a397-8e48-479c-8ca2-442e46c90570}`. */
  workspaceId: string;
  /** Installation ARI; default `ari:cloud:bitbucket::workspace/<uuid without braces>`. */
  installContext?: string;
}

export interface ForgeRuntimeOptions {
  /** Folder holding manifest.yml; handlers resolve as src/<file>.<export> unless `functionsDir` is given. */
  appRoot: string;
  /**
   * Run the deployable functions instead of the TypeScript sources: the folder `@forge/bundler` wrote
   * (dev/forge-bundle), where handler `<file>.<export>` is `<functionsDir>/<file>.cjs`, as on Forge.
   */
  functionsDir?: string;
  /** asApp().requestBitbucket → `${baseUrl}${path}` with `Authorization: Bearer ${appToken}`. */
  bitbucket: { baseUrl: string; appToken: string };
  /** asUser() (resolvers only) → that user's token, keyed by Atlassian account ID. */
  userTokens?: Record<string, string>;
  /** Deliver every queue event twice (sequentially) to prove consumers are idempotent. */
  redeliver?: boolean;
  /** Scripted LLM stand-in: the one mock, because an LLM has no local stand-in. */
  llm?: (request: LlmChatRequest) => Promise<LlmChatResponse>;
  /** What `list()` reports when `llm` is given (default: three Claude models, llm-proxy.ts); `[]` = no model. */
  llmModels?: readonly LlmModelInfo[];
  installationContext?: InstallationContextOptions;
  /** Called for every log line; lines are also always collected in `runtime.logs`. */
  log?: (line: LogLine) => void;
  /**
   * Multiplier from Forge seconds to local milliseconds for queue `delayInSeconds`, `retryAfter`, retry backoff,
   * concurrency postponements, the 500-events-per-minute window and the 24 h retry window. Default 10 (1 Forge
   * second = 10 ms), so a 900 s delay takes 9 s locally and 24 h of retries about 14 minutes.
   */
  delayMsPerSecond?: number;
  /**
   * Multiplier applied to invocation budgets (25 s, consumer `timeoutSeconds`). Default 1 (real budgets);
   * tests use a small value to exercise timeouts quickly.
   */
  budgetScale?: number;
  /** Echo log lines to the real console as well (default false: keep test output quiet). */
  echoLogs?: boolean;
  /**
   * KVS knobs: Forge's rate limits (default: 1,000 requests/s, 4,000 read and 4,000 write units of 10 KB per
   * minute, real time) lowered or time-compressed (`msPerSecond`), and the FAIL_IF_EXISTS conflict answer, which
   * Forge does not document (default 409 KEY_ALREADY_EXISTS).
   */
  kvs?: { rateLimits?: Partial<KvsRateLimits>; conflictError?: KvsConflictError };
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

/**
 * Kills one invocation mid-flight, as Forge does at its timeout or memory limit (invocation-kills.ts): right after
 * the `afterRequests`-th Bitbucket request that matches has taken effect, before the app sees its answer.
 */
export interface KillSpec {
  /** Only invocations of this function count and die; default any. */
  functionKey?: string;
  /** Which requests count; default every Bitbucket request. Writes only: `(r) => r.method !== 'GET'`. */
  matching?: (request: BitbucketRequestRecord) => boolean;
  /** Counted across invocations from when the kill is armed; default 1. The kill fires once. */
  afterRequests?: number;
  /** What the queue's retryContext says; default FUNCTION_TIME_OUT (a Lambda timeout). */
  reason?: 'FUNCTION_TIME_OUT' | 'FUNCTION_OUT_OF_MEMORY';
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
  /**
   * Gives an account a Bitbucket token for `asUser()` (what its consent to the app amounts to), or takes it
   * away with `undefined`, so the account's next `asUser()` call throws `NeedsAuthenticationError`.
   */
  setUserToken(accountId: string, token: string | undefined): void;
  /** Arms a kill: the invocation making the chosen Bitbucket request dies there (see KillSpec). */
  killInvocation(spec: KillSpec): void;
  kvs: {
    snapshot(): Record<string, unknown>;
    get(key: string): unknown;
    /** Empties the store, its rate windows and its operation log. */
    clear(): void;
    /** Requests, reads and writes with their 10 KB units, and 429s, since the last clear. */
    usage(): KvsUsage;
    operations(): readonly KvsOperationRecord[];
    /** Every value stored since the last clear, with its TTL (kvs-store.ts). */
    writes(): readonly KvsWriteRecord[];
  };
  queuePushes: QueuePushRecord[];
  logs: LogLine[];
  invocations: InvocationRecord[];
  /** Every Bitbucket request the app made through the proxy, in order. */
  bitbucketRequests: BitbucketRequestRecord[];
  /** Every `@forge/llm` chat request that reached the platform (answered or refused), in order. */
  llmRequests: LlmChatRequest[];
}
