// `__forge_fetch__(target, path, init)`: the one I/O entry point of the Forge SDKs. Dispatches on the target
// the installed SDK versions send (forge-platform.md §9):
//   { type: 'kvs', provider: 'app', remote: 'kvs' }                 → in-memory KVS (@forge/kvs)
//   { type: 'llm', model? }                                           → scripted LLM (@forge/llm)
//   { type: 'fpp', provider: 'app', remote: 'stargate' } + /webhook/queue/… → queue broker (@forge/events)
//   { type: 'fpp', provider: 'app' | 'user' | 'none', remote: 'bitbucket' } → Bitbucket over HTTP (@forge/api)
import { forwardToBitbucket, proxyErrorResponse, type ProxyTarget } from './bitbucket-proxy';
import type { ForgeFetch } from './globals';
import { currentInvocation } from './invocation-context';
import { type InvocationKills, never } from './invocation-kills';
import type { KvsStore } from './kvs-store';
import type { LlmProxy } from './llm-proxy';
import type { AppManifest } from './manifest';
import type { QueueBroker } from './queue-broker';
import type { BitbucketRequestRecord, LogLevel } from './types';

export interface ForgeFetchDeps {
  kvsStore: KvsStore;
  broker: QueueBroker;
  manifest: AppManifest;
  log(functionKey: string, level: LogLevel, message: string): void;
  bitbucket: { baseUrl: string; appToken: string };
  userTokens: Record<string, string>;
  llm: LlmProxy;
  recordBitbucket(r: BitbucketRequestRecord): void;
  kills: InvocationKills;
}

function json(status: number, body: unknown): Response {
  if (status === 204 || body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function parseBody(init: RequestInit | undefined): unknown {
  if (typeof init?.body !== 'string') return undefined;
  try {
    return JSON.parse(init.body);
  } catch {
    return undefined;
  }
}

export function createForgeFetch(deps: ForgeFetchDeps): ForgeFetch {
  const { kvsStore, broker, log } = deps;
  return async (target, p, init) => {
    const inv = currentInvocation();
    const functionKey = inv?.functionKey;
    // A killed invocation is gone: nothing it asks for leaves, nothing comes back (invocation-kills.ts).
    if (inv?.killed) return never();
    switch (target.type) {
      case 'kvs': {
        const reply = kvsStore.handle(p, parseBody(init));
        return json(reply.status, reply.body);
      }
      case 'llm':
        return deps.llm.handle(p, init);
      case 'fpp':
        break;
      default:
        return proxyErrorResponse(
          400,
          'UNSUPPORTED_TARGET',
          `The local Forge runtime does not support target ${JSON.stringify(target)}`,
        );
    }
    if (target.remote === 'stargate' && p.startsWith('/webhook/queue/')) {
      const reply = broker.handle(p, parseBody(init));
      return json(reply.status, reply.body);
    }
    if (target.remote !== 'bitbucket') {
      return proxyErrorResponse(
        403,
        'REQUEST_PRODUCT_NOT_ALLOWED',
        `Only Bitbucket is available locally; got remote '${String(target.remote)}'`,
      );
    }
    const { baseUrl } = deps.bitbucket;
    /** Forwards the request; an invocation killed at (or while awaiting) it never sees the answer. */
    const forward = async (proxyTarget: ProxyTarget): Promise<Response> => {
      let sent: BitbucketRequestRecord | undefined;
      const record = (r: BitbucketRequestRecord): void => {
        sent = r;
        deps.recordBitbucket(r);
      };
      const response = await forwardToBitbucket(baseUrl, p, init, proxyTarget, record, functionKey);
      if (inv && sent && (deps.kills.afterBitbucketRequest(inv, sent) || inv.killed)) {
        await response.body?.cancel();
        return never();
      }
      return response;
    };
    if (target.provider === 'app') {
      return forward({ provider: 'app', token: deps.bitbucket.appToken });
    }
    if (target.provider === 'user') {
      // asUser() acts as the invoking user; only resolvers have one (Forge: NeedsAuthenticationError otherwise).
      const accountId = typeof target.accountId === 'string' ? target.accountId : inv?.principalAccountId;
      const token = accountId ? deps.userTokens[accountId] : undefined;
      if (!accountId || !token) {
        log(
          functionKey ?? '',
          'warn',
          `asUser() request to ${p} has no user token (account ${accountId ?? 'none'}): NEEDS_AUTHENTICATION_ERR`,
        );
        return proxyErrorResponse(401, 'NEEDS_AUTHENTICATION_ERR', 'Authentication required');
      }
      return forward({ provider: 'user', accountId, token });
    }
    log(functionKey ?? '', 'warn', `requestBitbucket(${p}) without asApp()/asUser() is sent unauthenticated`);
    return forward({ provider: 'none' });
  };
}
