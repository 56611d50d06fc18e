import { UserError } from '../io';

/** Why a listed file was not analysed, as the settings' ignore patterns are not a skip reason of their own. */
export const IGNORED_BY_SETTINGS = "matches the settings' ignore patterns";

function countByReason(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${reason}: ${n}`).join(', ');
}

/**
 * The error for a files-mode run that found nothing the engine could judge. A "PASSED" here would vouch for
 * code nobody looked at, so it is bad input (exit 2) that says what was found instead.
 * `reasons` holds one entry per file found and not analysed.
 */
export function nothingToAnalyze(paths: readonly string[], reasons: readonly string[]): UserError {
  const where = paths.join(', ');
  if (reasons.length === 0) {
    return new UserError(
      `nothing to analyse: no files in ${where} (files .gitignore excludes, node_modules and .git are left out)`,
    );
  }
  const files = reasons.length === 1 ? '1 file' : `${reasons.length} files`;
  return new UserError(
    `nothing to analyse: found ${files} in ${where}, none of them source text (${countByReason(reasons)})`,
  );
}
