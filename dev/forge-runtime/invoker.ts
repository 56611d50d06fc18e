// Runs one handler invocation the way Forge does: inside its own invocation context, within the module
// kind's time budget, turning throws/rejections/timeouts into a failed InvocationResult (never an
// unhandled rejection).
import { randomUUID } from 'node:crypto';
import { invocationStorage, type InvocationState } from './invocation-context';
import { type AppManifest, budgetSeconds, loadHandler } from './manifest';
import type { InvocationRecord, InvocationResult, LogLevel, ModuleKind } from './types';

export interface InvokeSpec {
  functionKey: string;
  moduleKind: ModuleKind;
  moduleKey: string;
  args: unknown[];
  principalAccountId?: string;
}

export interface InvokeOutcome {
  result: InvocationResult;
  timedOut: boolean;
  /** Forge's retry reason when the platform ended the invocation itself (a kill: invocation-kills.ts). */
  platformReason?: string;
}

export interface InvokerDeps {
  appRoot: string;
  functionsDir?: string;
  manifest: AppManifest;
  budgetScale: number;
  record(rec: InvocationRecord): void;
  log(functionKey: string, level: LogLevel, message: string): void;
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  return typeof e === 'string' ? e : JSON.stringify(e);
}

class BudgetExceeded extends Error {}

class Killed extends Error {
  constructor(readonly reason: 'FUNCTION_TIME_OUT' | 'FUNCTION_OUT_OF_MEMORY') {
    super(reason);
  }
}

export class Invoker {
  private readonly handlers = new Map<string, (...args: unknown[]) => unknown>();

  constructor(private readonly deps: InvokerDeps) {}

  async invoke(spec: InvokeSpec): Promise<InvokeOutcome> {
    const { functionKey, moduleKind } = spec;
    const started = Date.now();
    const fail = (error: string, timedOut = false, platformReason?: string): InvokeOutcome => {
      this.deps.log(functionKey, 'error', error);
      this.deps.record({ functionKey, moduleKind, durationMs: Date.now() - started, ok: false, error });
      return {
        result: { ok: false, error, functionKey },
        timedOut,
        ...(platformReason ? { platformReason } : {}),
      };
    };

    const fn = this.deps.manifest.functions.get(functionKey);
    if (!fn)
      return fail(
        `Unknown function key '${functionKey}': manifest.yml declares ${[...this.deps.manifest.functions.keys()].join(', ') || 'no functions'}`,
      );
    let handler = this.handlers.get(functionKey);
    if (!handler) {
      try {
        handler = loadHandler(this.deps.appRoot, fn, this.deps.functionsDir);
        this.handlers.set(functionKey, handler);
      } catch (e) {
        return fail(`Could not load handler: ${describeError(e)}`);
      }
    }

    const budgetS = budgetSeconds(this.deps.manifest, functionKey, moduleKind);
    const budgetMs = budgetS * 1000 * this.deps.budgetScale;
    const state: InvocationState = {
      invocationId: randomUUID(),
      functionKey,
      moduleKind,
      moduleKey: spec.moduleKey,
      deadline: started + budgetMs,
      ...(spec.principalAccountId ? { principalAccountId: spec.principalAccountId } : {}),
    };
    const boundHandler = handler;
    const running = invocationStorage.run(state, async () => boundHandler(...spec.args));
    // A handler still running after its budget keeps running locally (it cannot be killed), but its
    // outcome no longer counts; swallow its late rejection so it cannot become unhandled.
    running.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BudgetExceeded()), budgetMs);
    });
    const killed = new Promise<never>((_, reject) => {
      state.kill = (reason) => {
        if (state.killed) return;
        state.killed = reason;
        reject(new Killed(reason));
      };
    });
    try {
      const value = await Promise.race([running, budget, killed]);
      this.deps.record({ functionKey, moduleKind, durationMs: Date.now() - started, ok: true });
      return { result: { ok: true, value, functionKey }, timedOut: false };
    } catch (e) {
      if (e instanceof Killed) {
        const limit = e.reason === 'FUNCTION_TIME_OUT' ? 'its time limit' : 'its memory limit';
        return fail(
          `${e.reason}: function '${functionKey}' (${moduleKind}) was killed mid-flight, as at ${limit} (runtime.killInvocation)`,
          e.reason === 'FUNCTION_TIME_OUT',
          e.reason,
        );
      }
      if (e instanceof BudgetExceeded) {
        return fail(
          `FUNCTION_TIME_OUT: function '${functionKey}' (${moduleKind}) exceeded its ${budgetS} s budget`,
          true,
        );
      }
      return fail(`Function '${functionKey}' failed: ${describeError(e)}`);
    } finally {
      clearTimeout(timer);
      // Past its end an invocation can no longer be killed: a late kill must not mark it.
      delete state.kill;
    }
  }
}
