/**
 * Building request paths safely. Segments follow Forge's `route` rule (no `/`, `\`, `?`, `#` or `..`), so a value
 * from an event or a diff can never change which endpoint is called; file paths are checked segment by segment and
 * percent-encoded.
 */
import type { ApiPath, PathSegment, QueryValue } from './types';

const FORBIDDEN_IN_SEGMENT = ['/', '\\', '?', '#'];

export class UnsafePathError extends Error {
  override readonly name = 'UnsafePathError';
}

export function checkSegment(value: string | number): string {
  const s = String(value);
  if (s === '' || s === '.' || s.includes('..') || FORBIDDEN_IN_SEGMENT.some((c) => s.includes(c))) {
    throw new UnsafePathError(`refusing ${JSON.stringify(s)} as a URL path segment`);
  }
  return s;
}

/** A repository-relative file path: no empty, `.` or `..` segments, no NUL, not absolute. */
export function checkFilePath(filePath: string): string[] {
  const parts = filePath.split('/');
  if (filePath.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new UnsafePathError(`refusing ${JSON.stringify(filePath)} as a repository file path`);
  }
  return parts;
}

export function queryString(query: ApiPath['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    const values: readonly QueryValue[] = Array.isArray(value) ? value : [value as QueryValue];
    for (const v of values) params.append(key, String(v));
  }
  return params.toString();
}

/** Bitbucket's separator between the two sides of a fork diff spec: a percent-encoded carriage return. */
export const FORK_SPEC_SEPARATOR = '%0D';

/**
 * A segment as URL text: ranges become `from..to`, fork ranges `{ws}/{repo}:{from}%0D{to}`, each part checked.
 * The fork form's `/` is Bitbucket's own (the repository-level diff spans two path segments there).
 */
export function segmentText(segment: PathSegment): string {
  const part = (value: string | number): string => encodeURIComponent(checkSegment(value));
  if (typeof segment !== 'object') return part(segment);
  if ('range' in segment) return segment.range.map(part).join('..');
  const { repo, from, to } = segment.forkRange;
  return `${part(repo.workspace)}/${part(repo.repository)}:${part(from)}${FORK_SPEC_SEPARATOR}${part(to)}`;
}

/** `/2.0/…` with every segment checked and percent-encoded. */
export function relativeUrl(path: ApiPath): string {
  const segments = path.segments.map(segmentText);
  const file = path.filePath === undefined ? [] : checkFilePath(path.filePath).map(encodeURIComponent);
  const query = queryString(path.query);
  return `/2.0/${[...segments, ...file].join('/')}${query ? `?${query}` : ''}`;
}
