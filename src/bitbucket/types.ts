/**
 * The Transport port and the request/response shapes the Bitbucket client speaks. A Transport sends one HTTP-shaped
 * request to Bitbucket's API 2.0 and never follows redirects or retries by itself: the client does both, the same way
 * for the Forge adapter (requestBitbucket) and the HTTP adapter (fetch with a token).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean;

/** A revision range `from..to` (diff, diffstat, merge-base); `..` is the only separator Lintel writes itself. */
export interface RangeSegment {
  range: readonly [string, string];
}

/**
 * A diff spec whose `from` side lives in another repository (a pull request from a fork): Bitbucket's own form,
 * `{workspace}/{repository}:{from}%0D{to}`, the one the destination's pull-request diff link redirects to
 * (bitbucket-api.md §7; ktrysmt/go-bitbucket#332). `to` is a commit of the repository the request addresses.
 */
export interface ForkRangeSegment {
  forkRange: { repo: { workspace: string; repository: string }; from: string; to: string };
}

export type PathSegment = string | number | RangeSegment | ForkRangeSegment;

/** A request path under `/2.0/`, kept structured so each adapter can build it safely. */
export interface ApiPath {
  /** URL segments after `/2.0/`; none may contain `/`, `?`, `#` or `..` (the Forge `route` rule). */
  segments: readonly PathSegment[];
  /** A repository file path appended after the segments; may contain `/` (validated before use). */
  filePath?: string;
  query?: Readonly<Record<string, QueryValue | readonly QueryValue[] | undefined>>;
}

/** An absolute URL that Bitbucket itself handed out: a `next` page link or a redirect `Location`. */
export interface AbsoluteTarget {
  absoluteUrl: string;
}

export interface ApiRequest {
  method: HttpMethod;
  target: ApiPath | AbsoluteTarget;
  /** Serialised as JSON. */
  body?: unknown;
  /** What the call is for, in words a person can act on: "read pull request #4". Used in errors and logs. */
  operation: string;
  /**
   * The `Accept` header: what the endpoint answers with (bitbucket-api.md §7). JSON when absent; `text/plain` for
   * a diff; any type (ACCEPT_ANY) for raw file contents, whose content type Bitbucket guesses from the file name.
   * Bitbucket can answer 406 to anything else (rbansal42/bitbucket-cli#51), and so does the emulator.
   */
  accept?: MediaRange;
  /**
   * false for a request that creates something each time Bitbucket applies it (a comment): after a 5xx or no answer
   * it may have been applied, so the client does not repeat it and the caller finds out (comments: by marker).
   * Absent: repeated on 429, 5xx and 555 like any idempotent request (PUT, DELETE, keyed POSTs).
   */
  repeatable?: false;
}

export const ACCEPT_JSON = 'application/json';
export const ACCEPT_TEXT = 'text/plain';
export const ACCEPT_ANY = '*/*';
export type MediaRange = typeof ACCEPT_JSON | typeof ACCEPT_TEXT | typeof ACCEPT_ANY;

export interface ApiResponse {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
}

export interface Transport {
  /** Short name for messages: "Forge requestBitbucket" or "https://api.bitbucket.org/2.0". */
  readonly description: string;
  send(request: ApiRequest): Promise<ApiResponse>;
}

/** Time as the client needs it: tests and the CLI use real time, Forge adds the invocation's deadline. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Milliseconds this invocation may still use, or Infinity when unbounded (CLI). */
  remainingMs(): number;
}

export const isAbsoluteTarget = (t: ApiPath | AbsoluteTarget): t is AbsoluteTarget => 'absoluteUrl' in t;
