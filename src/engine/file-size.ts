/** The largest file Lintel analyses, and how a size is said to a user. Shared by the engine, the pipeline and the CLI. */

/**
 * SonarQube's JavaScript/TypeScript analyser skips files over 1,000 KB (`sonar.javascript.maxFileSize`, default
 * 1000), and GitHub Linguist calls a blob over 1 MiB too large to classify (`blob_helper.rb`, `MEGABYTE`). Hand-written
 * files this large exist (webpack's `lib/Compilation.js` is 228 KB); bench/large-files.ts measures the cost.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

const KB = 1024;
const MB = 1024 * 1024;

function trimmed(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** "812 bytes", "228 KB", "1.4 MB": the unit a person would use (KB and MB of 1,024). */
export function describeSize(bytes: number): string {
  if (bytes < KB) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.round(bytes / KB)} KB`;
  return `${trimmed(Math.round((bytes / MB) * 10) / 10)} MB`;
}

/**
 * Why a file of `bytes` is not analysed under `limit`, e.g. "1.4 MB is over the 1 MB limit". Just past the limit the
 * rounded sizes would read alike ("1 MB is over the 1 MB limit"), so both are then given in bytes.
 */
export function oversizeReason(bytes: number, limit: number): string {
  const size = describeSize(bytes);
  const max = describeSize(limit);
  if (size !== max) return `${size} is over the ${max} limit`;
  const grouped = (n: number) => n.toLocaleString('en-US');
  return `${grouped(bytes)} bytes is over the ${grouped(limit)}-byte limit`;
}
