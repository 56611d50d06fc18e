/** The parts of Bitbucket's API 2.0 objects Lintel reads (schemas in the OpenAPI document). */

export interface RepoRef {
  /** Workspace slug or braced UUID. */
  workspace: string;
  /** Repository slug or braced UUID. */
  repository: string;
}

/** A repository as pull requests name their two ends (`full_name` is `workspace-slug/repo-slug`). */
export interface RepositoryInfo {
  uuid?: string;
  full_name?: string;
  name?: string;
}

export interface PullRequestEndpoint {
  branch: { name: string };
  commit: { hash: string };
  /**
   * Where the branch lives: the destination repository itself, or a fork of it. Absent in pull requests rebuilt
   * from a queued job (nothing read yet); null when Bitbucket no longer shows the repository (a deleted fork).
   */
  repository?: RepositoryInfo | null;
}

export interface PullRequestInfo {
  id: number;
  title: string;
  state: string;
  source: PullRequestEndpoint;
  destination: PullRequestEndpoint;
  /** True while the pull request is a draft (settings can skip drafts). */
  draft?: boolean;
  author?: { uuid?: string; display_name?: string };
  links?: { html?: { href?: string } };
}

export interface CommitFile {
  path: string;
  escaped_path?: string;
  /** The OpenAPI document types this as one string; tolerate a list too. */
  attributes?: string | string[];
}

export interface DiffstatEntry {
  /** added | removed | modified | renamed, and undocumented values such as "merge conflict" (tolerated). */
  status: string;
  lines_added?: number;
  lines_removed?: number;
  old: CommitFile | null;
  new: CommitFile | null;
}

export interface CommentInfo {
  id: number;
  deleted?: boolean;
  content: { raw: string };
  user?: { uuid?: string; account_id?: string };
  inline?: { path: string; to?: number | null; from?: number | null };
  /** Present once someone (or Lintel, for a fixed finding) resolved the comment. */
  resolution?: { type?: string; created_on?: string };
  created_on?: string;
}

export type ReportResult = 'PASSED' | 'FAILED' | 'PENDING';
export type AnnotationType = 'VULNERABILITY' | 'CODE_SMELL' | 'BUG';
export type AnnotationSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

export interface ReportDataItem {
  title: string;
  type?: 'BOOLEAN' | 'DATE' | 'DURATION' | 'LINK' | 'NUMBER' | 'PERCENTAGE' | 'TEXT';
  value: unknown;
}

export interface ReportBody {
  title: string;
  details: string;
  report_type: 'SECURITY' | 'COVERAGE' | 'TEST' | 'BUG';
  reporter: string;
  /** Optional in the API: Lintel leaves it out for a pull request it could not fully analyse (docs/gate.md). */
  result?: ReportResult;
  link?: string;
  data: ReportDataItem[];
}

export interface AnnotationBody {
  external_id: string;
  annotation_type: AnnotationType;
  path: string;
  line: number;
  summary: string;
  details?: string;
  severity: AnnotationSeverity;
  result?: 'PASSED' | 'FAILED' | 'SKIPPED' | 'IGNORED';
}

export type BuildState = 'SUCCESSFUL' | 'FAILED' | 'INPROGRESS' | 'STOPPED';

export interface BuildStatusBody {
  key: string;
  state: BuildState;
  name: string;
  description: string;
  url: string;
  refname?: string;
}
