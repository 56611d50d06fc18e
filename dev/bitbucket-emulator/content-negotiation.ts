/**
 * Content negotiation on `Accept`, as HTTP defines it (RFC 9110 §12.5.1) and as Bitbucket applies it: a request
 * whose `Accept` allows none of the media types an operation answers with gets 406 Not Acceptable with Bitbucket's
 * error JSON (Bitbucket does this to JSON-only clients of its text endpoints: rbansal42/bitbucket-cli#51,
 * MunifTanjim/node-bitbucket#25). What each operation answers with comes from the OpenAPI document's success
 * responses, corrected below where the document leaves the type out.
 */
import { HttpError, bitbucketError } from './errors';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** How precisely a range names a type: `text/plain` beats `text/*`, which beats the full wildcard. */
const specificity = (r: MediaRange): number => (r.type === '*' ? 0 : r.subtype === '*' ? 1 : 2);

/**
 * The ranges of an `Accept` value; undefined when there is no header (or an empty one), which accepts anything.
 * Media type parameters other than `q` are ignored: no operation here offers two variants that differ by them.
 * An entry that is no media range (`json`) matches nothing, so a header of only such entries accepts nothing.
 */
function parseAccept(header: string | undefined): MediaRange[] | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const ranges: MediaRange[] = [];
  for (const entry of header.split(',')) {
    const [range = '', ...params] = entry.split(';').map((p) => p.trim().toLowerCase());
    // `*` alone is what some Java clients send (HttpURLConnection: "*; q=.2"); servers read it as `*/*`.
    const parts = range === '*' ? ['*', '*'] : range.split('/');
    const [type, subtype] = parts;
    if (parts.length !== 2 || !type || !subtype || (type === '*' && subtype !== '*')) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((p) => p.trim());
      // RFC 9110's qvalue, plus the leading-dot form (`.2`) Java clients send; anything else weighs nothing.
      if (name === 'q')
        q = /^(?:0(?:\.\d{0,3})?|\.\d{1,3}|1(?:\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0;
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The weight `ranges` give `mediaType`: that of the most specific range matching it, 0 when none does. */
function weightOf(ranges: readonly MediaRange[], mediaType: string): number {
  const [type = '', subtype = ''] = mediaType.split(';')[0]?.trim().toLowerCase().split('/') ?? [];
  let best: MediaRange | undefined;
  for (const r of ranges) {
    const matches = (r.type === '*' || r.type === type) && (r.subtype === '*' || r.subtype === subtype);
    if (matches && (!best || specificity(r) > specificity(best))) best = r;
  }
  return best?.q ?? 0;
}

/** The offered media type the client prefers, or undefined when `Accept` allows none of them. */
export function negotiate(accept: string | undefined, offered: readonly string[]): string | undefined {
  const ranges = parseAccept(accept);
  if (!ranges) return offered[0];
  let chosen: { type: string; q: number } | undefined;
  for (const type of offered) {
    const q = weightOf(ranges, type);
    if (q > 0 && (!chosen || q > chosen.q)) chosen = { type, q };
  }
  return chosen?.type;
}

export function notAcceptable(accept: string | undefined, offered: readonly string[]): HttpError {
  const message = `Not Acceptable: this resource is served as ${offered.join(' or ')}, which "Accept: ${accept ?? ''}" does not allow`;
  return new HttpError(406, message, bitbucketError('Not Acceptable', undefined, message));
}

/** Throws 406 unless `accept` allows one of `offered`. */
export function requireAcceptable(accept: string | undefined, offered: readonly string[]): void {
  if (negotiate(accept, offered) === undefined) throw notAcceptable(accept, offered);
}

/**
 * Operations whose success responses the document types wrongly, keyed "METHOD /template". A raw diff is
 * `text/plain` (bitbucket-api.md §7), though the document gives its 200 no content type; `src` is negotiated by
 * its route, because a file answers with the type guessed from its name while a directory or `format=meta`
 * answers JSON (the document lists only the JSON).
 */
const RESPONSE_TYPE_ERRATA: Record<string, readonly string[] | 'per-route'> = {
  'GET /repositories/{workspace}/{repo_slug}/diff/{spec}': ['text/plain'],
  'GET /repositories/{workspace}/{repo_slug}/patch/{spec}': ['text/plain'],
  'GET /repositories/{workspace}/{repo_slug}/src/{commit}/{path}': 'per-route',
};

/**
 * What an operation answers with, for the server's negotiation: undefined when there is nothing to negotiate
 * (no body, as for 204 and 302, or a route that negotiates itself).
 */
export function responseMediaTypes(
  operationKey: string,
  documented: readonly string[],
): readonly string[] | undefined {
  const erratum = RESPONSE_TYPE_ERRATA[operationKey];
  if (erratum === 'per-route') return undefined;
  const types = erratum ?? documented;
  return types.length > 0 ? types : undefined;
}
