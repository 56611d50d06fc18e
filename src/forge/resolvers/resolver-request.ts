import type { AuthorizeOptions } from './authorize';

/** What `@forge/resolver` hands a defined function: the page's payload (untrusted) and the invocation context. */
export interface ResolverRequest {
  payload?: unknown;
  context: unknown;
}

/**
 * The page's "Allow access" button calls again with `{ promptForConsent: true }`. The flag only decides how a
 * missing consent is reported (Forge's prompt instead of a typed answer), so taking it from the payload is safe.
 */
export function authorizeOptionsFrom(request: ResolverRequest): AuthorizeOptions {
  const { payload } = request;
  const prompt =
    typeof payload === 'object' &&
    payload !== null &&
    (payload as { promptForConsent?: unknown }).promptForConsent === true;
  return { promptForConsent: prompt };
}
