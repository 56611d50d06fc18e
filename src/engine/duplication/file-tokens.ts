import type { LanguageId } from '../types';
import { scanTokens } from './tokenizer';

/**
 * One file's tokens as the clone search takes them: texts interned within the file, so a stream is a few typed
 * arrays and a short vocabulary, and the whole-run search only interns each file's vocabulary, not every token (on
 * ESLint's lib/, 306,631 tokens in 35,000 distinct texts).
 */
export interface FileTokens {
  /** The file's distinct token texts; `ids` index into it. */
  vocabulary: string[];
  ids: Int32Array;
  /** 1-based line where each token starts, and where it ends (differs for multi-line strings). */
  startLines: Int32Array;
  endLines: Int32Array;
}

export function fileTokens(text: string, language: LanguageId, normalize: boolean): FileTokens {
  return scanTokens(text, language, normalize);
}

/** The texts of tokens [from, to) of a file. */
export function tokenTexts(tokens: FileTokens, from: number, to: number): string[] {
  return Array.from(tokens.ids.subarray(from, to), (id) => tokens.vocabulary[id] as string);
}
