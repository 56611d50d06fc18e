import type { LanguageId, SourceFile } from '../types';

export interface CloneLocation {
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

/** One copy-paste: `second` repeats `first` (which comes earlier in input order, or earlier in the file). */
export interface DuplicateBlock {
  /** Number of tokens the two locations share. */
  tokens: number;
  /** Lines covered by `second`. */
  lines: number;
  /** Stable hex hash of the duplicated token sequence; equal code gives an equal fingerprint across runs. */
  fingerprint: string;
  first: CloneLocation;
  second: CloneLocation;
}

export type DuplicationInput = SourceFile & { language: LanguageId };

export interface DuplicationOptions {
  /** Shortest clone in tokens (default 50, jscpd's default). */
  minTokens?: number;
  /** Shortest clone in lines (default 6; jscpd's default is 5, Codacy's engines use 6+). */
  minLines?: number;
  /**
   * Also report renamed copies (type-2 clones): identifiers and literals compare equal regardless of
   * their text. Off by default, like jscpd's `mild` mode, because it flags look-alike boilerplate.
   */
  normalizeIdentifiers?: boolean;
}

export class DuplicationInputError extends Error {
  override readonly name = 'DuplicationInputError';
}
