/**
 * The Bitbucket API client over a Transport: follows redirects, retries what is worth retrying inside the time
 * budget, pages through `next` links and turns every failure into a BitbucketError naming the call.
 */
import { BitbucketError, errorDetail, kindOfStatus } from './errors';
import { UnsafePathError } from './paths';
import { rateLimitSignalOf, type RateLimitSignal } from './rate-limit-signal';
import {
  DEFAULT_RETRY,
  DIFF_TIMEOUT_ATTEMPTS,
  backoffDelay,
  isRetriableStatus,
  type RetryPolicy,
} from './retry';
import {
  ACCEPT_JSON,
  ACCEPT_TEXT,
  type ApiRequest,
  type ApiResponse,
  type Clock,
  type Transport,
} from './types';

/** Bitbucket sends one hop (PR diff → repository diff); more than a few means a loop. */
const MAX_REDIRECTS = 5;

export interface ClientOptions {
  clock: Clock;
  retry?: RetryPolicy;
  random?: () => number;
  /** Called once per HTTP exchange, for API-call counts and logs. */
  onExchange?: (request: ApiRequest, status: number) => void;
  /** Called for every answer that says something about the hourly budget (X-RateLimit-* headers, a 429). */
  onRateLimit?: (signal: RateLimitSignal) => void;
}

export interface Page<T> {
  values: T[];
  next?: string;
}

export class BitbucketClient {
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  /** HTTP exchanges made, including retries and redirects. */
  calls = 0;

  constructor(
    private readonly transport: Transport,
    private readonly options: ClientOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.random = options.random ?? Math.random;
  }

  /** Sends a request; resolves with the final 2xx response, or throws a BitbucketError. */
  async send(request: ApiRequest, accept404 = false): Promise<ApiResponse | undefined> {
    let current = request;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const res = await this.sendWithRetries(current);
      if (res.status >= 300 && res.status < 400) {
        const location = res.header('location');
        if (!location)
          throw new BitbucketError(request.operation, 'protocol', res.status, 'redirect without a Location');
        current = { ...current, method: 'GET', body: undefined, target: { absoluteUrl: location } };
        continue;
      }
      if (res.status >= 200 && res.status < 300) return res;
      if (res.status === 404 && accept404) return undefined;
      throw new BitbucketError(
        request.operation,
        kindOfStatus(res.status),
        res.status,
        errorDetail(res.status, await res.text()),
      );
    }
    throw new BitbucketError(
      request.operation,
      'protocol',
      undefined,
      `more than ${MAX_REDIRECTS} redirects`,
    );
  }

  async json<T>(request: ApiRequest): Promise<T> {
    const res = await this.send({ ...request, accept: ACCEPT_JSON });
    return parseJson<T>(request, res);
  }

  /** Like json(), but a 404 yields undefined (e.g. a report that does not exist yet). */
  async jsonOrUndefined<T>(request: ApiRequest): Promise<T | undefined> {
    const res = await this.send({ ...request, accept: ACCEPT_JSON }, true);
    return res ? parseJson<T>(request, res) : undefined;
  }

  /** The body as text; asks for `text/plain` unless the request names what it accepts (raw files: any type). */
  async text(request: ApiRequest): Promise<string> {
    const res = await this.send({ ...request, accept: request.accept ?? ACCEPT_TEXT });
    return res ? res.text() : '';
  }

  /** Reads every page of a paginated listing, following `next` as an opaque link (bitbucket-api.md §4). */
  async all<T>(request: ApiRequest, maxPages = 1000): Promise<T[]> {
    const values: T[] = [];
    let current: ApiRequest | undefined = request;
    for (let page = 0; current && page < maxPages; page++) {
      const body: Page<T> = await this.json<Page<T>>(current);
      if (!Array.isArray(body.values)) {
        throw new BitbucketError(request.operation, 'protocol', 200, 'the listing has no values array');
      }
      values.push(...body.values);
      current = body.next ? { ...request, target: { absoluteUrl: body.next } } : undefined;
    }
    return values;
  }

  private async sendWithRetries(request: ApiRequest): Promise<ApiResponse> {
    const { clock } = this.options;
    for (let attempt = 0; ; attempt++) {
      let res: ApiResponse | undefined;
      let failure: string;
      try {
        res = await this.transport.send(request);
        this.calls++;
        this.options.onExchange?.(request, res.status);
        const signal = this.options.onRateLimit && rateLimitSignalOf(res);
        if (signal) this.options.onRateLimit?.(signal);
        if (!isRetriableStatus(res.status)) return res;
        failure = `HTTP ${res.status}`;
      } catch (error) {
        // A refused path or link never left the machine: retrying cannot help.
        if (error instanceof UnsafePathError) throw error;
        this.calls++;
        this.options.onExchange?.(request, 0);
        failure = error instanceof Error ? error.message : String(error);
      }
      // A request that creates something each time it is applied (a comment) may have taken effect when the answer
      // is a 5xx or never came: repeating it would duplicate it. Only a 429, refused before anything happened, is.
      const mayHaveApplied = request.repeatable === false && res?.status !== 429;
      const limit = res?.status === 555 ? DIFF_TIMEOUT_ATTEMPTS : this.retry.maxAttempts;
      const delay = backoffDelay(attempt, this.retry, this.random);
      const outOfAttempts = attempt + 1 >= limit;
      const outOfTime = clock.remainingMs() - delay < this.retry.reserveMs;
      if (mayHaveApplied || outOfAttempts || outOfTime) {
        const why = mayHaveApplied
          ? '(not repeated: it may have taken effect)'
          : outOfAttempts
            ? `after ${attempt + 1} attempts`
            : 'with no time left in this invocation to retry';
        if (!res) throw new BitbucketError(request.operation, 'network', undefined, `${failure} ${why}`);
        return res; // the caller turns the final status into a typed error with Bitbucket's own message
      }
      await clock.sleep(delay);
    }
  }
}

async function parseJson<T>(request: ApiRequest, res: ApiResponse | undefined): Promise<T> {
  const body = res ? await res.text() : '';
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new BitbucketError(
      request.operation,
      'protocol',
      res?.status,
      `expected JSON, got ${JSON.stringify(body.slice(0, 80))}`,
    );
  }
}

export const systemClock = (deadline = Number.POSITIVE_INFINITY): Clock => ({
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  remainingMs: () => deadline - Date.now(),
});
