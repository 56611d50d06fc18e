// Local stand-in for the Bitbucket page that hosts a Forge Custom UI iframe: serves a module's built
// resource, gives it a `window.__bridge`, and runs `invoke()` calls through the Forge runtime with a
// context the server built itself (README.md in this folder).
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { bridgeClientScript } from './bridgeClientScript';
import { colorModeFrom, themeSheetCss, type ColorMode } from './host-theme';
import { PageRequestError, pageContextFor } from './pageContext';
import { contentTypeOf, readResourceFile } from './staticFiles';
import type {
  BridgeServer,
  ModulePageParams,
  StartBridgeServerOptions,
  TrustedResolverContext,
} from './types';
import { loadUiManifest, type UiManifest, type UiModule } from './uiModules';

/** Forge limits-invocation: a bridge `invoke` request may carry at most 500 KB. */
export const MAX_INVOKE_REQUEST_BYTES = 500 * 1024;
/** Page sessions kept at once; the oldest is forgotten first (its page must then be reloaded). */
const MAX_SESSIONS = 500;

interface PageSession {
  module: UiModule;
  context: Record<string, unknown>;
  trusted: TrustedResolverContext;
  /** The theme the host applies when the page enables theming (the page URL's `theme`). */
  colorMode: ColorMode;
}

/** Atlassian account IDs (`557058:…`, `712020:…`, 24 hex characters): letters, digits, `:`, `_` and `-`. */
const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;

/** How the runtime reports a resolver that let `asUser()`'s NeedsAuthenticationError escape. */
const NEEDS_CONSENT = /\bNEEDS_AUTHENTICATION_ERR\b/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra = {},
): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `invoke request exceeds the ${limit / 1024} KB Forge limit`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Puts the bridge script first in <head>, ahead of the app's (deferred) module scripts. */
function injectBridgeScript(html: string, scriptUrl: string): string {
  const tag = `<script src="${scriptUrl}"></script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return tag + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + tag + html.slice(at);
}

export async function startBridgeServer(options: StartBridgeServerOptions): Promise<BridgeServer> {
  const manifest: UiManifest = loadUiManifest(options.appRoot);
  const sessions = new Map<string, PageSession>();
  let baseUrl = '';

  function moduleNamed(key: string): UiModule {
    const module = manifest.modules.get(key);
    if (!module) {
      const known = [...manifest.modules.keys()].join(', ');
      throw new HttpError(404, `manifest.yml has no Custom UI module '${key}' (known: ${known})`);
    }
    return module;
  }

  async function servePage(res: http.ServerResponse, module: UiModule, url: URL): Promise<void> {
    const html = await readResourceFile(module.resourceDir, 'index.html');
    if (!html) {
      const where = path.relative(options.appRoot, module.resourceDir);
      throw new HttpError(503, `${where}/index.html is missing: build the UI first (npm run build:ui)`);
    }
    const accountId = url.searchParams.get('account') ?? options.account.accountId;
    if (!ACCOUNT_ID.test(accountId))
      throw new HttpError(400, `query parameter 'account' is not an Atlassian account ID: '${accountId}'`);
    const context = pageContextFor({
      manifest,
      module,
      query: url.searchParams,
      accountId,
      workspaceId: options.workspaceId,
      location: url.href,
    });
    const id = randomBytes(16).toString('hex');
    const trusted = { accountId, extension: context.extension as object };
    sessions.set(id, { module, context, trusted, colorMode: colorModeFrom(url.searchParams) });
    if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
    const page = injectBridgeScript(html.toString('utf8'), `/__bridge/${id}/bridge.js`);
    send(res, 200, 'text/html; charset=utf-8', page, {
      'content-security-policy': manifest.contentSecurityPolicy,
    });
  }

  async function serveModule(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const [, , rawKey = '', ...rest] = url.pathname.split('/');
    const module = moduleNamed(decodeURIComponent(rawKey));
    // Relative asset URLs (`./assets/…`) only resolve under the module's folder URL, so add its slash.
    if (rest.length === 0) {
      res.writeHead(302, { location: `/modules/${rawKey}/${url.search}` }).end();
      return;
    }
    const file = decodeURIComponent(rest.join('/'));
    if (file === '' || file === 'index.html') return servePage(res, module, url);
    const body = await readResourceFile(module.resourceDir, file);
    if (!body) throw new HttpError(404, `resource '${module.resourceKey}' has no file '${file}'`);
    send(res, 200, contentTypeOf(file), body);
  }

  function sessionFrom(id: string): PageSession {
    const session = sessions.get(id);
    if (!session) throw new HttpError(404, 'unknown bridge session: reload the page');
    return session;
  }

  /** Pages are same-origin; a request from elsewhere must not borrow a session's signed-in account. */
  function refuseCrossOrigin(req: http.IncomingMessage, what: string): void {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== baseUrl)
      throw new HttpError(403, `cross-origin ${what} from ${origin}`);
  }

  /**
   * What reaches the resolver. The account is the session's and cannot be changed by the request. The
   * extension is client-side data in Forge: a request may replace it (a tampered page), all but its module type,
   * which the platform derives from the module the page belongs to.
   */
  function resolverContext(session: PageSession, forged: unknown): TrustedResolverContext {
    if (forged === undefined) return session.trusted;
    if (!isObject(forged)) throw new HttpError(400, 'invoke: extension must be an object');
    return {
      accountId: session.trusted.accountId,
      extension: { ...forged, type: session.module.type },
    };
  }

  async function serveInvoke(req: http.IncomingMessage, res: http.ServerResponse, session: PageSession) {
    refuseCrossOrigin(req, 'invoke');
    let request: unknown;
    try {
      request = JSON.parse(await readBody(req, MAX_INVOKE_REQUEST_BYTES));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, 'invoke request body is not JSON');
    }
    const { functionKey, payload, extension } = (request ?? {}) as Json;
    if (typeof functionKey !== 'string') throw new HttpError(400, 'invoke: functionKey must be a string');
    const context = resolverContext(session, extension);
    const result = await options.invoke(session.module.key, { functionKey, payload }, context);
    if (result.ok) return sendJson(res, 200, { ok: true, value: result.value });
    // Forge shows its consent prompt when a resolver lets NeedsAuthenticationError escape; the page's bridge
    // script plays that prompt (bridgeClientScript.ts).
    const needsConsent = NEEDS_CONSENT.test(result.error ?? '');
    sendJson(res, 200, { ok: false, error: result.error, ...(needsConsent ? { needsConsent: true } : {}) });
  }

  /** "Allow access" in the local consent prompt: the account consents, then the page reloads. */
  async function serveConsent(req: http.IncomingMessage, res: http.ServerResponse, session: PageSession) {
    refuseCrossOrigin(req, 'consent');
    if (!options.grantConsent) {
      throw new HttpError(
        501,
        'this bridge server cannot grant consent: start it with a grantConsent option (dev/forge-bridge/README.md)',
      );
    }
    await options.grantConsent(session.trusted.accountId);
    sendJson(res, 200, { ok: true });
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const bridge = /^\/__bridge\/([0-9a-f]{32})\/(bridge\.js|invoke|consent)$/.exec(url.pathname);
    if (bridge) {
      const session = sessionFrom(bridge[1]!);
      if (bridge[2] === 'invoke' && req.method === 'POST') return serveInvoke(req, res, session);
      if (bridge[2] === 'consent' && req.method === 'POST') return serveConsent(req, res, session);
      if (bridge[2] === 'bridge.js' && req.method === 'GET') {
        const script = bridgeClientScript(`/__bridge/${bridge[1]}`, session.context, session.colorMode);
        return send(res, 200, 'text/javascript; charset=utf-8', script);
      }
      throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}`);
    }
    if (url.pathname.startsWith('/modules/') && req.method === 'GET') return serveModule(req, res, url);
    // The host's design-token sheets, which the bridge script links when the page calls view.theme.enable().
    const sheet = /^\/__bridge\/themes\/([a-z]+)\.css$/.exec(url.pathname);
    if (sheet && req.method === 'GET') {
      const css = themeSheetCss(sheet[1]!);
      if (css === undefined) throw new HttpError(404, `no theme sheet '${sheet[1]}'`);
      return send(res, 200, 'text/css; charset=utf-8', css);
    }
    // Browsers ask for it on every page; an empty answer keeps the page console free of noise.
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    throw new HttpError(
      404,
      `no route for ${req.method} ${url.pathname}; pages live at /modules/<moduleKey>/`,
    );
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError || error instanceof PageRequestError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (res.headersSent) return void res.destroy();
      if (req.url?.startsWith('/__bridge/')) return sendJson(res, status, { ok: false, error: message });
      send(res, status, 'text/plain; charset=utf-8', `forge-bridge: ${message}\n`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    url(moduleKey: string, params: ModulePageParams = {}): string {
      moduleNamed(moduleKey);
      const query = new URLSearchParams();
      if (params.repository !== undefined) query.set('repository', params.repository);
      if (params.project !== undefined) query.set('project', params.project);
      if (params.pullRequest !== undefined) query.set('pullRequest', String(params.pullRequest));
      if (params.account !== undefined) query.set('account', params.account);
      if (params.theme !== undefined) query.set('theme', params.theme);
      const search = query.size > 0 ? `?${query}` : '';
      return `${baseUrl}/modules/${encodeURIComponent(moduleKey)}/${search}`;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
