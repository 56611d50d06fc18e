/** Public and shared types of the Bitbucket Cloud API emulator. */

export interface EmulatorOptions {
  /** Port to listen on; 0 or omitted picks a free one. */
  port?: number;
  /** OpenAPI document used to validate every request; defaults to the committed copy. */
  openApiPath?: string;
  /** Diffs and diffstats with more changed lines than this answer 555, like Bitbucket's timeouts. */
  diffLineLimit?: number;
  /**
   * Diffstats with more changed lines than this answer 555; defaults to `diffLineLimit`. Set it higher to
   * reproduce the common case of a diffstat that still answers while the full diff times out.
   */
  diffstatLineLimit?: number;
}

export interface EmulatorUser {
  uuid: string;
  accountId: string;
  displayName: string;
  nickname: string;
  token: string;
  app: boolean;
}

export interface EmulatorWorkspace {
  slug: string;
  uuid: string;
  name: string;
}

export interface EmulatorRepository {
  workspace: EmulatorWorkspace;
  slug: string;
  uuid: string;
  gitDir: string;
  mainBranch: string;
  fullName: string;
}

export type PullRequestState = 'OPEN' | 'MERGED' | 'DECLINED';

export interface EmulatorPullRequest {
  id: number;
  workspace: string;
  repo: string;
  title: string;
  description: string;
  sourceBranch: string;
  destinationBranch: string;
  author: EmulatorUser;
  state: PullRequestState;
  /** Full hashes of the branch heads when the PR was created (and frozen when it is merged or declined). */
  sourceCommit: string;
  destinationCommit: string;
  /** 12-character abbreviations, as Bitbucket puts them in pull request objects and events. */
  sourceShortHash: string;
  destinationShortHash: string;
  createdOn: string;
  updatedOn: string;
}

export interface OpenApiViolation {
  method: string;
  path: string;
  message: string;
  status: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
}

export type FaultStatus = 429 | 500 | 555;

export type FaultSpec =
  | { method?: string; path?: RegExp; status: FaultStatus; times?: number }
  | { method?: string; path?: RegExp; delayMs: number; times?: number };

export interface FaultControl {
  inject(fault: FaultSpec): void;
  clear(): void;
}

/** JSON values as they travel over the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface EmulatorStateView {
  reports(workspace: string, repo: string, commit: string): JsonObject[];
  annotations(workspace: string, repo: string, commit: string, reportId: string): JsonObject[];
  statuses(workspace: string, repo: string, commit: string): JsonObject[];
  comments(workspace: string, repo: string, prId: number): JsonObject[];
  pullRequest(workspace: string, repo: string, prId: number): EmulatorPullRequest | undefined;
}

/** What a test or the demo says about a user to create; the rest is generated. */
export interface NewUser {
  displayName: string;
  nickname?: string;
  accountId?: string;
  uuid?: string;
  token?: string;
  app?: boolean;
}

export interface Emulator {
  baseUrl: string;
  addUser(u: NewUser): EmulatorUser;
  addWorkspace(w: { slug: string; uuid?: string; name?: string }): EmulatorWorkspace;
  addRepository(r: {
    workspace: string;
    slug: string;
    uuid?: string;
    gitDir: string;
    mainBranch?: string;
  }): EmulatorRepository;
  createPullRequest(p: {
    workspace: string;
    repo: string;
    title: string;
    sourceBranch: string;
    destinationBranch: string;
    author: EmulatorUser;
    description?: string;
  }): EmulatorPullRequest;
  setPullRequestState(workspace: string, repo: string, id: number, state: 'MERGED' | 'DECLINED'): void;
  state: EmulatorStateView;
  violations: OpenApiViolation[];
  requests: RequestLogEntry[];
  faults: FaultControl;
  close(): Promise<void>;
}
