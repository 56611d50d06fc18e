import type { SkipReason, SourceFile } from '../../engine/types';

/**
 * Largest file read into memory. Codacy skips files over 150 KB (docs/analysis-references.md §4); the engine
 * applies its own limits, so this only keeps huge generated or data files from costing memory and time.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function tooLarge(path: string): SkipReason {
  return { path, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a file's bytes into engine input, or a reason it was skipped. A NUL byte marks a binary file (git's
 * own test). Text must be valid UTF-8: decoding with replacement characters would feed the engine text that
 * is not in the file. The decoder drops a leading BOM.
 */
export function decodeSource(
  path: string,
  bytes: Uint8Array,
): { file: SourceFile } | { skipped: SkipReason } {
  if (bytes.byteLength > MAX_FILE_BYTES) return { skipped: tooLarge(path) };
  if (bytes.includes(0)) return { skipped: { path, reason: 'binary file' } };
  try {
    return { file: { path, text: utf8.decode(bytes) } };
  } catch {
    return { skipped: { path, reason: 'not valid UTF-8 text' } };
  }
}
