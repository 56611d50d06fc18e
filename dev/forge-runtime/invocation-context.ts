// Per-invocation state. Forge runs each invocation in its own sandbox with its own `__forge_runtime__`;
// locally several invocations (a trigger and queue consumers) overlap in one process, so the globals are
// getters that look up the current invocation through AsyncLocalStorage.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { ModuleKind } from './types';

export interface InvocationState {
  invocationId: string;
  functionKey: string;
  moduleKind: ModuleKind;
  moduleKey: string;
  /** Epoch ms after which the invocation has exceeded its budget. */
  deadline: number;
  principalAccountId?: string;
  /** Set by the invoker: ends the invocation at once, as Forge's timeout or memory limit would (invocation-kills.ts). */
  kill?: (reason: 'FUNCTION_TIME_OUT' | 'FUNCTION_OUT_OF_MEMORY') => void;
  /** Why the invocation was killed; from then on none of its I/O completes and its logs are dropped. */
  killed?: string;
}

export const invocationStorage = new AsyncLocalStorage<InvocationState>();

export function currentInvocation(): InvocationState | undefined {
  return invocationStorage.getStore();
}

export interface RuntimeIdentity {
  appId: string;
  environmentId: string;
  installationId: string;
  installContext: string;
  scopes: string[];
}

const noopTimer = { stop: (): void => undefined };
const noopCounter = {
  incr: (): void => undefined,
  incrBy: (): void => undefined,
  decr: (): void => undefined,
  decrBy: (): void => undefined,
};
const metrics = {
  timing: () => ({ measure: () => noopTimer }),
  counter: () => noopCounter,
  gauge: () => ({ set: (): void => undefined }),
};

/** Budget reported outside any invocation (e.g. SDK module initialisation). */
const OUTSIDE_INVOCATION_REMAINING_MS = 25_000;

/**
 * The object `@forge/api`'s `__getRuntime()` returns, shaped like `ForgeRuntime` in
 * node_modules/@forge/api/out/api/runtime.d.ts. `lambdaContext.getRemainingTimeInMillis` backs the
 * documented `getAppContext().invocationRemainingTimeInMillis()`.
 */
export function buildForgeRuntimeGlobal(
  identity: RuntimeIdentity,
  state: InvocationState | undefined,
): object {
  return {
    proxy: { token: 'local-forge-runtime', url: 'http://forge-runtime.invalid' },
    contextAri: identity.installContext,
    container: { runtime: 'nodejs', handler: state?.functionKey },
    appContext: {
      appId: identity.appId,
      appVersion: '1.0.0',
      environmentId: identity.environmentId,
      environmentType: 'DEVELOPMENT',
      invocationId: state?.invocationId ?? 'outside-invocation',
      installationId: identity.installationId,
      functionKey: state?.functionKey ?? '',
      moduleType: state?.moduleKind ?? '',
      moduleKey: state?.moduleKey ?? '',
      permissions: { scopes: identity.scopes, external: {} },
    },
    ...(state?.principalAccountId ? { aaid: state.principalAccountId } : {}),
    lambdaContext: {
      awsRequestId: state?.invocationId ?? 'outside-invocation',
      getRemainingTimeInMillis: () =>
        state ? Math.max(0, state.deadline - Date.now()) : OUTSIDE_INVOCATION_REMAINING_MS,
    },
    tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().slice(0, 16) },
    realtime: {},
    metrics,
    featureFlags: () => false,
  };
}
