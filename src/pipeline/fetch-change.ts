/**
 * Reads a pull request's change from Bitbucket: diffstat (every page), the diff (one request, following the 302),
 * head contents of changed text files with bounded concurrency, and base contents rebuilt by applying the diff in
 * reverse to the head — so a file costs one request, not two. Base is fetched only where the reverse patch cannot
 * work (the diff section did not parse, or did not match the head text).
 */
import type { BitbucketApi } from '../bitbucket/api';
import { BitbucketError } from '../bitbucket/errors';
import type { DiffstatEntry, RepoRef } from '../bitbucket/models';
import { addedLines, forwardApply, parseUnifiedDiff, reverseApply, type FileDiff } from '../diff';
import type { SkipReason, SourceFile } from '../engine/types';
import { mapLimit } from './concurrency';
import type { ChunkFile } from './job';
import { chunkFileOf } from './large-pr';

/** Where the head commit lives: the fork a pull request comes from, or the repository itself. */
export const headRepositoryOf = (source: Pick<ChangeSource, 'repo' | 'fork'>): RepoRef =>
  source.fork ?? source.repo;

/** Parallel `src` reads: enough to hide latency, few enough to stay polite to Bitbucket's rate limits. */
export const FILE_FETCH_CONCURRENCY = 8;

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

export interface FetchedChange {
  base: SourceFile[];
  head: SourceFile[];
  diff: string;
  /** Head path → lines the pull request adds or changes (annotations and inline comments go only there). */
  changedLines: Map<string, Set<number>>;
  skipped: SkipReason[];
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
    else wanted.push(chunkFileOf(entry));
  }
  return { wanted, skipped };
}

export async function fetchChange(
  api: BitbucketApi,
  source: ChangeSource,
  isIgnored: (path: string) => boolean,
  listing?: { diffstat: DiffstatEntry[]; diff: string },
): Promise<FetchedChange> {
  const { repo, fork, headHash, destinationHash } = source;
  // The repository-level diff the pull request's own diff link redirects to, asked for directly: one call each.
  const [diffstat, diff] = listing
    ? [listing.diffstat, listing.diff]
    : await Promise.all([
        api.diffstat(repo, headHash, destinationHash, fork),
        api.diff(repo, headHash, destinationHash, fork),
      ]);
  const { wanted, skipped } = classifyDiffstat(diffstat, isIgnored);
  const files = await fetchFiles(api, source, wanted, diff);
  return { ...files, diff, skipped, filesChanged: diffstat.length };
}

/** Head (and base, by reverse patch) contents of `wanted`, whose sections `diff` holds. */
export async function fetchFiles(
  api: BitbucketApi,
  source: ChangeSource,
  wanted: readonly ChunkFile[],
  diff: string,
): Promise<Pick<FetchedChange, 'base' | 'head' | 'changedLines'>> {
  const { headHash } = source;
  const headRepo = headRepositoryOf(source);
  const fileDiffs = new Map<string, FileDiff>();
  for (const fd of parseUnifiedDiff(diff)) if (fd.newPath) fileDiffs.set(fd.newPath, fd);

  interface Fetched {
    path: string;
    oldPath?: string;
    headText: string;
    baseText?: string;
    fd?: FileDiff;
  }
  const pairs = await mapLimit(wanted, FILE_FETCH_CONCURRENCY, async (file): Promise<Fetched> => {
    const { path } = file;
    const fd = fileDiffs.get(path);
    const headText =
      (file.added ? addedFileText(fd) : undefined) ?? (await api.fileAt(headRepo, headHash, path));
    if (file.added) return { path, headText, fd };
    const oldPath = file.oldPath ?? path;
    return { path, oldPath, headText, baseText: await baseTextOf(api, source, oldPath, headText, fd), fd };
  });

  const head: SourceFile[] = [];
  const base: SourceFile[] = [];
  const changedLines = new Map<string, Set<number>>();
  for (const p of pairs) {
    head.push({ path: p.path, text: p.headText });
    if (p.baseText !== undefined) base.push({ path: p.oldPath ?? p.path, text: p.baseText });
    // A file whose diff section is missing or unparseable counts as changed throughout: better an annotation too
    // many than a new problem hidden.
    changedLines.set(p.path, p.fd && !p.fd.error ? addedLines(p.fd) : everyLine(p.headText));
  }
  return { base, head, changedLines };
}

async function baseTextOf(
  api: BitbucketApi,
  source: ChangeSource,
  oldPath: string,
  headText: string,
  fd: FileDiff | undefined,
): Promise<string> {
  if (fd && !fd.error) {
    try {
      return reverseApply(headText, fd);
    } catch {
      // The diff does not describe this head text (e.g. whitespace-normalised): read base instead.
    }
  }
  try {
    // The merge base is an ancestor of the head, so the head's repository (a fork, maybe) has it too.
    return await api.fileAt(headRepositoryOf(source), await source.mergeBase(), oldPath);
  } catch (error) {
    if (error instanceof BitbucketError && error.kind === 'not-found') return '';
    throw error;
  }
}

function everyLine(text: string): Set<number> {
  const count = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return new Set(Array.from({ length: count }, (_, i) => i + 1));
}

/** An added file is all `+` lines in the diff: its text needs no `src` request when the section parsed cleanly. */
function addedFileText(fd: FileDiff | undefined): string | undefined {
  if (!fd || fd.error || fd.status !== 'added' || fd.hunks.length === 0) return undefined;
  try {
    return forwardApply('', fd);
  } catch {
    return undefined;
  }
}
