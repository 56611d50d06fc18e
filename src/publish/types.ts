/** Domain types of the publishing family: what a run is about, the ports it needs, and what it achieved. */
import type { PullRequestInfo, RepoRef } from '../bitbucket/models';
import type { Llm } from '../ai/llm';

/** Head-side lines the pull request adds or changes, per repository path. */
export type ChangedLines = ReadonlyMap<string, ReadonlySet<number>>;

/** The pull request and head commit the results belong to, as the pipeline already read them. */
export interface PublishTarget {
  /** The repository the pull request belongs to (its destination): comments go there. */
  repo: RepoRef;
  /**
   * The repository holding `commit` when it is not `repo`: the fork a pull request comes from. The report and the
   * build status go on the commit there, as Bitbucket Cloud shows a fork's pull request the statuses of its source
   * commit (docs/forks.md).
   */
  commitRepo?: RepoRef;
  /** The PR object read by the pipeline: source branch, html link and id come from it (no extra API call). */
  pullRequest: PullRequestInfo;
  /** Full 40-character hash of the analysed source head (reports and statuses are keyed by it). */
  commit: string;
  /** Lines the PR adds or changes; annotations and inline comments are only placed on these. */
  changedLines: ChangedLines;
  /** How long the analysis took, shown in the report. */
  durationMs: number;
  /**
   * True when Lintel knows it never wrote a report on this commit (its own records say so): the DELETE that
   * clears stale annotations can be skipped, saving a call. Leave unset when unsure.
   */
  firstReportOnCommit?: boolean;
  /** Warnings about the settings this run used (an invalid `.lintel.yml`, a stored document ignored): in the summary. */
  notices?: string[];
}

/**
 * Remembers the app's own Bitbucket user uuid. Forge cannot call `GET /2.0/user`, so the uuid is learnt from
 * the response to Lintel's first comment and stored (KVS per workspace in the Forge adapter).
 */
export interface AppIdentity {
  get(): Promise<string | undefined>;
  remember(uuid: string): Promise<void>;
}

export interface PublishPorts {
  identity: AppIdentity;
  /** Used only when settings.aiComments is on; absent means the deterministic texts are used. */
  llm?: Llm;
  /** Time one LLM call may take before the deterministic text is used instead. */
  llmTimeoutMs?: number;
}

export type PublishPart = 'status' | 'report' | 'annotations' | 'summary-comment' | 'inline-comments';

export interface PartFailure {
  part: PublishPart;
  /** Which call failed and why, in words a person can act on. */
  message: string;
}

export interface PublishOutcome {
  /** Parts written completely. */
  published: PublishPart[];
  /** Parts left out on purpose, with the setting or fact that decided it. */
  skipped: { part: PublishPart; reason: string }[];
  /** Parts that failed (fully or partly); the others still ran. */
  failed: PartFailure[];
  annotations: { published: number; total: number };
  summaryComment?: 'created' | 'updated' | 'unchanged';
  /** `resolved`: Lintel's inline comments of findings this push fixed, marked resolved. */
  inlineComments: { posted: number; alreadyPosted: number; aiWritten: number; resolved: number };
  /** HTTP exchanges this publish made, including retries and redirects. */
  apiCalls: number;
}
