/** Domain types of the publishing family: what a run is about, the ports it needs, and what it achieved. */
import type { PullRequestInfo, RepoRef } from '../bitbucket/models';
import type { CodeWindow } from '../ai/code-window';
import type { AiReviewPorts, AiReviewStats } from '../ai/review-pull-request';
import type { Finding } from '../engine/types';

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
  /**
   * Findings people dismissed on this pull request that this run found again: counted in the summary, otherwise
   * published nowhere; their earlier inline comments are neither resolved nor counted as fixed.
   */
  dismissed?: readonly Finding[];
  /**
   * Redacted code around the new HIGH and CRITICAL findings, by fingerprint, for the AI review's prompts
   * (src/ai/code-window.ts). Absent (AI comments off, or a chunked pull request): findings keep the rules' texts.
   */
  codeWindows?: ReadonlyMap<string, CodeWindow>;
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
  /** The AI review (src/ai/, docs/ai.md): used only when settings.aiComments is on; absent, the rules' texts are used. */
  ai?: AiReviewPorts;
}

export type PublishPart = 'status' | 'report' | 'annotations' | 'summary-comment' | 'inline-comments';

export interface PartFailure {
  part: PublishPart;
  /** Which call failed and why, in words a person can act on. */
  message: string;
  /**
   * The error itself, when a call failed: the pipeline's retry policy judges whether another attempt of the job
   * would complete the part (a rate limit or an outage would; a rejected request would not).
   */
  cause?: unknown;
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
  /** What the AI review did, when it ran: calls made, answers from the cache, suggestions, fallbacks. */
  ai?: AiReviewStats & { notice?: string };
  /** HTTP exchanges this publish made, including retries and redirects. */
  apiCalls: number;
}
