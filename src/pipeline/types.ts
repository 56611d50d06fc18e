/** Ports and results of one pull-request run. Adapters: src/forge/ (Forge) and src/cli/ (HTTP, files). */
import type { BitbucketApi } from '../bitbucket/api';
import type { RepoRef } from '../bitbucket/models';
import type { Clock } from '../bitbucket/types';
import type { PublishOutcome, PublishPorts } from '../publish';
import type { Settings } from '../settings/types';

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
  | { action: 'failed'; reason: string; apiCalls: number };
