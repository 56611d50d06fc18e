/** Ports and results of one pull-request run. Adapters: src/forge/ (Forge) and src/cli/ (HTTP, files). */
import type { BitbucketApi } from '../bitbucket/api';
import type { RepoRef } from '../bitbucket/models';
import type { Clock } from '../bitbucket/types';
import type { ChangeAnalysis } from '../engine';
import type { Severity } from '../engine/types';
import type { GateVerdict } from '../gate/types';
import type { Settings } from '../settings/types';

/** Where results go: one pull request at one head commit. */
export interface PublishTarget {
  repo: RepoRef;
  pullRequestId: number;
  /** Full 40-character hash of the source head: reports and statuses need it. */
  headHash: string;
  sourceBranch: string;
  /** The pull request's page; Bitbucket wants real public URLs in reports and statuses. */
  pullRequestUrl?: string;
}

export interface RunFacts {
  durationMs: number;
  filesAnalysed: number;
  skipped: Array<{ path: string; reason: string }>;
  changedLines: Map<string, Set<number>>;
}

export interface PublishSummary {
  /** What was published, e.g. ["report", "12 annotations", "build status", "summary comment"]. */
  published: string[];
  /** Parts that failed, with the reason. */
  failed: string[];
}

export interface Publisher {
  /** Build status INPROGRESS, before the analysis starts. */
  started(target: PublishTarget, settings: Settings): Promise<void>;
  results(
    target: PublishTarget,
    analysis: ChangeAnalysis,
    verdict: GateVerdict,
    settings: Settings,
    facts: RunFacts,
  ): Promise<PublishSummary>;
  /** An unrecoverable error: the build status must not stay INPROGRESS. */
  failure(target: PublishTarget, settings: Settings, reason: string): Promise<void>;
}

export interface StoredFinding {
  severity: Severity;
  ruleId: string;
  path: string;
  line: number;
  message: string;
}

/**
 * What the merge check and the PR panel read, stored per pull request. Small on purpose (Forge kvs values are
 * limited to 240 KiB): the top findings only.
 */
export interface StoredRun {
  state: 'pending' | 'done' | 'error';
  headHash: string;
  passed?: boolean;
  summary?: string;
  reasons?: string[];
  health?: { before: number; after: number; delta: number };
  newIssues?: number;
  fixedIssues?: number;
  findings?: StoredFinding[];
  analysedAt?: string;
}

export interface RunStore {
  get(repositoryUuid: string, pullRequestId: number): Promise<StoredRun | undefined>;
  set(repositoryUuid: string, pullRequestId: number, run: StoredRun): Promise<void>;
}

export interface PipelineDeps {
  api: BitbucketApi;
  store: RunStore;
  publisher: Publisher;
  clock: Clock;
  loadSettings: (repo: RepoRef) => Promise<Settings>;
  log: (message: string) => void;
}

export type RunOutcome =
  | {
      action: 'published';
      headHash: string;
      passed: boolean;
      published: string[];
      failed: string[];
      apiCalls: number;
    }
  | { action: 'superseded' | 'duplicate' | 'closed'; reason: string; apiCalls: number }
  | { action: 'failed'; reason: string; apiCalls: number };
