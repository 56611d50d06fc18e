/**
 * Hidden markers that let Lintel find its own comments again. Bitbucket escapes raw HTML, so `<!-- -->` would
 * show; an unreferenced markdown link reference definition renders as nothing but stays in `content.raw`
 * (bitbucket-api.md §4). A definition cannot interrupt a paragraph, so markers always open the comment.
 */

/** Text every Lintel marker contains; used as the server-side `content.raw ~` filter of the comment listing. */
export const MARKER_PREFIX = 'lintel:';

const MARKER_TARGET = 'https://bitbucket.org';

export const SUMMARY_MARKER = `[${MARKER_PREFIX}summary]: ${MARKER_TARGET}`;

/** Fingerprints are hex today; anything else is reduced to what a link label may hold. */
const safeFingerprint = (fingerprint: string): string => fingerprint.replace(/[^A-Za-z0-9._-]/g, '_');

export function findingMarker(fingerprint: string): string {
  return `[${MARKER_PREFIX}finding:${safeFingerprint(fingerprint)}]: ${MARKER_TARGET}`;
}

/** Marks an inline comment the AI review wrote, so later runs count it against the review's per-PR cap. */
export const AI_MARKER = `[${MARKER_PREFIX}ai]: ${MARKER_TARGET}`;

export function hasAiMarker(raw: string): boolean {
  return raw.split(/\r?\n/).some((line) => line.trim() === AI_MARKER);
}

export function hasSummaryMarker(raw: string): boolean {
  return raw.split(/\r?\n/).some((line) => line.trim() === SUMMARY_MARKER);
}

const FINDING_MARKER_LINE = /^\[lintel:finding:([A-Za-z0-9._-]+)\]:\s/;

/** Fingerprints named by finding markers on their own lines of a comment. */
export function findingMarkersIn(raw: string): string[] {
  const found: string[] = [];
  for (const line of raw.split(/\r?\n/)) {
    const match = FINDING_MARKER_LINE.exec(line.trim());
    if (match?.[1]) found.push(match[1]);
  }
  return found;
}

/** Normalises a fingerprint the way markers store it, to compare a finding with a parsed marker. */
export const markerKeyOf = safeFingerprint;
