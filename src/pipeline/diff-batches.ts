/**
 * How a list of changed files is cut into groups that each fit one path-filtered diff request (`path=` repeated per
 * file): the diff slices of one run (read-whole-files.ts) and, with a cap on changed lines too, the chunk jobs of a
 * large pull request (large-pr.ts `planChunks`). Pure; groups keep the input order.
 */
import type { ChunkFile } from './job';

/**
 * At most this many files per diff request: Bitbucket documents 200 files as the most one pull-request diff shows
 * (support.atlassian.com/bitbucket-cloud/docs/limits-for-viewing-content-and-diffs), and a 250-file API diff timed
 * out with 555 (mibexsoftware/sonar-bitbucket-plugin#44). Larger groups would only buy a 555 and a split.
 */
export const DIFF_FILES_PER_REQUEST = 200;

/**
 * Path characters of one request's `path=` parameters: capped so the URL stays far below the 8 KB request-line limit
 * common to HTTP servers and proxies (Bitbucket publishes no limit).
 */
export const DIFF_PATH_CHARS_MAX = 4_000;

export interface GroupLimits {
  files: number;
  pathChars: number;
  /** Optionally a cap on a weight per group (changed lines); a single file over it still gets a group of its own. */
  weight?: { max: number; of: (file: ChunkFile) => number };
}

const pathChars = (f: ChunkFile): number => f.path.length + (f.oldPath?.length ?? 0);

/** Consecutive groups within `limits`; every file lands in exactly one. */
export function groupFiles(files: readonly ChunkFile[], limits: GroupLimits): ChunkFile[][] {
  const groups: ChunkFile[][] = [];
  let current: ChunkFile[] = [];
  let chars = 0;
  let weight = 0;
  for (const file of files) {
    const w = limits.weight?.of(file) ?? 0;
    const full =
      current.length >= limits.files ||
      chars + pathChars(file) > limits.pathChars ||
      (limits.weight !== undefined && weight + w > limits.weight.max);
    if (current.length > 0 && full) {
      groups.push(current);
      current = [];
      chars = 0;
      weight = 0;
    }
    current.push(file);
    chars += pathChars(file);
    weight += w;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** The `path=` batches of one run or chunk. */
export function planDiffBatches(files: readonly ChunkFile[]): ChunkFile[][] {
  return groupFiles(files, { files: DIFF_FILES_PER_REQUEST, pathChars: DIFF_PATH_CHARS_MAX });
}
