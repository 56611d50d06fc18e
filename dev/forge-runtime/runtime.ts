// Composes the local Forge runtime: manifest, invoker, KVS, queue broker, Bitbucket and LLM proxies.
import * as path from 'node:path';
import { backendContext, installationIdentity, resolverArgs } from './contexts';
import { createForgeFetch } from './forge-fetch';
import { type GlobalHooks, installGlobals, restoreGlobals } from './globals';
import {
  buildForgeRuntimeGlobal,
  currentInvocation,
  type InvocationState,
  type RuntimeIdentity,
} from './invocation-context';
import { InvocationKills } from './invocation-kills';
import { Invoker, describeError } from './invoker';
import { KvsStore } from './kvs-store';
import { LlmProxy } from './llm-proxy';
import { type AppManifest, DEFAULT_CONSUMER_TIMEOUT_SECONDS, loadManifest, moduleKindOf } from './manifest';
import { QueueBroker } from './queue-broker';
import type {
  ForgeRuntime,
  ForgeRuntimeOptions,
  InvocationResult,
  LogLevel,
  LogLine,
  MergeCheckEvent,
} from './types';

/** Default: 1 Forge second of queue delay / retry wait = 10 local milliseconds. */
export const DEFAULT_DELAY_MS_PER_SECOND = 10;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createForgeRuntime(opts: ForgeRuntimeOptions): ForgeRuntime {
  const appRoot = path.resolve(opts.appRoot);
  const manifest: AppManifest = loadManifest(appRoot);
  const install = installationIdentity(opts.installationContext);
  const identity: RuntimeIdentity = {
    appId: manifest.appId,
    environmentId: install.environmentId,
    installationId: `local-${install.workspaceId.slice(1, -1)}`,
    installContext: install.installContext,
    scopes: manifest.scopes,
  };
  const logs: LogLine[] = [];
  const log = (functionKey: string, level: LogLevel, message: string): void => {
    const line = { functionKey, level, message };
    logs.push(line);
    opts.log?.(line);
  };
  const kvsStore = new KvsStore({
    ...(opts.kvs?.rateLimits ? { rateLimits: opts.kvs.rateLimits } : {}),
    ...(opts.kvs?.conflictError ? { conflictError: opts.kvs.conflictError } : {}),
  });
  // A copy: tokens change through setUserToken (consent given or withdrawn), never behind the runtime's back.
  const userTokens: Record<string, string> = { ...opts.userTokens };
  const kills = new InvocationKills();
  const runtime: ForgeRuntime = {
    install: () => undefined,
    uninstall: () => undefined,
    fireProductEvent,
    invokeFunction,
    invokeMergeCheck,
    invokeResolver,
    idle: () => broker.idle(),
    setUserToken: (accountId, token) => {
      if (token === undefined) delete userTokens[accountId];
      else userTokens[accountId] = token;
    },
    killInvocation: (spec) => kills.arm(spec),
    kvs: {
      snapshot: () => kvsStore.snapshot(),
      get: (key) => kvsStore.peek(key),
      clear: () => kvsStore.clear(),
      usage: () => kvsStore.usage(),
      operations: () => kvsStore.operations(),
      writes: () => kvsStore.writes(),
    },
    queuePushes: [],
    logs,
    invocations: [],
    bitbucketRequests: [],
    llmRequests: [],
  };
  const invoker = new Invoker({
    appRoot,
    ...(opts.functionsDir ? { functionsDir: path.resolve(opts.functionsDir) } : {}),
    manifest,
    budgetScale: opts.budgetScale ?? 1,
    record: (rec) => runtime.invocations.push(rec),
    log,
  });
  const broker = new QueueBroker({
    consumersFor: (queue) => manifest.consumers.filter((c) => c.queue === queue),
    timeoutSecondsOf: (c) =>
      manifest.functions.get(c.functionKey)?.timeoutSeconds ?? DEFAULT_CONSUMER_TIMEOUT_SECONDS,
    deliver: (consumer, event) => {
      const ctx = backendContext(install);
      // Older resolver-style consumers receive the body as a resolver payload.
      const args = consumer.resolverMethod
        ? [
            {
              call: { functionKey: consumer.resolverMethod, payload: event.body, jobId: event.jobId },
              context: {},
            },
            ctx,
          ]
        : [event, ctx];
      return invoker.invoke({
        functionKey: consumer.functionKey,
        moduleKind: 'consumer',
        moduleKey: consumer.key,
        args,
      });
    },
    log,
    delayMsPerSecond: opts.delayMsPerSecond ?? DEFAULT_DELAY_MS_PER_SECOND,
    redeliver: opts.redeliver ?? false,
  });
  runtime.queuePushes = broker.pushes;

  const runtimeGlobals = new WeakMap<InvocationState, object>();
  const outsideRuntime = buildForgeRuntimeGlobal(identity, undefined);
  const hooks: GlobalHooks = {
    log,
    egressBackends: manifest.externalFetchBackends,
    runtime: () => {
      const state = currentInvocation();
      if (!state) return outsideRuntime;
      let g = runtimeGlobals.get(state);
      if (!g) runtimeGlobals.set(state, (g = buildForgeRuntimeGlobal(identity, state)));
      return g;
    },
    fetch: createForgeFetch({
      kvsStore,
      broker,
      manifest,
      log,
      bitbucket: opts.bitbucket,
      userTokens,
      llm: new LlmProxy({
        hasLlmModule: manifest.hasLlmModule,
        ...(opts.llm ? { answer: opts.llm } : {}),
        ...(opts.llmModels ? { models: opts.llmModels } : {}),
        msPerSecond: opts.delayMsPerSecond ?? DEFAULT_DELAY_MS_PER_SECOND,
        record: (request) => void runtime.llmRequests.push(request),
      }),
      recordBitbucket: (r) => void runtime.bitbucketRequests.push(r),
      kills,
    }),
  };

  let saved: ReturnType<typeof installGlobals> | undefined;
  runtime.install = () => {
    if (!saved) saved = installGlobals(hooks);
  };
  runtime.uninstall = () => {
    if (saved) restoreGlobals(saved);
    saved = undefined;
  };

  function badInput(functionKey: string, error: string): InvocationResult {
    log(functionKey, 'error', error);
    return { ok: false, error, functionKey };
  }

  async function fireProductEvent(event: object): Promise<InvocationResult[]> {
    const eventType = isObj(event) ? event.eventType : undefined;
    if (typeof eventType !== 'string')
      return [badInput('', 'fireProductEvent: the event has no string eventType')];
    const triggers = manifest.triggers.filter((t) => t.eventTypes.includes(eventType));
    if (triggers.length === 0)
      return [badInput('', `No trigger in manifest.yml subscribes to event type '${eventType}'`)];
    const ctx = backendContext(install);
    const outcomes = await Promise.all(
      triggers.map((t) =>
        invoker.invoke({
          functionKey: t.functionKey,
          moduleKind: 'trigger',
          moduleKey: t.key,
          args: [structuredClone(event), ctx],
        }),
      ),
    );
    return outcomes.map((o) => o.result);
  }

  async function invokeFunction(
    functionKey: string,
    payload: unknown,
    context?: object,
  ): Promise<InvocationResult> {
    const kind = moduleKindOf(manifest, functionKey);
    const ctx = { ...backendContext(install), ...context };
    const accountId =
      isObj(ctx.principal) && typeof ctx.principal.accountId === 'string'
        ? ctx.principal.accountId
        : undefined;
    const outcome = await invoker.invoke({
      functionKey,
      moduleKind: kind,
      moduleKey: functionKey,
      args: [payload, ctx],
      ...(accountId ? { principalAccountId: accountId } : {}),
    });
    return outcome.result;
  }

  async function invokeMergeCheck(moduleKey: string, event: MergeCheckEvent): Promise<InvocationResult> {
    const check = manifest.mergeChecks.get(moduleKey);
    if (!check) return badInput('', `No bitbucket:mergeCheck module '${moduleKey}' in manifest.yml`);
    const triggerType = event?.trigger?.type;
    if (!check.triggers.includes(triggerType)) {
      return badInput(
        check.functionKey,
        `Merge check '${moduleKey}' is not subscribed to trigger '${String(triggerType)}' (has: ${check.triggers.join(', ')})`,
      );
    }
    const { result } = await invoker.invoke({
      functionKey: check.functionKey,
      moduleKind: 'mergeCheck',
      moduleKey,
      args: [structuredClone(event), backendContext(install)],
    });
    if (result.ok && !(isObj(result.value) && typeof result.value.success === 'boolean')) {
      return badInput(
        check.functionKey,
        `Merge check '${moduleKey}' must return { success: boolean, message? }; got ${describeError(result.value)}`,
      );
    }
    return result;
  }

  async function invokeResolver(
    moduleKey: string,
    call: { functionKey: string; payload?: unknown },
    ctx: { accountId: string; extension: object },
  ): Promise<InvocationResult> {
    const mod = manifest.uiModules.get(moduleKey);
    if (!mod) return badInput('', `No UI module '${moduleKey}' in manifest.yml`);
    if (!mod.resolverFunctionKey) return badInput('', `UI module '${moduleKey}' has no resolver function`);
    if (!call || typeof call.functionKey !== 'string')
      return badInput(mod.resolverFunctionKey, 'invokeResolver: call.functionKey must be a string');
    const { result } = await invoker.invoke({
      functionKey: mod.resolverFunctionKey,
      moduleKind: 'resolver',
      moduleKey,
      args: resolverArgs(install, mod.type, moduleKey, call, ctx),
      principalAccountId: ctx.accountId,
    });
    return result;
  }

  return runtime;
}
