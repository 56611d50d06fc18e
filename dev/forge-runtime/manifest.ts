// Reads the parts of manifest.yml the runtime needs: functions, triggers, consumers, merge checks, UI
// modules with resolvers, and whether an `llm` module exists.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { ModuleKind } from './types';

/** Default consumer budget when `timeoutSeconds` is absent (Forge limits-invocation: 55 s). */
export const DEFAULT_CONSUMER_TIMEOUT_SECONDS = 55;
/** Fixed budget for triggers, resolvers and merge checks (Forge limits-invocation: 25 s). */
export const FIXED_BUDGET_SECONDS = 25;

export interface FunctionDef {
  key: string;
  handler: string;
  timeoutSeconds?: number;
}
export interface TriggerDef {
  key: string;
  functionKey: string;
  eventTypes: string[];
}
export interface ConsumerDef {
  key: string;
  queue: string;
  functionKey: string;
  /** Set for the older resolver-style consumer (`resolver: { function, method }`). */
  resolverMethod?: string;
}
export interface MergeCheckDef {
  key: string;
  functionKey: string;
  triggers: string[];
}
export interface UiModuleDef {
  key: string;
  type: string;
  resolverFunctionKey?: string;
}
export interface AppManifest {
  appId: string;
  scopes: string[];
  functions: Map<string, FunctionDef>;
  triggers: TriggerDef[];
  consumers: ConsumerDef[];
  mergeChecks: Map<string, MergeCheckDef>;
  uiModules: Map<string, UiModuleDef>;
  hasLlmModule: boolean;
  /** `permissions.external.fetch.backend`: the only hosts a function may fetch (egress.ts). */
  externalFetchBackends: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const NON_UI_MODULES = new Set([
  'trigger',
  'consumer',
  'function',
  'bitbucket:mergeCheck',
  'llm',
  'scheduledTrigger',
  'webtrigger',
]);

export function loadManifest(appRoot: string): AppManifest {
  const file = path.join(appRoot, 'manifest.yml');
  if (!fs.existsSync(file)) throw new Error(`Forge runtime: no manifest.yml in appRoot '${appRoot}'`);
  const doc: unknown = parse(fs.readFileSync(file, 'utf8'));
  if (!isObj(doc) || !isObj(doc.modules)) throw new Error(`Forge runtime: ${file} has no 'modules' section`);
  const modules = doc.modules;
  const app = isObj(doc.app) ? doc.app : {};
  const appAri = str(app.id) ?? 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000';
  const permissions = isObj(doc.permissions) ? doc.permissions : {};

  const functions = new Map<string, FunctionDef>();
  for (const f of asList(modules.function)) {
    const key = str(f.key);
    const handler = str(f.handler);
    if (!key || !handler) throw new Error(`Forge runtime: function entry without key/handler in ${file}`);
    const timeoutSeconds = typeof f.timeoutSeconds === 'number' ? f.timeoutSeconds : undefined;
    functions.set(key, { key, handler, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}) });
  }

  const triggers = asList(modules.trigger).map((t) => ({
    key: str(t.key) ?? '',
    functionKey: str(t.function) ?? '',
    // `events` is either a list of strings or of `{ eventType, filter }` objects.
    eventTypes: (Array.isArray(t.events) ? t.events : [])
      .map((e: unknown) => (typeof e === 'string' ? e : isObj(e) ? str(e.eventType) : undefined))
      .filter((e): e is string => Boolean(e)),
  }));

  const consumers = asList(modules.consumer).map((c): ConsumerDef => {
    const resolver = isObj(c.resolver) ? c.resolver : undefined;
    const method = resolver ? str(resolver.method) : undefined;
    return {
      key: str(c.key) ?? '',
      queue: str(c.queue) ?? '',
      functionKey: str(c.function) ?? (resolver ? (str(resolver.function) ?? '') : ''),
      ...(method ? { resolverMethod: method } : {}),
    };
  });

  const mergeChecks = new Map<string, MergeCheckDef>();
  for (const m of asList(modules['bitbucket:mergeCheck'])) {
    const key = str(m.key) ?? '';
    const triggerList = Array.isArray(m.triggers)
      ? m.triggers.filter((x): x is string => typeof x === 'string')
      : [];
    mergeChecks.set(key, { key, functionKey: str(m.function) ?? '', triggers: triggerList });
  }

  const uiModules = new Map<string, UiModuleDef>();
  for (const [type, list] of Object.entries(modules)) {
    if (NON_UI_MODULES.has(type)) continue;
    for (const m of asList(list)) {
      const key = str(m.key) ?? '';
      const resolverFn = isObj(m.resolver) ? str(m.resolver.function) : undefined;
      uiModules.set(key, { key, type, ...(resolverFn ? { resolverFunctionKey: resolverFn } : {}) });
    }
  }

  return {
    appId: appAri.replace(/^ari:cloud:ecosystem::app\//, ''),
    scopes: Array.isArray(permissions.scopes)
      ? permissions.scopes.filter((s): s is string => typeof s === 'string')
      : [],
    functions,
    triggers,
    consumers,
    mergeChecks,
    uiModules,
    hasLlmModule: asList(modules.llm).length > 0,
    externalFetchBackends: fetchBackends(permissions),
  };
}

/** `permissions.external.fetch.backend` entries, as strings or `{ address }` objects. */
function fetchBackends(permissions: Obj): string[] {
  const external = isObj(permissions.external) ? permissions.external : {};
  const fetchPermissions = isObj(external.fetch) ? external.fetch : {};
  const backend: unknown[] = Array.isArray(fetchPermissions.backend) ? fetchPermissions.backend : [];
  return backend
    .map((entry) => (isObj(entry) ? str(entry.address) : str(entry)))
    .filter((entry): entry is string => entry !== undefined);
}

/** The module kind that reaches a function, used for its budget when invoked directly. */
export function moduleKindOf(manifest: AppManifest, functionKey: string): ModuleKind {
  if (manifest.consumers.some((c) => c.functionKey === functionKey)) return 'consumer';
  if (manifest.triggers.some((t) => t.functionKey === functionKey)) return 'trigger';
  if ([...manifest.mergeChecks.values()].some((m) => m.functionKey === functionKey)) return 'mergeCheck';
  if ([...manifest.uiModules.values()].some((m) => m.resolverFunctionKey === functionKey)) return 'resolver';
  return 'function';
}

/** Budget in seconds: consumers get their `timeoutSeconds` (default 55), everything else 25. */
export function budgetSeconds(manifest: AppManifest, functionKey: string, kind: ModuleKind): number {
  if (kind !== 'consumer') return FIXED_BUDGET_SECONDS;
  return manifest.functions.get(functionKey)?.timeoutSeconds ?? DEFAULT_CONSUMER_TIMEOUT_SECONDS;
}

const HANDLER_EXTENSIONS = ['.ts', '.js', '.cjs', '/index.ts', '/index.js'];

/**
 * Loads `src/<file>.<export>` with require(), or `<functionsDir>/<file>.cjs` when running bundled functions; throws a
 * message naming the missing piece.
 */
export function loadHandler(
  appRoot: string,
  fn: FunctionDef,
  functionsDir?: string,
): (...args: unknown[]) => unknown {
  const dot = fn.handler.lastIndexOf('.');
  if (dot <= 0)
    throw new Error(`function '${fn.key}': handler '${fn.handler}' is not of the form <file>.<export>`);
  const module = fn.handler.slice(0, dot);
  const exportName = fn.handler.slice(dot + 1);
  let file: string | undefined;
  if (functionsDir) {
    file = path.join(functionsDir, `${module}.cjs`);
    if (!fs.existsSync(file)) throw new Error(`function '${fn.key}': bundled module ${file} not found`);
  } else {
    const base = path.join(appRoot, 'src', module);
    file = HANDLER_EXTENSIONS.map((ext) => base + ext).find((f) => fs.existsSync(f));
    if (!file) throw new Error(`function '${fn.key}': handler file ${base}.{ts,js} not found`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Record<string, unknown>;
  const handler = mod[exportName];
  if (typeof handler !== 'function') {
    throw new Error(`function '${fn.key}': ${file} has no exported function '${exportName}'`);
  }
  return handler as (...args: unknown[]) => unknown;
}
