// Public types of the local Custom UI bridge server. See README.md in this folder.

/** A resolver call as the page's `invoke(functionKey, payload)` sends it. */
export interface ResolverCall {
  functionKey: string;
  payload?: unknown;
}

/** The trusted part of the context, built by the server: the browser never chooses these values. */
export interface TrustedResolverContext {
  accountId: string;
  extension: object;
}

/** Same shape as dev/forge-runtime's `InvocationResult`. */
export interface ResolverResult {
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** Runs a UI module's resolver; `runtime.invokeResolver.bind(runtime)` from dev/forge-runtime fits. */
export type ResolverInvoker = (
  moduleKey: string,
  call: ResolverCall,
  context: TrustedResolverContext,
) => Promise<ResolverResult>;

export interface StartBridgeServerOptions {
  /** Folder holding manifest.yml; module resources resolve relative to it. */
  appRoot: string;
  invoke: ResolverInvoker;
  /** The signed-in user the pages run as (`context.accountId`). */
  account: { accountId: string };
  /** Installation workspace UUID (brace-wrapped, as Bitbucket sends it). */
  workspaceId: string;
  /** Port on 127.0.0.1; default 0 picks a free one. */
  port?: number;
}

/** Query parameters that place a page: the repository and pull request it was opened on. */
export interface ModulePageParams {
  repository?: string;
  pullRequest?: number | string;
}

export interface BridgeServer {
  /** e.g. `http://127.0.0.1:43121` */
  baseUrl: string;
  /** URL of a module's page, e.g. `url('pr-panel', { repository: '{…}', pullRequest: 7 })`. */
  url(moduleKey: string, params?: ModulePageParams): string;
  close(): Promise<void>;
}
