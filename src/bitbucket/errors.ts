/** Typed failures of Bitbucket calls, each saying which call failed and why. */

export type FailureKind =
  | 'unauthorized' // 401: bad or missing credentials
  | 'forbidden' // 403: the app or token lacks a permission or scope
  | 'not-found' // 404
  | 'rejected' // other 4xx: Bitbucket refused the request as sent
  | 'rate-limited' // 429 after every retry the time budget allowed
  | 'too-large' // 555: Bitbucket timed out building a diff or diffstat
  | 'server' // 5xx after retries
  | 'network' // no HTTP answer at all
  | 'protocol'; // an answer the client cannot use (bad JSON, redirect loop, foreign redirect)

export class BitbucketError extends Error {
  override readonly name = 'BitbucketError';
  constructor(
    readonly operation: string,
    readonly kind: FailureKind,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`Bitbucket call failed: ${operation}: ${detail}`);
  }
}

export function kindOfStatus(status: number): FailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 555) return 'too-large';
  if (status >= 500) return 'server';
  return 'rejected';
}

/** Pulls the human message out of Bitbucket's error bodies (`{type:"error",error:{message}}` or `{message}`). */
export function errorDetail(status: number, body: string): string {
  let message: string;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; fields?: unknown }; message?: unknown };
    const fields = parsed.error?.fields ? ` ${JSON.stringify(parsed.error.fields)}` : '';
    message = String(parsed.error?.message ?? parsed.message ?? '') + fields;
  } catch {
    message = body.trim().slice(0, 300);
  }
  return `HTTP ${status}${message ? ` — ${message}` : ''}`;
}
