/**
 * Reads a pull request's change from Bitbucket: the diffstat (every page), then the text of the changed files from
 * full-context diffs (read-whole-files.ts) — one diff request for a pull request of ordinary size, `path=` slices of
 * it otherwise, and `src` only for a file the diff cannot give whole.
 */
import type { BitbucketApi } from '../bitbucket/api';
import type { DiffstatEntry, RepoRef } from '../bitbucket/models';
import type { SkipReason } from '../engine/types';
import { DIFF_FILES_PER_REQUEST } from './diff-batches';
import type { ChunkFile } from './job';
import { chunkFileOf } from './large-pr';
import { readWholeFiles, type WholeFiles } from './read-whole-files';

export interface ChangeSource {
  /** The repository the pull request belongs to (its destination). */
  repo: RepoRef;
  /**
   * The fork the head lives in, for a pull request from one: head (and merge-base) files are read there, and the
   * diff, still asked of `repo`, names it (`{fork}:{head}%0D{destination}`, as Bitbucket's own link does).
   */
  fork?: RepoRef;
  headHash: string;
  /** Destination head: the diff is `head..destination` against their merge base, as the pull request shows it. */
  destinationHash: string;
  /** Merge base of source and destination, resolved lazily when a base file must be fetched. */
  mergeBase: () => Promise<string>;
}

/** The change's files as read whole, and how many files it changes. */
export interface FetchedChange extends WholeFiles {
  filesChanged: number;
}

const attributesOf = (e: DiffstatEntry): string[] => {
  const a = e.new?.attributes ?? e.old?.attributes;
  return a === undefined ? [] : Array.isArray(a) ? a : [a];
};

/** Why a changed file is not analysed, or undefined when it is. */
function skipReasonOf(entry: DiffstatEntry, isIgnored: (path: string) => boolean): string | undefined {
  if (!entry.new) return 'deleted in this pull request';
  if (isIgnored(entry.new.path)) return 'matches an ignore pattern in the settings';
  const attributes = attributesOf(entry);
  if (attributes.includes('binary')) return 'binary file';
  if (attributes.includes('lfs')) return 'stored in Git LFS';
  if (attributes.includes('subrepository')) return 'a submodule';
  if (attributes.includes('link')) return 'a symbolic link';
  return undefined;
}

/**
 * A file on both sides with no line added or removed: only renamed, or only its mode changed. Nothing in it can be
 * new or fixed, and the diff carries none of its text, so it is neither read nor listed as skipped.
 */
const contentUnchanged = (entry: DiffstatEntry): boolean =>
  entry.old != null && entry.new != null && entry.lines_added === 0 && entry.lines_removed === 0;

/** The diffstat split into files to analyse and files skipped with their reason. */
export function classifyDiffstat(
  diffstat: readonly DiffstatEntry[],
  isIgnored: (path: string) => boolean,
): { wanted: ChunkFile[]; skipped: SkipReason[] } {
  const skipped: SkipReason[] = [];
  const wanted: ChunkFile[] = [];
  for (const entry of diffstat) {
    const reason = skipReasonOf(entry, isIgnored);
    const path = entry.new?.path ?? entry.old?.path ?? '(unknown)';
    if (reason) skipped.push({ path, reason });
    else if (!contentUnchanged(entry)) wanted.push(chunkFileOf(entry));
  }
  return { wanted, skipped };
}

/**
 * Whether the whole diff, unfiltered, holds nothing but the wanted files (and deleted or unchanged ones, which the
 * engine needs no text for): it then costs one request and no `path=` list. A skipped file with a head side
 * (ignored, LFS, a link, a submodule) must stay out of what the engine reads, which would otherwise count it as a
 * changed file whose text is missing; and Bitbucket times out on more files than one diff shows.
 */
function wholeDiffServes(diffstat: readonly DiffstatEntry[], isIgnored: (path: string) => boolean): boolean {
  return (
    diffstat.length <= DIFF_FILES_PER_REQUEST &&
    diffstat.every((e) => !e.new || contentUnchanged(e) || skipReasonOf(e, isIgnored) === undefined)
  );
}

export async function fetchChange(
  api: BitbucketApi,
  source: ChangeSource,
  isIgnored: (path: string) => boolean,
  diffstat?: DiffstatEntry[],
): Promise<FetchedChange> {
  const { repo, fork, headHash, destinationHash } = source;
  // The repository-level diffstat the pull request's own diffstat link redirects to, asked for directly.
  const entries = diffstat ?? (await api.diffstat(repo, headHash, destinationHash, fork));
  const { wanted, skipped } = classifyDiffstat(entries, isIgnored);
  const files = await readWholeFiles(api, source, wanted, wholeDiffServes(entries, isIgnored));
  return { ...files, skipped: [...skipped, ...files.skipped], filesChanged: entries.length };
}
