/**
 * Transport for the command line and Bitbucket Pipelines: fetch with a bearer token against any API base URL.
 * Redirects are left to the client so the token is only ever sent to the configured origin.
 */
import { UnsafePathError, relativeUrl } from './paths';
import { ACCEPT_JSON, isAbsoluteTarget, type ApiRequest, type ApiResponse, type Transport } from './types';

export class HttpTransport implements Transport {
  readonly description: string;
  private readonly origin: string;
  private readonly prefix: string;

  /** @param apiUrl e.g. https://api.bitbucket.org/2.0 (the `/2.0` part is optional). */
  constructor(
    apiUrl: string,
    private readonly token: string,
  ) {
    const url = new URL(apiUrl);
    this.origin = url.origin;
    // Requests carry their own `/2.0/…`; keep any path in front of it (a proxy mounted under a prefix).
    this.prefix = url.pathname.replace(/\/$/, '').replace(/\/2\.0$/, '');
    this.description = `${this.origin}${this.prefix}/2.0`;
  }

  async send(request: ApiRequest): Promise<ApiResponse> {
    const url = isAbsoluteTarget(request.target)
      ? this.sameOrigin(request.target.absoluteUrl)
      : `${this.origin}${this.prefix}${relativeUrl(request.target)}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.token}`,
      Accept: request.accept ?? ACCEPT_JSON,
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      redirect: 'manual',
    });
    return { status: res.status, header: (name) => res.headers.get(name), text: () => res.text() };
  }

  /** Links come from Bitbucket's answers; never send the token to another host because of one. */
  private sameOrigin(link: string): string {
    const url = new URL(link, this.origin);
    if (url.origin !== this.origin) {
      throw new UnsafePathError(
        `refusing to follow a link to ${url.origin}: the token is only sent to ${this.origin}`,
      );
    }
    return url.toString();
  }
}
