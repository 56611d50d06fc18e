/**
 * When a pull request is too large for one consumer invocation, and how it is cut into chunk jobs
 * (docs/large-pull-requests.md). Pure: the diffstat in, a decision and a plan out.
 */
import type { DiffstatEntry } from '../bitbucket/models';
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
 * One invocation reads every changed file (one `src` call each, Forge allows 100 requests per runtime minute,
 * forge-platform.md §7) and analyses base and head in memory: 150 files or 30,000 changed lines stay well inside a
 * 900 s, 1 GB consumer. 40 files per chunk keep a chunk at about 45 requests and its path-filtered diff URL short.
 */
export const DEFAULT_LARGE_PR_BUDGET: LargePrBudget = {
  maxFiles: 150,
  maxChangedLines: 30_000,
  filesPerChunk: 40,
};

/**
 * Repeated `path=` parameters of one chunk's diff URL: the characters of its paths are capped so the URL stays far
 * below the 8 KB request-line limit common to HTTP servers and proxies (Bitbucket publishes no limit).
 */
export const CHUNK_PATH_CHARS_MAX = 4_000;

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

/** The files of a diffstat entry that a chunk reads: its head path, and its base path when it was renamed. */
export function chunkFileOf(entry: DiffstatEntry): ChunkFile {
  const path = (entry.new as { path: string }).path;
  const oldPath = entry.old?.path;
  if (oldPath === undefined) return { path, added: true };
  return oldPath !== path ? { path, oldPath } : { path };
}

const pathChars = (f: ChunkFile): number => f.path.length + (f.oldPath?.length ?? 0);

/** Consecutive groups of at most `filesPerChunk` files and CHUNK_PATH_CHARS_MAX path characters, in diffstat order. */
export function planChunks(files: readonly ChunkFile[], budget: LargePrBudget): ChunkFile[][] {
  const chunks: ChunkFile[][] = [];
  let current: ChunkFile[] = [];
  let chars = 0;
  for (const file of files) {
    const full = current.length >= budget.filesPerChunk || chars + pathChars(file) > CHUNK_PATH_CHARS_MAX;
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(file);
    chars += pathChars(file);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
