/** Limits of per-file analysis. Files beyond them are skipped with a reason shown to the user. */

/** 1 MB, SonarQube's limit for JavaScript (../file-size.ts); the facade screens first, this guards direct callers. */
export { MAX_FILE_BYTES } from '../file-size';

/**
 * Average characters per line above which a file is treated as minified (hand-written code is ~30–40). One long
 * line (a data table, a long regular expression) does not make a file minified: SonarQube analyses such files, so
 * skipping them would set aside hand-written code (webpack's `html/syntax.js` has a 32,616-character table line).
 */
export const MINIFIED_AVERAGE_LINE_LENGTH = 300;

/**
 * Default time budget for parsing and measuring one file. A 1 MB file of ordinary code takes about 3 s on the
 * benchmark machine (2 shared cores, bench/large-files.ts), so 10 s only stops pathological inputs, and still lets
 * a chunk of 40 such files finish inside a 900 s consumer.
 */
export const DEFAULT_FILE_TIMEOUT_MS = 10_000;
