/** Public and shared types of the Bitbucket Cloud API emulator. */

export interface EmulatorOptions {
  /** Port to listen on; 0 or omitted picks a free one. */
  port?: number;
  /** OpenAPI document used to validate every request; defaults to the committed copy. */
  openApiPath?: string;
  /**
   * Diffs (and, unless `diffstatLineLimit` says otherwise, diffstats) with more changed lines (added + removed)
   * than this answer 555, like Bitbucket's timeouts. Default: no limit.
   */
  diffLineLimit?: number;
  /** Diffs of more files than this answer 555. Default 200, Bitbucket's documented most files in one diff. */
  diffFileLimit?: number;
  /** Diffs of more bytes than this answer 555. Default 20,480,000: 200 files of Bitbucket's 100 KB per file. */
  diffByteLimit?: number;
  /**
   * The most context lines a diff carries, whatever `context` asks: a server that sends less than asked, for
   * clients that must notice (Bitbucket documents no cap). Default: none.
   */
  diffContextMax?: number;
  /**
   * Diffstats with more changed lines than this answer 555; defaults to `diffLineLimit`. Set it higher to
   * reproduce the common case of a diffstat that still answers while the full diff times out.
   */
  diffstatLineLimit?: number;
  /** Bitbucket's hourly request budget (rate-limit.ts); enforced at 1,000 per rolling hour unless told otherwise. */
  rateLimit?: RateLimitOptions;
}

export interface RateLimitOptions {
  /** Requests per rolling hour per workspace (app users) or per user; Bitbucket's base figure, 1,000, by default. */
  requestsPerHour?: number;
  /** false: count and send the headers, never refuse (the emulator's behaviour before it enforced). Default true. */
  enforce?: boolean;
  /** Local milliseconds in Bitbucket's hour, to let a test see the window roll (default 3,600,000). */
  hourMs?: number;
  /** Clock of the window (tests may inject one). */
  now?: () => number;
}

/** What a test may do to a workspace's budget (the workspace by slug or brace-wrapped UUID). */
export interface RateLimitControl {
  /** A scaled limit (Standard and Premium: 1,000 + 10 per seat above 100, at most 10,000). */
  setLimit(workspaceUuid: string, requestsPerHour: number): void;
  /** Requests another app installed in the workspace made just now: they count against the same budget. */
  spend(workspaceUuid: string, requests: number): void;
  /** Requests counted for the workspace in the current rolling hour. */
  used(workspaceUuid: string): number;
}

export interface EmulatorUser {
  uuid: string;
  accountId: string;
  displayName: string;
  nickname: string;
  token: string;
  app: boolean;
  /**
   * For an app user: the workspaces (slugs or UUIDs) it is installed in, the only ones its `asApp()` calls reach,
   * as on Forge. Absent: every workspace of the emulator.
   */
  installedIn?: string[];
}

export interface EmulatorWorkspace {
  slug: string;
  uuid: string;
  name: string;
}

/**
 * A project of a workspace. Every repository belongs to exactly one (Bitbucket: "The project must be assigned for
 * all repositories"). A private project cannot contain public repositories.
 */
export interface EmulatorProject {
  workspace: EmulatorWorkspace;
  /** Letters, digits and underscores, starting with a letter (e.g. `CORE`); unique in its workspace. */
  key: string;
  uuid: string;
  name: string;
  /** Private projects are visible only to people with access to them or to a repository in them (access.ts). */
  isPrivate: boolean;
}

export interface EmulatorRepository {
  workspace: EmulatorWorkspace;
  /** The project it belongs to: the one `addRepository({ project })` named, else the workspace's oldest. */
  project: EmulatorProject;
  slug: string;
  uuid: string;
  gitDir: string;
  mainBranch: string;
  fullName: string;
  /** Private repositories answer only users with a permission on them (access.ts); public ones everyone. */
  isPrivate: boolean;
  /** The uuid of the repository this one was forked from; absent for a repository that is no fork. */
  forkOf?: string;
}

/** A user's effective permission on one repository, as `repository_permission.permission` spells it. */
export type RepositoryPermission = 'read' | 'write' | 'admin' | 'none';

/**
 * An explicit permission on a project, as `project_user_permission.permission` spells it. It applies to every
 * repository of the project; `create-repo` is `write` on them plus creating repositories.
 */
export type ProjectPermission = 'read' | 'write' | 'create-repo' | 'admin' | 'none';

/** A user's role in a workspace, as `GET /2.0/user/workspaces/{workspace}/permission` answers it. */
export type WorkspaceRole = 'owner' | 'create-project' | 'collaborator' | 'member';

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
  /** A draft pull request (Bitbucket's "Create as draft"); tests flip it to model "Mark as ready". */
  draft: boolean;
  /** Full hashes of the branch heads when the PR was created (and frozen when it is merged or declined). */
  sourceCommit: string;
  destinationCommit: string;
  /** 12-character abbreviations, as Bitbucket puts them in pull request objects and events. */
  sourceShortHash: string;
  destinationShortHash: string;
  /** The fork the source branch lives in; absent when it is the destination repository (`workspace`/`repo`). */
  sourceRepository?: { workspace: string; slug: string; uuid: string };
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
  /** The body as text, for requests that had one and got as far as having it read (past authentication). */
  body?: string;
}

export type FaultStatus = 429 | 500 | 555;

export type FaultSpec =
  | {
      method?: string;
      path?: RegExp;
      status: FaultStatus;
      times?: number;
      /**
       * Let the request take effect first, then answer with `status` instead of its own answer: a gateway timeout
       * or an answer lost after Bitbucket applied a write, so a client that simply repeats a POST duplicates it.
       */
      afterApplying?: boolean;
    }
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
  /** See EmulatorUser.installedIn. */
  installedIn?: string[];
}

export interface Emulator {
  baseUrl: string;
  addUser(u: NewUser): EmulatorUser;
  addWorkspace(w: { slug: string; uuid?: string; name?: string }): EmulatorWorkspace;
  /**
   * Adds a project (`isPrivate` default false). The first repository added to a workspace without projects
   * creates a default one instead.
   */
  addProject(p: {
    workspace: string;
    key: string;
    uuid?: string;
    name?: string;
    isPrivate?: boolean;
  }): EmulatorProject;
  addRepository(r: {
    workspace: string;
    slug: string;
    uuid?: string;
    gitDir: string;
    mainBranch?: string;
    /** Default false, so users without a grant keep reading it as before; true enforces permissions. */
    isPrivate?: boolean;
    /**
     * Key (or brace-wrapped UUID) of the project it belongs to. Absent: the workspace's oldest project, as
     * Bitbucket assigns one, or a default project (`PROJ`, "Untitled project") when the workspace has none.
     */
    project?: string;
    /**
     * Makes it a fork of a repository added before; pull requests may then come from it. Its `gitDir` is its own
     * (`forkGitRepository`): no objects are shared, so a commit pushed to the fork exists only there.
     */
    forkOf?: { workspace: string; slug: string };
  }): EmulatorRepository;
  /**
   * Deletes a repository: every URL under it answers 404. Pull requests from it (a deleted fork) keep naming it
   * as their source, with its last heads.
   */
  deleteRepository(workspace: string, slug: string): void;
  /** Gives a user an explicit permission on a repository (`none` removes it). */
  grantRepositoryPermission(g: {
    workspace: string;
    repo: string;
    user: EmulatorUser;
    permission: RepositoryPermission;
  }): void;
  /**
   * Gives a user an explicit permission on a project (`none` removes it): it applies to every repository of the
   * project, and `admin` lets the user read the project's permissions (`permissions-config/users`).
   */
  grantProjectPermission(g: {
    workspace: string;
    /** Key or brace-wrapped UUID. */
    project: string;
    user: EmulatorUser;
    permission: ProjectPermission;
  }): void;
  /** Makes a user a workspace member with this role (`none` removes the membership). */
  setWorkspaceRole(r: { workspace: string; user: EmulatorUser; role: WorkspaceRole | 'none' }): void;
  createPullRequest(p: {
    workspace: string;
    repo: string;
    title: string;
    sourceBranch: string;
    destinationBranch: string;
    author: EmulatorUser;
    description?: string;
    /** The fork the source branch lives in (same fork network); the destination when absent. */
    sourceRepository?: { workspace: string; slug: string };
    /** Open it as a draft. */
    draft?: boolean;
  }): EmulatorPullRequest;
  /** "Mark as ready" (false) or back to draft (true), as the pull request's author can in Bitbucket. */
  setPullRequestDraft(workspace: string, repo: string, id: number, draft: boolean): void;
  setPullRequestState(workspace: string, repo: string, id: number, state: 'MERGED' | 'DECLINED'): void;
  state: EmulatorStateView;
  violations: OpenApiViolation[];
  requests: RequestLogEntry[];
  faults: FaultControl;
  /** The workspaces' hourly budgets (`rateLimit` option): raise one, spend some of it as another app would. */
  rateLimits: RateLimitControl;
  close(): Promise<void>;
}
