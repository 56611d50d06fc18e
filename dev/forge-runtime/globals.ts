// Installs the globals the real Forge SDKs use: `__forge_fetch__(target, path, init)` for all I/O and
// `__forge_runtime__` for app/invocation metadata (read by @forge/api, @forge/kvs and @forge/llm at call
// time and, for @forge/llm, at require time). Also routes console output inside an invocation to the
// runtime's log, as Forge collects function logs, and guards the global `fetch` with Forge's egress rule.
import { format } from 'node:util';
import { guardedFetch } from './egress';
import { currentInvocation } from './invocation-context';
import type { LogLevel } from './types';

export type ForgeFetch = (
  target: Record<string, unknown>,
  path: string,
  init?: RequestInit,
) => Promise<Response>;

export interface GlobalHooks {
  fetch: ForgeFetch;
  runtime: () => object;
  log(functionKey: string, level: LogLevel, message: string): void;
  /** Hosts the manifest lets functions fetch; any other `fetch` inside an invocation is refused (egress.ts). */
  egressBackends: readonly string[];
}

const GLOBAL_NAMES = ['__forge_fetch__', '__forge_runtime__', 'fetch'] as const;
const CONSOLE_LEVELS: Array<[keyof Console, LogLevel]> = [
  ['log', 'info'],
  ['info', 'info'],
  ['debug', 'debug'],
  ['warn', 'warn'],
  ['error', 'error'],
];

interface Saved {
  descriptors: Map<string, PropertyDescriptor | undefined>;
  console: Map<keyof Console, unknown>;
}

export function installGlobals(hooks: GlobalHooks): Saved {
  const g = globalThis as Record<string, unknown>;
  const saved: Saved = { descriptors: new Map(), console: new Map() };
  for (const name of GLOBAL_NAMES) saved.descriptors.set(name, Object.getOwnPropertyDescriptor(g, name));
  Object.defineProperty(g, '__forge_fetch__', { value: hooks.fetch, configurable: true, writable: true });
  Object.defineProperty(g, '__forge_runtime__', { get: hooks.runtime, configurable: true });
  const fetchGuard = guardedFetch({
    backends: hooks.egressBackends,
    insideInvocation: currentInvocation,
    refused: (functionKey, message) => hooks.log(functionKey, 'error', message),
  });
  Object.defineProperty(g, 'fetch', { value: fetchGuard, configurable: true, writable: true });

  const con = console as unknown as Record<string, unknown>;
  for (const [method, level] of CONSOLE_LEVELS) {
    const original = con[method];
    saved.console.set(method, original);
    con[method] = (...args: unknown[]): void => {
      const inv = currentInvocation();
      // A killed invocation's sandbox is gone: it logs nothing more (invocation-kills.ts).
      if (inv) {
        if (!inv.killed) hooks.log(inv.functionKey, level, format(...args));
      } else if (typeof original === 'function') (original as (...a: unknown[]) => void).apply(console, args);
    };
  }
  return saved;
}

export function restoreGlobals(saved: Saved): void {
  const g = globalThis as Record<string, unknown>;
  for (const [name, descriptor] of saved.descriptors) {
    if (descriptor) Object.defineProperty(g, name, descriptor);
    else delete g[name];
  }
  const con = console as unknown as Record<string, unknown>;
  for (const [method, original] of saved.console) con[method] = original;
}
