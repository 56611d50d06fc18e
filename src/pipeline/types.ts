/** What one pull-request run needs (its ports, from ./ports.ts) and what it ends with. */
import type { BitbucketApi } from '../bitbucket/api';
import type { GateOutcome } from '../gate/types';
import type { PublishOutcome } from '../publish';
import type { LargePrBudget } from './large-pr';
import type {
  AnalyzeChange,
  ChunkPorts,
  Clock,
  DismissalSource,
  PublishPorts,
  RunStore,
  SettingsSource,
} from './ports';
import type { JobBudget, Pacing } from './api-pacing';
import type { RetryOutcome, RunAttempt } from './retry-policy';

export type { StoredFinding, StoredRun } from './stored-run';

export interface PipelineDeps {
  api: BitbucketApi;
  store: RunStore;
  /** The app's identity (to find its own comments) and the optional LLM for AI-written comments. */
  publishPorts: PublishPorts;
  clock: Clock;
  loadSettings: SettingsSource;
  log: (message: string) => void;
  /** The analysis engine (src/pipeline/ports.ts). */
  analyzeChange: AnalyzeChange;
  /**
   * Where a large pull request's chunk jobs and results go (Forge: the analysis queue and kvs). Absent (the CLI):
   * chunks run one after another in this process, over memory.
   */
  chunks?: ChunkPorts;
  /** Findings people dismissed per pull request (Forge kvs); absent (the CLI): none are. */
  dismissals?: DismissalSource;
  /** When a pull request is large enough for chunk mode; DEFAULT_LARGE_PR_BUDGET when absent. */
  budget?: LargePrBudget;
  /**
   * Which delivery of a queued job this is (Forge's retryContext). Present, a passing failure ends in a `retry`
   * outcome until the last attempt; absent (the CLI), every failure is final (src/pipeline/retry-policy.ts).
   */
  attempt?: RunAttempt;
  /**
   * The workspace's Bitbucket request budget (docs/rate-limits.md). Present (Forge, with `chunks` for the queue), a
   * job that the budget cannot cover waits on the queue instead of failing; absent (the CLI), 429s are only retried.
   */
  pacing?: Pacing;
  /** This delivery's reservation in that budget; runQueuedJob sets it and settles it when the job ends. */
  jobBudget?: JobBudget;
}

export type RunOutcome =
  | {
      action: 'published';
      headHash: string;
      passed: boolean;
      /** What the verdict shows: `not-analysed` when files were missed and no condition failed (docs/gate.md). */
      verdict?: GateOutcome;
      /** Set when files were not analysed: what was missed, in one sentence. Never with a pass. */
      notAnalysed?: string;
      outcome: PublishOutcome;
      apiCalls: number;
    }
  | { action: 'superseded' | 'duplicate' | 'closed'; reason: string; apiCalls: number }
  /** A large pull request was split into chunk jobs; the chunk that completes the set publishes. */
  | { action: 'chunked'; headHash: string; chunks: number; pushes: number; reason: string; apiCalls: number }
  /** One chunk stored its result; the set is not complete yet, or another chunk publishes. */
  | { action: 'chunk-done'; headHash: string; chunk: number; reason: string; apiCalls: number }
  | { action: 'failed'; reason: string; apiCalls: number }
  /** The settings leave this pull request alone (destination branch not selected, a draft): nothing is published. */
  | { action: 'not-analysed'; reason: string; apiCalls: number }
  /** A passing failure: the consumer asks Forge to deliver the job again after `afterSeconds`. */
  | RetryOutcome
  /** Not enough Bitbucket API budget now: the job was pushed back onto the queue for `afterSeconds`. */
  | { action: 'waiting'; reason: string; afterSeconds: number; apiCalls: number };
