import { PatchMismatchError, type DiffLine, type FileDiff } from './types';

/**
 * Rebuilds one side of a file from the other side plus its diff. Bitbucket serves the PR diff and the
 * head files cheaply; rebuilding the base from them saves one `src` request per changed file. Every
 * context and changed line is checked against the given text, so a diff that does not belong to it
 * throws PatchMismatchError instead of producing a plausible but wrong file (the caller then fetches it).
 */

type Side = 'old' | 'new';

/** Base text of the file from its head text (the text after the change). */
export function reverseApply(headText: string, fd: FileDiff): string {
  return applySide(headText, fd, 'new');
}

/** Head text of the file from its base text (the text before the change). */
export function forwardApply(baseText: string, fd: FileDiff): string {
  return applySide(baseText, fd, 'old');
}

/** Head-side line numbers that the change added or rewrote (modified lines appear as del + add). */
export function addedLines(fd: FileDiff): Set<number> {
  const result = new Set<number>();
  for (const hunk of fd.hunks) {
    for (const line of hunk.lines) {
      if (line.kind === 'add' && line.newLine !== undefined) result.add(line.newLine);
    }
  }
  return result;
}

/** Splits text into lines that keep their `\n`, so joining them gives the text back exactly. */
function splitKeepingNewlines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function withTerminator(line: DiffLine): string {
  return line.noNewlineAtEnd ? line.text : line.text + '\n';
}

function applySide(known: string, fd: FileDiff, knownSide: Side): string {
  if (typeof known !== 'string')
    throw new PatchMismatchError(fd.newPath ?? fd.oldPath, 0, 'text is not a string');
  const path = (knownSide === 'new' ? fd.newPath : fd.oldPath) ?? fd.newPath ?? fd.oldPath;
  if (fd.error)
    throw new PatchMismatchError(path, 0, `the diff of this file did not parse: ${fd.error.message}`);
  if (fd.status === 'binary') throw new PatchMismatchError(path, 0, 'binary files have no text hunks');
  const source = splitKeepingNewlines(known);
  const out: string[] = [];
  const dropKind = knownSide === 'new' ? 'add' : 'del';
  let next = 0; // index into `source` of the first line not yet consumed
  for (const hunk of fd.hunks) {
    const start = knownSide === 'new' ? hunk.newStart : hunk.oldStart;
    const count = knownSide === 'new' ? hunk.newLines : hunk.oldLines;
    // A side with zero lines names the line *after which* the hunk applies (git-diff(1)).
    const hunkIndex = count === 0 ? start : start - 1;
    if (hunkIndex < next || hunkIndex > source.length) {
      throw new PatchMismatchError(path, hunkIndex + 1, 'hunks out of order or beyond the end of the text');
    }
    while (next < hunkIndex) out.push(source[next++] as string);
    for (const line of hunk.lines) {
      if (line.kind === 'context' || line.kind === dropKind) {
        const actual = source[next];
        const expected = withTerminator(line);
        if (actual !== expected) {
          const why = actual === undefined ? 'the text ends early' : 'the text differs from the diff';
          throw new PatchMismatchError(path, next + 1, why);
        }
        next++;
        if (line.kind === 'context') out.push(actual);
      } else {
        out.push(withTerminator(line));
      }
    }
  }
  while (next < source.length) out.push(source[next++] as string);
  return out.join('');
}
