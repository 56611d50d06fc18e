/** Ports and results of one pull-request run. Adapters: src/forge/ (Forge) and src/cli/ (HTTP, files). */
import type { BitbucketApi } from '../bitbucket/api';
import type { RepoRef } from '../bitbucket/models';
import type { Clock } from '../bitbucket/types';
import type { PublishOutcome, PublishPorts } from '../publish';
import type { Settings } from '../settings/types';
import type { ChunkPorts } from './chunk-ports';
import type { LargePrBudget } from './large-pr';

export type { StoredFinding, StoredRun } from './stored-run';
import type { StoredRun } from './stored-run';

export interface RunStore {
  /**
   * True when this store sees every run on the pull request (Forge kvs), so "no record for this head" proves no
   * report was written on it yet. A per-process store (the CLI) is not authoritative.
   */
  authoritative?: boolean;
  get(repositoryUuid: string, pullRequestId: number): Promise<StoredRun | undefined>;
  set(repositoryUuid: string, pullRequestId: number, run: StoredRun): Promise<void>;
}

export interface PipelineDeps {
  api: BitbucketApi;
  store: RunStore;
  /** The app's identity (to find its own comments) and the optional LLM for AI-written comments. */
  publishPorts: PublishPorts;
  clock: Clock;
  loadSettings: (repo: RepoRef) => Promise<Settings>;
  log: (message: string) => void;
  /**
   * Where a large pull request's chunk jobs and results go (Forge: the analysis queue and kvs). Absent (the CLI):
   * chunks run one after another in this process, over memory.
   */
  chunks?: ChunkPorts;
  /** When a pull request is large enough for chunk mode; DEFAULT_LARGE_PR_BUDGET when absent. */
  budget?: LargePrBudget;
}

export type RunOutcome =
  | {
      action: 'published';
      headHash: string;
      passed: boolean;
      outcome: PublishOutcome;
      apiCalls: number;
    }
  | { action: 'superseded' | 'duplicate' | 'closed'; reason: string; apiCalls: number }
  /** A large pull request was split into chunk jobs; the chunk that completes the set publishes. */
  | { action: 'chunked'; headHash: string; chunks: number; pushes: number; reason: string; apiCalls: number }
  /** One chunk stored its result; the set is not complete yet, or another chunk publishes. */
  | { action: 'chunk-done'; headHash: string; chunk: number; reason: string; apiCalls: number }
  | { action: 'failed'; reason: string; apiCalls: number };
