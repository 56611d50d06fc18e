/**
 * Ports of chunk mode: where chunk plans, results and the publisher lock live (Forge kvs in src/forge/ports.ts),
 * and the queue chunk jobs go to. The memory versions serve the CLI, which runs chunks in-process.
 */
import type { SkipReason } from '../engine/types';
import type { PullRequestRef } from './events';
import type { ChunkResult } from './chunk-result';
import type { ChunkJob } from './job';

/** Recorded by the coordinator before it queues the chunks; a newer head's plan replaces it. */
export interface ChunkPlan {
  headHash: string;
  chunkCount: number;
  createdAt: string;
  /** Files the coordinator skipped (deleted, binary, ignored): at most CHUNK_SKIPPED_MAX, with the exact count. */
  skipped: SkipReason[];
  skippedCount: number;
  /** Lintel's records showed no report on this head yet, so publishing can skip the DELETE (PublishTarget). */
  firstReportOnCommit: boolean;
  /** Set once every chunk job is pushed: a redelivered coordinator then queues nothing again. */
  queued: boolean;
}

export type ChunkRef = Pick<PullRequestRef, 'repositoryUuid' | 'pullRequestId'>;

export interface ChunkStore {
  savePlan(ref: ChunkRef, plan: ChunkPlan): Promise<void>;
  plan(ref: ChunkRef): Promise<ChunkPlan | undefined>;
  /** Keyed by head and chunk index: a redelivered chunk overwrites its own result, never adds one. */
  saveResult(ref: ChunkRef, headHash: string, result: ChunkResult): Promise<void>;
  /** Every stored result of this head (all pages). */
  results(ref: ChunkRef, headHash: string): Promise<ChunkResult[]>;
  /**
   * True for exactly one claimant per head: the first to create the lock, or the same chunk again (a retry of the
   * publisher that failed part-way must be able to finish).
   */
  claimPublisher(ref: ChunkRef, headHash: string, chunkIndex: number): Promise<boolean>;
  /** Drops the head's results and, when it still names this head, the plan. The lock stays until its TTL. */
  clear(ref: ChunkRef, headHash: string, chunkCount: number): Promise<void>;
}

/** One push to the analysis queue; the caller keeps each push within Forge's limits (queue-batches.ts). */
export interface JobQueue {
  push(jobs: readonly ChunkJob[]): Promise<void>;
}

export interface ChunkPorts {
  store: ChunkStore;
  queue: JobQueue;
}

const refKey = (ref: ChunkRef): string => `${ref.repositoryUuid}:${ref.pullRequestId}`;

/** In-memory chunk store: one process sees every chunk (CLI, unit tests). */
export function memoryChunkStore(): ChunkStore {
  const plans = new Map<string, ChunkPlan>();
  const results = new Map<string, Map<number, ChunkResult>>();
  const locks = new Map<string, number>();
  const of = (ref: ChunkRef, head: string): Map<number, ChunkResult> => {
    const key = `${refKey(ref)}:${head}`;
    let m = results.get(key);
    if (!m) results.set(key, (m = new Map()));
    return m;
  };
  return {
    savePlan: (ref, plan) => Promise.resolve(void plans.set(refKey(ref), plan)),
    plan: (ref) => Promise.resolve(plans.get(refKey(ref))),
    saveResult: (ref, head, result) => Promise.resolve(void of(ref, head).set(result.index, result)),
    results: (ref, head) => Promise.resolve([...of(ref, head).values()]),
    claimPublisher: (ref, head, index) => {
      const key = `${refKey(ref)}:${head}`;
      if (!locks.has(key)) locks.set(key, index);
      return Promise.resolve(locks.get(key) === index);
    },
    clear: (ref, head) => {
      results.delete(`${refKey(ref)}:${head}`);
      if (plans.get(refKey(ref))?.headHash === head) plans.delete(refKey(ref));
      return Promise.resolve();
    },
  };
}
