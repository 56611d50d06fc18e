/** Limits of per-file analysis. Files beyond them are skipped with a reason shown to the user. */

/** Codacy skips files larger than 150 KB (docs/analysis-references.md §4); so does Lintel. */
export const MAX_FILE_BYTES = 150 * 1024;

/**
 * A line this long is generated or minified code (bundles, source maps, inlined data): its metrics
 * would describe a tool's output, not anybody's code.
 */
export const MAX_LINE_LENGTH = 5_000;

/** Average characters per line above which a file is treated as minified (hand-written code is ~30–40). */
export const MINIFIED_AVERAGE_LINE_LENGTH = 300;

/**
 * Default time budget for parsing and measuring one file. 150 KB of JavaScript parses in well under
 * 100 ms on the benchmark machine (bench/metrics.ts), so this only stops pathological inputs.
 */
export const DEFAULT_FILE_TIMEOUT_MS = 3_000;
