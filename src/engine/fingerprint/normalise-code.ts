/**
 * Code as a fingerprint sees it: whitespace runs collapsed to one space and trimmed, so re-indenting or
 * moving code does not change identity. Lines out of range contribute nothing.
 */
export function normaliseCode(lines: readonly string[], startLine: number, endLine = startLine): string {
  const picked = lines.slice(Math.max(0, startLine - 1), Math.max(0, endLine));
  return picked.join(' ').replace(/\s+/g, ' ').trim();
}
