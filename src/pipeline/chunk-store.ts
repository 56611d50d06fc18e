/**
 * What chunk mode stores: the coordinator's plan and the reference to one pull request's chunk set, and the
 * in-memory ChunkStore (src/pipeline/ports.ts) the CLI uses, which runs chunks in-process. Forge's is kvs
 * (src/forge/ports.ts).
 */
import type { Settings } from '../settings/types';
import type { SkipReason } from '../engine/types';
import type { PullRequestRef } from './events';
import type { ChunkResult } from './chunk-result';
import type { ChunkStore } from './ports';

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
  /**
   * The effective settings the coordinator read, so every chunk and the publisher judge by the same settings and
   * none reads them (or `.lintel.yml`) again. Absent in plans written before settings were snapshotted.
   */
  settings?: Settings;
  /** Settings notices for the summary (an ignored `.lintel.yml`). */
  notices?: string[];
}

export type ChunkRef = Pick<PullRequestRef, 'repositoryUuid' | 'pullRequestId'>;

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
    recordResult: (ref, head, result) => Promise.resolve(void of(ref, head).set(result.index, result)),
    finishedCount: (ref, head) => Promise.resolve(of(ref, head).size),
    results: (ref, head, count) =>
      Promise.resolve([...of(ref, head).values()].filter((r) => r.index < count)),
    claimPublisher: (ref, head, index) => {
      const key = `${refKey(ref)}:${head}`;
      if (!locks.has(key)) locks.set(key, index);
      return Promise.resolve(locks.get(key) === index);
    },
    releasePublisher: (ref, head, index) => {
      const key = `${refKey(ref)}:${head}`;
      if (locks.get(key) === index) locks.delete(key);
      return Promise.resolve();
    },
    clear: (ref, head) => {
      results.delete(`${refKey(ref)}:${head}`);
      if (plans.get(refKey(ref))?.headHash === head) plans.delete(refKey(ref));
      return Promise.resolve();
    },
  };
}
