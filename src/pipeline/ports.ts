/**
 * The pipeline's ports, on one page: everything a pull-request run reaches outside itself. Each has a Forge adapter
 * (src/forge/: requestBitbucket, kvs, the queue, @forge/llm, the invocation clock) and a local one (src/cli/: HTTP with
 * a token, memory). The engine is a port too: the Forge consumer and the CLI pass the prebuilt bundle
 * (src/prebuilt/engine.ts), tests may pass the source facade — which is also what keeps the trigger and the merge
 * check light: nothing they load imports the engine.
 */
import type { RepoRef } from '../bitbucket/models';
import type { ChangeAnalysis, ChangeInput, EngineOptions } from '../engine';
import type { SettingsLayer } from '../settings/layers';
import type { ActivityEntry } from './activity';
import type { ChunkPlan, ChunkRef } from './chunk-store';
import type { ChunkResult } from './chunk-result';
import type { BudgetSignals, BudgetSpend, BudgetState } from './api-budget';
import type { QueuedJob } from './job';
import type { StoredRun } from './stored-run';

/** Declared where their callers live, listed here so the whole outside fits on one page. */
export type { Clock, Transport } from '../bitbucket/types';
export type { AppIdentity, PublishPorts } from '../publish/types';
export type { Llm } from '../ai/llm';
/** The AI review's answer cache (kvs on Forge: src/forge/ai-cache.ts) and its other ports: src/ai/review-pull-request.ts. */
export type { AiAnswerCache } from '../ai/answer-cache';
export type { AiReviewPorts } from '../ai/review-pull-request';
/** The findings people dismissed on a pull request, with their reasons (./dismissal.ts). */
export type { Dismissal, DismissalSource } from './dismissal';

/** The engine's `analyzeChange`: what the change adds and fixes. Throws when the engine itself cannot run. */
export type AnalyzeChange = (input: ChangeInput, options: EngineOptions) => Promise<ChangeAnalysis>;

/** Which repository's stored settings a run wants; the project's layer is read when the event named the project. */
export interface SettingsScope {
  repo: RepoRef;
  projectUuid?: string;
}

/**
 * A repository's stored settings layers (workspace, project, repository), lowest precedence first, with notices
 * for the admin (a document migrated or ignored). The pipeline adds `.lintel.yml` on top (effective-settings.ts).
 */
export interface StoredSettingsLayers {
  layers: SettingsLayer[];
  notices: string[];
}

export type SettingsSource = (scope: SettingsScope) => Promise<StoredSettingsLayers>;

/** The stored verdict per pull request, which the merge check and the panel read. */
export interface RunStore {
  /**
   * True when this store sees every run on the pull request (Forge kvs), so "no record for this head" proves no
   * report was written on it yet. A per-process store (the CLI) is not authoritative.
   */
  authoritative?: boolean;
  get(repositoryUuid: string, pullRequestId: number): Promise<StoredRun | undefined>;
  set(repositoryUuid: string, pullRequestId: number, run: StoredRun): Promise<void>;
}

/** Where chunk plans, results and the publisher lock live (Forge kvs; memory for the CLI: ./chunk-store.ts). */
export interface ChunkStore {
  savePlan(ref: ChunkRef, plan: ChunkPlan): Promise<void>;
  plan(ref: ChunkRef): Promise<ChunkPlan | undefined>;
  /**
   * Stores the result and counts the chunk as finished, together or not at all: a result is never stored uncounted.
   * Keyed by head and chunk index, so a redelivered chunk overwrites its own result and marker, never adds one.
   */
  recordResult(ref: ChunkRef, headHash: string, result: ChunkResult): Promise<void>;
  /** How many chunks of this head have recorded a result; reads only the small markers, never the results. */
  finishedCount(ref: ChunkRef, headHash: string): Promise<number>;
  /** The results of chunks 0 … chunkCount − 1 that are stored, read once each by the publisher. */
  results(ref: ChunkRef, headHash: string, chunkCount: number): Promise<ChunkResult[]>;
  /**
   * True for exactly one claimant per head: the first to create the lock, or the same chunk again (a retry of the
   * publisher that failed part-way must be able to finish).
   */
  claimPublisher(ref: ChunkRef, headHash: string, chunkIndex: number): Promise<boolean>;
  /** Gives the lock up if this chunk holds it, so a later delivery can publish after this one failed. */
  releasePublisher(ref: ChunkRef, headHash: string, chunkIndex: number): Promise<void>;
  /** Drops the head's results and markers and, when it still names this head, the plan. The lock stays (TTL). */
  clear(ref: ChunkRef, headHash: string, chunkCount: number): Promise<void>;
}

/** One push to the analysis queue; the caller keeps each push within Forge's limits (queue-batches.ts). */
export interface JobQueue {
  /** `delayInSeconds` (0–900, Forge's range) holds every job of the push back that long. */
  push(jobs: readonly QueuedJob[], options?: { delayInSeconds?: number }): Promise<void>;
}

/**
 * The workspace's Bitbucket request budget, shared by every run of the workspace (./api-budget.ts,
 * docs/rate-limits.md; Forge kvs: src/forge/api-budget-store.ts, one key per job with a TTL).
 */
export interface ApiBudgetStore {
  /** The last hour's spends of every job (reservations included) and the newest signals. */
  read(): Promise<BudgetState>;
  /** Records, or overwrites, one job's spend under its own key. */
  recordSpend(job: string, spend: BudgetSpend): Promise<void>;
  /** Merges what this invocation's answers said into the shared signals. */
  recordSignals(signals: BudgetSignals): Promise<void>;
}

export interface ChunkPorts {
  store: ChunkStore;
  queue: JobQueue;
}

/**
 * The repository page's activity list (./activity.ts): one entry per delivery, newest first (Forge kvs, one key per
 * entry with a TTL: src/forge/activity-log.ts; memory: ./memory-activity-log.ts).
 */
export interface ActivityLog {
  record(repositoryUuid: string, entry: ActivityEntry): Promise<void>;
  /** At most `limit` entries, newest first; entries that no longer validate are left out (and logged). */
  recent(repositoryUuid: string, limit: number): Promise<ActivityEntry[]>;
}
