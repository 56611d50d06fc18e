// Public types of the local Custom UI bridge server. See README.md in this folder.

/** A resolver call as the page's `invoke(functionKey, payload)` sends it. */
export interface ResolverCall {
  functionKey: string;
  payload?: unknown;
}

/**
 * The context a resolver call runs with. `accountId` is the page session's and never changes; `extension` is
 * built by the server from the page URL, but a request may replace it, as a tampered page can in Forge.
 */
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
  /** The signed-in user pages run as (`context.accountId`) unless a page URL names another (`account`). */
  account: { accountId: string };
  /**
   * What "Allow access" in the local consent prompt does for an account, e.g.
   * `(accountId) => runtime.setUserToken(accountId, tokenOf(accountId))`. Without it the prompt says consent
   * cannot be given locally.
   */
  grantConsent?: (accountId: string) => void | Promise<void>;
  /** Installation workspace UUID (brace-wrapped, as Bitbucket sends it). */
  workspaceId: string;
  /** Port on 127.0.0.1; default 0 picks a free one. */
  port?: number;
}

/** Query parameters that place a page: the repository (or project) and pull request it was opened on. */
export interface ModulePageParams {
  repository?: string;
  /** The project a project settings page was opened on (its UUID). */
  project?: string;
  pullRequest?: number | string;
  /**
   * The Atlassian account signed in for this page (default: the server's `account`). Bitbucket takes it from the
   * login session; here the test chooses it, and the page cannot change it afterwards.
   */
  account?: string;
  /** The signed-in user's Bitbucket theme, applied when the page calls `view.theme.enable()` (default light). */
  theme?: 'light' | 'dark';
}

export interface BridgeServer {
  /** e.g. `http://127.0.0.1:43121` */
  baseUrl: string;
  /** URL of a module's page, e.g. `url('pr-panel', { repository: '{…}', pullRequest: 7 })`. */
  url(moduleKey: string, params?: ModulePageParams): string;
  close(): Promise<void>;
}
