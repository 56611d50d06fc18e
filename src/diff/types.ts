/**
 * Model of a unified diff (git flavour, as served by Bitbucket's `GET diff/{spec}`).
 * Line numbers are 1-based. Line `text` excludes the `\n` terminator but keeps a `\r` that belongs to the
 * file content, so CRLF files can be rebuilt byte for byte by `reverseApply` / `forwardApply`.
 */

export type FileDiffStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'binary' | 'mode';

export type DiffLineKind = 'add' | 'del' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  /** Content without the leading marker and without `\n`; a CRLF file's lines end with `\r`. */
  text: string;
  /** Line number on the base side (context and del lines). */
  oldLine?: number;
  /** Line number on the head side (context and add lines). */
  newLine?: number;
  /** Set when git printed "\ No newline at end of file" after this line. */
  noNewlineAtEnd?: true;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second `@@` (git's function context), trimmed; empty when absent. */
  section: string;
  lines: DiffLine[];
}

export interface FileDiff {
  /** Base-side path without the `a/` prefix; null for added files. */
  oldPath: string | null;
  /** Head-side path without the `b/` prefix; null for removed files. */
  newPath: string | null;
  status: FileDiffStatus;
  hunks: Hunk[];
  /** File modes from `old mode`/`new mode`/`new file mode`/`deleted file mode`/`index` lines, when given. */
  oldMode?: string;
  newMode?: string;
  /**
   * Abbreviated blob ids from the `index <old>..<new>` line, when given: an added file with no hunks is empty only
   * when its blob is git's empty blob (src/diff/full-context.ts).
   */
  oldBlob?: string;
  newBlob?: string;
  /** Percentage from `similarity index`, for renames and copies. */
  similarity?: number;
  /**
   * True for `copy from`/`copy to` sections (git diff -C). Status is then 'added', `oldPath` is the copy
   * source (which still exists) and reverseApply rebuilds the source's text.
   */
  copied?: true;
  /**
   * Set when this file's section could not be parsed. The other files of the diff are still returned;
   * `hunks` then holds only the hunks read before the error and must not be trusted (reverseApply refuses).
   */
  error?: DiffParseError;
}

/** Malformed diff text. `line` is the 1-based line of the diff text where parsing stopped. */
export class DiffParseError extends Error {
  override readonly name = 'DiffParseError';
  constructor(
    readonly line: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`Diff line ${line}: expected ${expected}, found ${found}`);
  }
}

/** The head (or base) text does not match what the diff says it should contain. */
export class PatchMismatchError extends Error {
  override readonly name = 'PatchMismatchError';
  constructor(
    readonly path: string | null,
    /** 1-based line of the text that was being patched. */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`Cannot apply diff of ${path ?? '(unknown file)'} at line ${line}: ${reason}`);
  }
}
