/**
 * The text of a change's files, read off full-context diffs (docs/architecture.md, "Reading a change"): asked with
 * more context lines than any file Lintel analyses has, Bitbucket's diff carries every changed file whole, so base
 * and head of a pull request's files cost one request per diff slice rather than one per file.
 *
 * - A slice is the whole diff, or the files of one `path=` batch (planDiffBatches); one that answers 555 is split
 *   in two until it fits.
 * - A file the diff cannot give whole (src/diff/full-context.ts says why) is read on its own: head from `src`, base
 *   by reverse patch or from the merge base, as before this module existed. Those files are analysed, and listed in
 *   `readSeparately` with the reason, not in `skipped`.
 * - A file whose diff Bitbucket cannot build even alone is skipped as not analysed, with that reason: without its
 *   diff no finding in it could be told new.
 */
import type { BitbucketApi } from '../bitbucket/api';
import { BitbucketError } from '../bitbucket/errors';
import { addedLines, parseUnifiedDiff, reverseApply, wholeFileOf, type FileDiff } from '../diff';
import type { SkipReason, SourceFile } from '../engine/types';
import { mapLimit } from './concurrency';
import { planDiffBatches } from './diff-batches';
import type { ChunkFile } from './job';
import type { ChangeSource } from './fetch-change';

/**
 * Context lines asked for: more than a file Lintel analyses can have (at most 1 MiB, MAX_FILE_BYTES, so at most
 * 1,048,576 lines), so every such file's hunk is the whole file. A longer file is read on its own.
 */
export const FULL_CONTEXT_LINES = 1_048_576;

/** Diff slices and `src` reads in flight at once: enough to hide latency, few enough for Bitbucket's rate limits. */
export const READ_CONCURRENCY = 8;

export const DIFF_TOO_LARGE_REASON = 'Bitbucket could not build its diff (HTTP 555: too large)';

export interface WholeFiles {
  base: SourceFile[];
  head: SourceFile[];
  /** Every diff text read, joined: the engine finds the changed lines of each file in it. */
  diff: string;
  /** Head path → lines the change adds or rewrites (annotations and inline comments go only there). */
  changedLines: Map<string, Set<number>>;
  skipped: SkipReason[];
  /** Files analysed from their own `src` reads, and why the diff could not give them whole. */
  readSeparately: SkipReason[];
}

/** What one diff request gave: its text, its sections by head path, and whether its context can be trusted. */
interface Slice {
  texts: string[];
  sections: Map<string, FileDiff>;
  /** False for a slice read with the server's default context (it refused the large one): nothing in it is whole. */
  whole: boolean;
  /** Files whose diff answered 555 even alone. */
  tooLarge: ChunkFile[];
}

const namesOf = (f: ChunkFile): string[] => (f.oldPath ? [f.path, f.oldPath] : [f.path]);
const isTooLarge = (error: unknown): boolean => error instanceof BitbucketError && error.kind === 'too-large';
const isRefused = (error: unknown): boolean => error instanceof BitbucketError && error.status === 400;

function sliceOf(text: string, whole: boolean): Slice {
  const files = parseUnifiedDiff(text);
  const sections = new Map<string, FileDiff>();
  for (const fd of files) if (fd.newPath) sections.set(fd.newPath, fd);
  return { texts: [text], sections, whole, tooLarge: [] };
}

function joinSlices(slices: readonly Slice[]): Slice {
  const sections = new Map<string, FileDiff>();
  for (const s of slices) for (const [path, fd] of s.sections) sections.set(path, fd);
  return {
    texts: slices.flatMap((s) => s.texts),
    sections,
    whole: slices.every((s) => s.whole),
    tooLarge: slices.flatMap((s) => s.tooLarge),
  };
}

interface Reader {
  api: BitbucketApi;
  source: ChangeSource;
}

/**
 * The full-context diff of `files` (all of the change's when `paths` is false), split in two on every 555. A
 * server that refuses the large context (400; Bitbucket documents none, so this is a guard) is asked again with its
 * default context, and every file of that slice is then read on its own.
 */
async function readSlice(reader: Reader, files: readonly ChunkFile[], paths: boolean): Promise<Slice> {
  const { api, source } = reader;
  const ask = (context?: number) =>
    api.diff(source.repo, source.headHash, source.destinationHash, {
      ...(source.fork ? { fork: source.fork } : {}),
      ...(context === undefined ? {} : { context }),
      ...(paths ? { paths: files.flatMap(namesOf) } : {}),
    });
  try {
    return sliceOf(await ask(FULL_CONTEXT_LINES), true);
  } catch (error) {
    if (isRefused(error)) return sliceOf(await ask(), false);
    if (!isTooLarge(error)) throw error;
  }
  if (files.length === 1) return { texts: [], sections: new Map(), whole: true, tooLarge: [...files] };
  const half = Math.ceil(files.length / 2);
  const parts = await mapLimit([files.slice(0, half), files.slice(half)], 2, (part) =>
    readSlice(reader, part, true),
  );
  return joinSlices(parts);
}

/** A single file's diff with Bitbucket's default context, for a file whose full-context diff answered 555. */
async function ordinaryDiffOf(reader: Reader, file: ChunkFile): Promise<Slice | undefined> {
  const { api, source } = reader;
  try {
    const text = await api.diff(source.repo, source.headHash, source.destinationHash, {
      ...(source.fork ? { fork: source.fork } : {}),
      paths: namesOf(file),
    });
    return sliceOf(text, false);
  } catch (error) {
    if (isTooLarge(error)) return undefined;
    throw error;
  }
}

/** Where the head commit lives: the fork a pull request comes from, or the repository itself. */
const headRepositoryOf = (source: ChangeSource) => source.fork ?? source.repo;

/** Head from `src`; base by reverse patch when the section describes that head, else from the merge base. */
async function readOnItsOwn(
  reader: Reader,
  file: ChunkFile,
  fd: FileDiff,
): Promise<{ head: string; base: string | undefined }> {
  const { api, source } = reader;
  const head = await api.fileAt(headRepositoryOf(source), source.headHash, file.path);
  if (file.added) return { head, base: undefined };
  if (!fd.error) {
    try {
      return { head, base: reverseApply(head, fd) };
    } catch {
      // The section does not describe this head text (a truncated or whitespace-normalised diff): read the base.
    }
  }
  try {
    // The merge base is an ancestor of the head, so the head's repository (a fork, maybe) has it too.
    const base = await api.fileAt(
      headRepositoryOf(source),
      await source.mergeBase(),
      file.oldPath ?? file.path,
    );
    return { head, base };
  } catch (error) {
    if (error instanceof BitbucketError && error.kind === 'not-found') return { head, base: undefined };
    throw error;
  }
}

function everyLine(text: string): Set<number> {
  const count = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return new Set(Array.from({ length: count }, (_, i) => i + 1));
}

/** Joins diff texts so each section starts on a line of its own. */
const joinDiffs = (texts: readonly string[]): string =>
  texts.map((t) => (t === '' || t.endsWith('\n') ? t : `${t}\n`)).join('');

/**
 * Base and head of `files` from full-context diffs; `wholeDiff` asks for the change's whole diff in one request
 * (when every changed file is wanted), otherwise `path=` batches of `files`.
 */
export async function readWholeFiles(
  api: BitbucketApi,
  source: ChangeSource,
  files: readonly ChunkFile[],
  wholeDiff: boolean,
): Promise<WholeFiles> {
  const reader: Reader = { api, source };
  const result: WholeFiles = {
    base: [],
    head: [],
    diff: '',
    changedLines: new Map(),
    skipped: [],
    readSeparately: [],
  };
  if (files.length === 0) return result;
  const batches = wholeDiff ? [files] : planDiffBatches(files);
  const slice = joinSlices(
    await mapLimit(batches, READ_CONCURRENCY, (b) => readSlice(reader, b, !wholeDiff)),
  );
  const texts = [...slice.texts];

  const alone: { file: ChunkFile; fd: FileDiff; reason: string }[] = [];
  const tooLarge = new Set(slice.tooLarge.map((f) => f.path));
  for (const file of files) {
    const fd = slice.sections.get(file.path);
    if (!fd) {
      if (!tooLarge.has(file.path)) {
        const reason = 'the diff Bitbucket sent has no section for it';
        result.skipped.push({ path: file.path, reason, kind: 'not-analysed' });
      }
      continue;
    }
    const whole = slice.whole
      ? wholeFileOf(fd, FULL_CONTEXT_LINES)
      : { whole: false as const, reason: 'Bitbucket refused the whole-file context (HTTP 400)' };
    if (!whole.whole || whole.head === null) {
      alone.push({ file, fd, reason: whole.whole ? 'the diff shows it deleted' : whole.reason });
      continue;
    }
    result.head.push({ path: file.path, text: whole.head });
    if (!file.added && whole.base !== null)
      result.base.push({ path: file.oldPath ?? file.path, text: whole.base });
    result.changedLines.set(file.path, addedLines(fd));
  }

  // A file whose full-context diff was too large even alone: its ordinary diff, then its text on its own.
  const ordinary = await mapLimit(
    files.filter((f) => tooLarge.has(f.path)),
    READ_CONCURRENCY,
    async (file) => ({ file, slice: await ordinaryDiffOf(reader, file) }),
  );
  for (const { file, slice: own } of ordinary) {
    const fd = own?.sections.get(file.path);
    if (!own || !fd) {
      result.skipped.push({ path: file.path, reason: DIFF_TOO_LARGE_REASON, kind: 'not-analysed' });
      continue;
    }
    texts.push(...own.texts);
    alone.push({ file, fd, reason: 'its whole-file diff was too large for Bitbucket (HTTP 555)' });
  }

  const read = await mapLimit(alone, READ_CONCURRENCY, async (a) => ({
    ...a,
    ...(await readOnItsOwn(reader, a.file, a.fd)),
  }));
  for (const r of read) {
    result.head.push({ path: r.file.path, text: r.head });
    if (r.base !== undefined) result.base.push({ path: r.file.oldPath ?? r.file.path, text: r.base });
    // A section that did not parse counts as changed throughout: an annotation too many beats a problem hidden.
    result.changedLines.set(r.file.path, r.fd.error ? everyLine(r.head) : addedLines(r.fd));
    result.readSeparately.push({ path: r.file.path, reason: r.reason });
  }
  result.diff = joinDiffs(texts);
  return result;
}
