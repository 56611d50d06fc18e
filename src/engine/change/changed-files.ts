/** What a unified diff says changed, per file, in terms of head-side lines. */
import type { FileDiff } from '../../diff/types';

/** Head lines a change touched; `'all'` when the file's diff could not be trusted. */
export type TouchedLines = ReadonlySet<number> | 'all';

export interface ChangedFile {
  /** Path at base, or null for an added file. */
  basePath: string | null;
  /** Path at head, or null for a removed file. */
  headPath: string | null;
  /** Head lines added or changed. */
  added: TouchedLines;
  /** `added` plus the head lines where deletions happened: a function that only lost lines was touched too. */
  touched: TouchedLines;
  /** Set when the file's diff section was malformed. */
  diffError?: string;
}

function linesOf(fileDiff: FileDiff): { added: Set<number>; touched: Set<number> } {
  const added = new Set<number>();
  const touched = new Set<number>();
  for (const hunk of fileDiff.hunks) {
    // Head line that follows the lines seen so far; a deletion "happens" there.
    let nextHeadLine = hunk.newStart;
    for (const line of hunk.lines) {
      if (line.kind === 'del') {
        touched.add(Math.max(1, nextHeadLine));
        // The line before the gap is the other edge of the deletion (e.g. deleted last lines of a body).
        if (nextHeadLine > 1) touched.add(nextHeadLine - 1);
        continue;
      }
      const headLine = line.newLine ?? nextHeadLine;
      if (line.kind === 'add') {
        added.add(headLine);
        touched.add(headLine);
      }
      nextHeadLine = headLine + 1;
    }
  }
  return { added, touched };
}

/** One entry per file of the diff whose content changed (binary files, pure renames and mode-only changes excluded). */
export function changedFilesOf(diff: readonly FileDiff[]): ChangedFile[] {
  const result: ChangedFile[] = [];
  for (const fileDiff of diff) {
    if (fileDiff.status === 'binary') continue;
    const basePath = fileDiff.status === 'added' ? null : fileDiff.oldPath;
    const headPath = fileDiff.status === 'removed' ? null : fileDiff.newPath;
    if (fileDiff.error) {
      result.push({ basePath, headPath, added: 'all', touched: 'all', diffError: fileDiff.error.message });
      continue;
    }
    const { added, touched } = linesOf(fileDiff);
    // Only a new mode or a new name: no line changed, so nothing in the file can be new or fixed.
    if ((fileDiff.status === 'mode' || fileDiff.status === 'renamed') && touched.size === 0) continue;
    result.push({ basePath, headPath, added, touched });
  }
  return result;
}

/** True when any line in [from, to] is in `lines`. */
export function touchesRange(lines: TouchedLines, from: number, to: number): boolean {
  if (lines === 'all') return true;
  if (to - from + 1 > lines.size) {
    for (const line of lines) if (line >= from && line <= to) return true;
    return false;
  }
  for (let line = from; line <= to; line++) if (lines.has(line)) return true;
  return false;
}

/** Base path → head path for every renamed file (copies keep their source, so they are not renames). */
export function renamesOf(diff: readonly FileDiff[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const fileDiff of diff) {
    if (fileDiff.copied || !fileDiff.oldPath || !fileDiff.newPath) continue;
    if (
      fileDiff.oldPath !== fileDiff.newPath &&
      fileDiff.status !== 'added' &&
      fileDiff.status !== 'removed'
    ) {
      renames.set(fileDiff.oldPath, fileDiff.newPath);
    }
  }
  return renames;
}
