/**
 * Whole files from a full-context diff. Asked with more lines of context than a file has, git prints one hunk per
 * file that starts at its first line and runs to its last, so both sides can be read off the hunk: base = context
 * and `-` lines, head = context and `+` lines, each with its own terminator (`\ No newline at end of file` and CRLF
 * kept). That saves reading every changed file on its own (docs/architecture.md, "Reading a change").
 *
 * Nothing here guesses. A section that cannot hold a whole file — it did not parse, it is binary, it has gaps
 * between hunks, it does not start at line 1 — answers `whole: false` with the reason. One that looks whole is
 * still checked against the blob ids git prints on its `index` line: the text rebuilt for each side must hash to
 * that side's id. Where a hunk merely stops early (a server that sends less context than asked, a file longer than
 * the context) nothing in the hunk shows it, but the id does not match, and the caller reads that file another way.
 */
import { createHash } from 'node:crypto';
import type { DiffLine, FileDiff, Hunk } from './types';

/** git's empty blob; `index` lines abbreviate it (to 7 characters by default). */
const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
const SHORTEST_ABBREVIATION = 7;

export type WholeFile =
  /** `null`: the file does not exist on that side (added, or deleted). */
  { whole: true; base: string | null; head: string | null } | { whole: false; reason: string };

const notWhole = (reason: string): WholeFile => ({ whole: false, reason });

/** Whether `blob` (as an `index` line abbreviates it) names the git blob whose full id is `id`. */
const names = (blob: string | undefined, id: string): boolean =>
  blob !== undefined && blob.length >= SHORTEST_ABBREVIATION && id.startsWith(blob);

const isEmptyBlob = (blob: string | undefined): boolean => names(blob, EMPTY_BLOB);

/** git's id of a blob holding `text` as UTF-8: sha1 of "blob <bytes>\0" and the bytes (git-hash-object(1)). */
export function gitBlobId(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Whether the section names a base side and a head side (a copy's base is its source). */
const hasBase = (fd: FileDiff): boolean => fd.status !== 'added' || fd.copied === true;
const hasHead = (fd: FileDiff): boolean => fd.status !== 'removed';

/** A hunk's side starts at the top: line 1, or 0 for a side with no lines (git-diff(1)). */
const startsAtTop = (start: number, count: number): boolean => (count === 0 ? start === 0 : start === 1);

/** The text of one side, or why the hunk's terminators do not make one (a no-newline mark before the end). */
function sideText(lines: readonly DiffLine[]): string | undefined {
  let text = '';
  for (const [i, line] of lines.entries()) {
    if (line.noNewlineAtEnd && i < lines.length - 1) return undefined;
    text += line.noNewlineAtEnd ? line.text : `${line.text}\n`;
  }
  return text;
}

/** Unchanged lines after the last change: when they number `context`, the file may go on past the hunk. */
function trailingContext(hunk: Hunk): number {
  let n = 0;
  for (let i = hunk.lines.length - 1; i >= 0 && hunk.lines[i]?.kind === 'context'; i--) n++;
  return n;
}

/** A section without hunks: whole only for an added or deleted empty file, known by its empty blob. */
function withoutHunks(fd: FileDiff): WholeFile {
  if (fd.status === 'added' && !fd.copied && isEmptyBlob(fd.newBlob)) {
    return { whole: true, base: null, head: '' };
  }
  if (fd.status === 'removed' && isEmptyBlob(fd.oldBlob)) return { whole: true, base: '', head: null };
  if (fd.status === 'renamed' || fd.status === 'mode') {
    return notWhole('its content did not change, so the diff carries none of it');
  }
  return notWhole('the diff shows no lines of it');
}

/**
 * Both sides of the file `fd` describes, when its section proves it holds the whole file; `context` is the number
 * of context lines the diff was asked for.
 */
export function wholeFileOf(fd: FileDiff, context: number): WholeFile {
  if (fd.error) return notWhole(`its diff section did not parse (${fd.error.message})`);
  if (fd.status === 'binary') return notWhole('it is a binary file');
  if (fd.hunks.length === 0) return withoutHunks(fd);
  const [hunk] = fd.hunks;
  if (fd.hunks.length > 1 || !hunk) return notWhole('its diff has gaps between hunks');
  if (!startsAtTop(hunk.oldStart, hunk.oldLines) || !startsAtTop(hunk.newStart, hunk.newLines)) {
    return notWhole("its diff does not start at the file's first line");
  }
  if (trailingContext(hunk) >= context) return notWhole('it may be longer than the context the diff carries');
  if (!hasBase(fd) && hunk.oldLines > 0) return notWhole('the diff gives an added file a base side');
  const base = sideText(hunk.lines.filter((l) => l.kind !== 'add'));
  const head = sideText(hunk.lines.filter((l) => l.kind !== 'del'));
  if (base === undefined || head === undefined) {
    return notWhole('its diff marks a line before the end as having no newline');
  }
  if (fd.oldBlob === undefined || fd.newBlob === undefined) {
    return notWhole('its diff names no blob ids to check the text against');
  }
  if (
    (hasBase(fd) && !names(fd.oldBlob, gitBlobId(base))) ||
    (hasHead(fd) && !names(fd.newBlob, gitBlobId(head)))
  ) {
    return notWhole(
      'the text in its diff does not match its blob id (the diff stops before the end of the file)',
    );
  }
  return { whole: true, base: hasBase(fd) ? base : null, head: hasHead(fd) ? head : null };
}
