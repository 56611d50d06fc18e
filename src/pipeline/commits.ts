/**
 * Commit-hash helpers with no imports, so the light handlers (trigger, merge check) can use them without loading the
 * engine or the publisher (docs/architecture.md).
 */

/** Abbreviations of different lengths name the same commit when the shorter is a prefix of the longer. */
export function sameCommit(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return n >= 7 && a.slice(0, n).toLowerCase() === b.slice(0, n).toLowerCase();
}

/** The 12-character form Bitbucket shows and sends in events. */
export const shortHash = (hash: string): string => hash.slice(0, 12);
