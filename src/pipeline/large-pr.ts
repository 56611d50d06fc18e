/**
 * When a pull request is too large for one consumer invocation, and how it is cut into chunk jobs
 * (docs/large-pull-requests.md). Pure: the diffstat in, a decision and a plan out.
 */
import type { DiffstatEntry } from '../bitbucket/models';
import { DIFF_FILES_PER_REQUEST, DIFF_PATH_CHARS_MAX, groupFiles } from './diff-batches';
import type { ChunkFile } from './job';

export interface LargePrBudget {
  /** More changed files than this: chunk mode. */
  maxFiles: number;
  /** More changed lines (added + removed, from the diffstat) than this: chunk mode. */
  maxChangedLines: number;
  /** Files per chunk job. */
  filesPerChunk: number;
}

/**
 * One invocation analyses base and head of every changed file in memory: 150 files or 30,000 changed lines stay well
 * inside a 900 s, 1 GB consumer. Reading costs about one request per diff slice, not per file
 * (read-whole-files.ts), so a chunk can be large: 100 files (and at most 30,000 changed lines, and one path-filtered
 * diff URL) keep its analysis at two thirds of a whole run's.
 */
export const DEFAULT_LARGE_PR_BUDGET: LargePrBudget = {
  maxFiles: 150,
  maxChangedLines: 30_000,
  filesPerChunk: 100,
};

/** A chunk's files fit one path-filtered diff URL (diff-batches.ts). */
export const CHUNK_PATH_CHARS_MAX = DIFF_PATH_CHARS_MAX;

/** Environment variables (Forge: `forge variables set`) that tune the budget without a deploy. */
export const BUDGET_VARIABLES = {
  maxFiles: 'LINTEL_CHUNK_MAX_FILES',
  maxChangedLines: 'LINTEL_CHUNK_MAX_CHANGED_LINES',
  filesPerChunk: 'LINTEL_CHUNK_FILES_PER_CHUNK',
} as const;

/** The default budget with any valid positive-integer override from the environment. */
export function budgetFrom(env: Readonly<Record<string, string | undefined>>): LargePrBudget {
  const budget = { ...DEFAULT_LARGE_PR_BUDGET };
  for (const [field, name] of Object.entries(BUDGET_VARIABLES) as [keyof LargePrBudget, string][]) {
    const value = Number(env[name]);
    if (Number.isInteger(value) && value > 0) budget[field] = value;
  }
  return budget;
}

/** Why this diffstat needs chunk mode, or undefined when one invocation can analyse it. */
export function chunkModeReason(
  diffstat: readonly DiffstatEntry[],
  budget: LargePrBudget,
): string | undefined {
  if (diffstat.length > budget.maxFiles) {
    return `${diffstat.length} changed files, more than the ${budget.maxFiles} one run analyses`;
  }
  const lines = diffstat.reduce((sum, e) => sum + (e.lines_added ?? 0) + (e.lines_removed ?? 0), 0);
  if (lines > budget.maxChangedLines) {
    return `${lines} changed lines, more than the ${budget.maxChangedLines} one run analyses`;
  }
  return undefined;
}

/** Head path → changed lines (added + removed) of every diffstat entry that has a head side. */
export function changedLinesByPath(diffstat: readonly DiffstatEntry[]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const e of diffstat) {
    if (e.new) lines.set(e.new.path, (e.lines_added ?? 0) + (e.lines_removed ?? 0));
  }
  return lines;
}

/** The files of a diffstat entry that a chunk reads: its head path, and its base path when it was renamed. */
export function chunkFileOf(entry: DiffstatEntry): ChunkFile {
  const path = (entry.new as { path: string }).path;
  const oldPath = entry.old?.path;
  if (oldPath === undefined) return { path, added: true };
  return oldPath !== path ? { path, oldPath } : { path };
}

/**
 * Consecutive groups in diffstat order, each at most `filesPerChunk` files (and never more than one diff request
 * takes), CHUNK_PATH_CHARS_MAX path characters and `maxChangedLines` changed lines by `linesOf` (the diffstat's
 * added + removed): so the number of chunks grows with the size of the change, not only with its file count.
 */
export function planChunks(
  files: readonly ChunkFile[],
  budget: LargePrBudget,
  linesOf?: (file: ChunkFile) => number,
): ChunkFile[][] {
  return groupFiles(files, {
    files: Math.min(budget.filesPerChunk, DIFF_FILES_PER_REQUEST),
    pathChars: CHUNK_PATH_CHARS_MAX,
    ...(linesOf ? { weight: { max: budget.maxChangedLines, of: linesOf } } : {}),
  });
}
