/** Bitbucket's page-numbered collections: `values`, `page`, `pagelen`, `size` and an absolute `next` URL. */
import { badRequest } from './errors';
import type { Json, JsonObject } from './types';

export interface PageLimits {
  defaultPagelen: number;
  maxPagelen: number;
}

/** Comments and most collections: default 10, at most 100 (bitbucket-api.md §4). */
export const DEFAULT_PAGE_LIMITS: PageLimits = { defaultPagelen: 10, maxPagelen: 100 };
/** Diffstat: default 500, at most 5,000 (paginated_diffstats schema). */
export const DIFFSTAT_PAGE_LIMITS: PageLimits = { defaultPagelen: 500, maxPagelen: 5000 };

export function paginate(values: Json[], requestUrl: URL, limits: PageLimits): JsonObject {
  const page = positiveInteger(requestUrl.searchParams.get('page'), 1, 'page');
  // Bitbucket clamps an oversized pagelen to the maximum instead of failing.
  const pagelen = Math.min(
    positiveInteger(requestUrl.searchParams.get('pagelen'), limits.defaultPagelen, 'pagelen'),
    limits.maxPagelen,
  );
  const start = (page - 1) * pagelen;
  const result: JsonObject = {
    size: values.length,
    page,
    pagelen,
    values: values.slice(start, start + pagelen),
  };
  if (start + pagelen < values.length) result.next = withPage(requestUrl, page + 1);
  if (page > 1) result.previous = withPage(requestUrl, page - 1);
  return result;
}

function withPage(url: URL, page: number): string {
  const copy = new URL(url.href);
  copy.searchParams.set('page', String(page));
  return copy.href;
}

function positiveInteger(value: string | null, fallback: number, name: string): number {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw badRequest(`Invalid ${name}: "${value}" is not a positive integer`);
  return Number(value);
}
