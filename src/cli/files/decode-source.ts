import { MAX_FILE_BYTES, oversizeReason } from '../../engine/file-size';
import type { SkipReason, SourceFile } from '../../engine/types';

/**
 * The engine's own limit (1 MB), checked before reading so a file it would refuse never costs memory, and said in
 * the engine's words.
 */
export { MAX_FILE_BYTES };

export function tooLarge(path: string, bytes: number): SkipReason {
  return { path, reason: oversizeReason(bytes, MAX_FILE_BYTES) };
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
  if (bytes.byteLength > MAX_FILE_BYTES) return { skipped: tooLarge(path, bytes.byteLength) };
  if (bytes.includes(0)) return { skipped: { path, reason: 'binary file' } };
  try {
    return { file: { path, text: utf8.decode(bytes) } };
  } catch {
    return { skipped: { path, reason: 'not valid UTF-8 text' } };
  }
}
