// The Forge egress proxy for `requestBitbucket`: forwards the request over real HTTP to the Bitbucket
// emulator with the app's (or the user's) token. Redirects are NOT followed: whether Forge follows a 302
// from Bitbucket is unverified (forge-platform.md §10.6), so the app must handle 3xx + Location itself.
import { unguardedFetch } from './egress';
import type { BitbucketRequestRecord } from './types';

export interface ProxyTarget {
  provider: 'app' | 'user' | 'none';
  token?: string;
  accountId?: string;
}

/** Header `@forge/api` reads to raise its own errors (NeedsAuthenticationError, ProxyRequestError). */
export const FORGE_PROXY_ERROR_HEADER = 'forge-proxy-error';

export function proxyErrorResponse(status: number, reason: string, message: string): Response {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: { 'content-type': 'application/json', [FORGE_PROXY_ERROR_HEADER]: reason },
  });
}

function toHeaders(init: RequestInit | undefined): Headers {
  const headers = new Headers(init?.headers ?? {});
  // The app never holds a token in Forge; the proxy adds it.
  headers.delete('authorization');
  return headers;
}

export async function forwardToBitbucket(
  baseUrl: string,
  path: string,
  init: RequestInit | undefined,
  target: ProxyTarget,
  record: (r: BitbucketRequestRecord) => void,
  functionKey: string | undefined,
): Promise<Response> {
  if (!path.startsWith('/')) {
    return proxyErrorResponse(400, 'INVALID_PATH', `requestBitbucket path must start with '/': ${path}`);
  }
  const headers = toHeaders(init);
  if (target.token) headers.set('authorization', `Bearer ${target.token}`);
  const method = (init?.method ?? 'GET').toUpperCase();
  const body = init?.body ?? undefined;
  const requestInit: RequestInit & { duplex?: 'half' } = {
    method,
    headers,
    redirect: 'manual',
    ...(body !== undefined && body !== null ? { body } : {}),
    // Node requires `duplex` for streamed request bodies.
    ...(body instanceof ReadableStream ? { duplex: 'half' as const } : {}),
  };
  // The proxy is Forge's side of the egress rule: the guarded global fetch is the app's (egress.ts).
  const response = await unguardedFetch(baseUrl.replace(/\/+$/, '') + path, requestInit);
  record({
    provider: target.provider,
    ...(target.accountId ? { accountId: target.accountId } : {}),
    method,
    path,
    status: response.status,
    ...(functionKey ? { functionKey } : {}),
  });
  return response;
}
