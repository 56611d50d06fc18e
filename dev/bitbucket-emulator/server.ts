/**
 * The HTTP front door: faults → OpenAPI route match → content negotiation (`Accept`) → authentication →
 * the hourly rate limit → parameter and body validation → handler. Every request is logged; every request the OpenAPI document does not
 * allow, or whose `Accept` the answer cannot satisfy, is a violation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorizeRepositoryRequest } from './access';
import { negotiate, notAcceptable, responseMediaTypes } from './content-negotiation';
import { HttpError, bitbucketError } from './errors';
import { RATE_LIMIT_BODY, type Faults } from './faults';
import { keyFor, type RateLimits } from './rate-limit';
import type { EmulatorEnv, Handler, Reply, RouteContext } from './routes/context';
import type { EmulatorUser, OpenApiViolation, RequestLogEntry } from './types';

/** Bitbucket rejects request bodies well before this; the cap only protects the emulator. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const API_PREFIX = '/2.0/';
/** Bitbucket's "api" resource group: the requests its hourly budget counts. */
const REPOSITORIES_PREFIX = '/2.0/repositories/';

export interface ServerDeps {
  env: EmulatorEnv;
  routes: Map<string, Handler>;
  prechecks: Map<string, (body: unknown) => HttpError | undefined>;
  faults: Faults;
  rateLimits: RateLimits;
  violations: OpenApiViolation[];
  requests: RequestLogEntry[];
}

/** What one request learnt on its way in that its answer carries whatever it turns out to be. */
interface RequestMeta {
  rateLimitHeaders?: Record<string, string>;
  /** The request body as text, once read (docs/SECURITY.md: tests look for secrets in what Bitbucket received). */
  body?: string;
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', deps.env.baseUrl);
    const meta: RequestMeta = {};
    const log = (status: number): void => {
      deps.requests.push({
        method,
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        status,
        durationMs: performance.now() - started,
        ...(meta.body === undefined ? {} : { body: meta.body }),
      });
    };
    handle(deps, req, method, url, meta)
      .catch((error: unknown) => toReply(error))
      .then((reply) => {
        if (meta.rateLimitHeaders) Object.assign((reply.headers ??= {}), meta.rateLimitHeaders);
        send(res, reply);
        log(reply.status);
      })
      .catch(() => {
        // The client went away mid-response; nothing left to tell it.
        log(499);
      });
  };
}

async function handle(
  deps: ServerDeps,
  req: IncomingMessage,
  method: string,
  url: URL,
  meta: RequestMeta,
): Promise<Reply> {
  // A fault `afterApplying` lets the request take effect, then answers with its status instead of the real answer.
  const late = await deps.faults.apply(method, url.pathname);
  if (!late) return route(deps, req, method, url, meta);
  await route(deps, req, method, url, meta).catch(() => undefined);
  throw late;
}

async function route(
  deps: ServerDeps,
  req: IncomingMessage,
  method: string,
  url: URL,
  meta: RequestMeta,
): Promise<Reply> {
  const violation = (status: number, message: string): HttpError => {
    deps.violations.push({ method, path: url.pathname, message, status });
    return new HttpError(status, message);
  };
  // Match the raw path: Forge sends `{uuid}` braces unencoded, fetch sends them as %7B…%7D.
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  if (!rawPath.startsWith(API_PREFIX))
    throw violation(404, `Unknown path ${url.pathname}: the API lives under /2.0/`);
  const match = deps.env.validator.match(method, rawPath.slice(API_PREFIX.length).split('/'));
  if (match.kind === 'unknown-path')
    throw violation(404, `Resource not found: ${url.pathname} is not in the Bitbucket API`);
  if (match.kind === 'method-not-allowed') {
    const error = violation(
      405,
      `Method ${method} not allowed on ${match.template}; allowed: ${match.allowed.join(', ')}`,
    );
    throw new HttpError(405, error.message, error.body, { allow: match.allowed.join(', ') });
  }
  // Negotiated before authentication: the type of the answer does not depend on who asks.
  const accept = req.headers.accept;
  const operationKey = `${method} ${match.template}`;
  const offered = responseMediaTypes(operationKey, match.operation.successMediaTypes);
  if (offered && negotiate(accept, offered) === undefined) {
    const refusal = notAcceptable(accept, offered);
    deps.violations.push({ method, path: url.pathname, message: refusal.message, status: 406 });
    throw refusal;
  }
  const user = authenticate(deps, req);
  if (rawPath.startsWith(REPOSITORIES_PREFIX)) spendRateLimit(deps, user, match.params.workspace, meta);
  const rawBody = await readBody(req);
  if (rawBody.length > 0) meta.body = rawBody.toString('utf8');
  let body: unknown;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw violation(400, `Request body is not valid JSON`);
    }
  }
  const precheck = deps.prechecks.get(`${method} ${match.template}`)?.(body);
  if (precheck) {
    deps.violations.push({ method, path: url.pathname, message: precheck.message, status: precheck.status });
    throw precheck;
  }
  const problems = [
    ...deps.env.validator.checkParameters(match.operation, match.params, url.searchParams),
    ...deps.env.validator.checkBody(match.operation, body, rawBody.length > 0),
  ];
  if (problems.length > 0) {
    const message = `Bad request: ${problems.join('; ')}`;
    deps.violations.push({ method, path: url.pathname, message, status: 400 });
    throw new HttpError(400, message, bitbucketError('Bad request', { request: problems }));
  }
  const handler = deps.routes.get(`${method} ${match.template}`);
  if (!handler)
    throw new HttpError(
      501,
      `Not implemented`,
      bitbucketError(`The Lintel Bitbucket emulator does not implement ${method} ${match.template}`),
    );
  const { workspace, repo_slug: repoSlug } = match.params;
  const ctx: RouteContext = {
    env: deps.env,
    method,
    template: match.template,
    params: match.params,
    url,
    body,
    user,
    accept,
    repository:
      workspace !== undefined && repoSlug !== undefined
        ? deps.env.store.findRepository(workspace, repoSlug)
        : undefined,
  };
  if (
    workspace !== undefined &&
    repoSlug !== undefined &&
    !ctx.repository &&
    match.template.startsWith('/repositories/{workspace}/{repo_slug}')
  ) {
    throw new HttpError(
      404,
      'Repository not found',
      bitbucketError(`Repository ${workspace}/${repoSlug} not found`),
    );
  }
  if (ctx.repository)
    authorizeRepositoryRequest(deps.env.store, user, ctx.repository, method, match.template);
  try {
    return await handler(ctx);
  } catch (error) {
    // Routes that negotiate per resource (`src`: a file's guessed type) refuse with 406; that is a client error too.
    if (error instanceof HttpError && error.status === 406)
      deps.violations.push({ method, path: url.pathname, message: error.message, status: 406 });
    throw error;
  }
}

/**
 * Bitbucket's hourly budget for /2.0/repositories/* (rate-limit.ts): counted once the caller is known, and refused
 * before anything else is done, so a refused write changes nothing.
 */
function spendRateLimit(
  deps: ServerDeps,
  user: EmulatorUser,
  workspace: string | undefined,
  meta: RequestMeta,
): void {
  const workspaceUuid = workspace === undefined ? undefined : deps.env.store.findWorkspace(workspace)?.uuid;
  const verdict = deps.rateLimits.admit(keyFor(user, workspaceUuid));
  meta.rateLimitHeaders = verdict.headers;
  if (!verdict.allowed) throw new HttpError(429, RATE_LIMIT_BODY, RATE_LIMIT_BODY);
}

function authenticate(deps: ServerDeps, req: IncomingMessage): EmulatorUser {
  const header = req.headers.authorization ?? '';
  let token: string | undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) token = bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  // Basic auth with the token as password, as API tokens and Pipelines clients send it.
  if (basic)
    token = Buffer.from(basic[1] ?? '', 'base64')
      .toString('utf8')
      .split(':')
      .slice(1)
      .join(':');
  const user = token === undefined ? undefined : deps.env.store.users.get(token);
  if (user) return user;
  const message =
    header === ''
      ? 'Authentication required: send "Authorization: Bearer <token>"'
      : 'Token is invalid, expired, or not supported for this endpoint.';
  throw new HttpError(401, message, bitbucketError(message), {
    'www-authenticate': 'Bearer realm="Bitbucket.org HTTP"',
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'Request body too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toReply(error: unknown): Reply {
  if (error instanceof HttpError) {
    const textBody = typeof error.body === 'string';
    return {
      status: error.status,
      headers: error.headers,
      ...(textBody ? { body: error.body as string, contentType: 'text/plain' } : { json: error.body }),
    };
  }
  return {
    status: 500,
    json: bitbucketError(`Emulator error: ${error instanceof Error ? error.message : String(error)}`),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: Buffer | string = '';
  if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    headers['content-type'] = 'application/json; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = reply.body;
    headers['content-type'] = reply.contentType ?? 'application/octet-stream';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}
