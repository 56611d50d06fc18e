// Killing an invocation mid-flight, as Forge does when a function reaches its timeout or memory limit: the Lambda
// is gone between two instructions, whatever it was doing. Locally a handler cannot be stopped, so a killed
// invocation is cut off from the world instead: the Bitbucket request that triggered the kill has taken effect but
// its answer never arrives, every later request of that invocation (Bitbucket, kvs, queue, LLM) never leaves, its
// log lines are dropped, and the broker sees the delivery fail with the kill's reason at once.
import type { InvocationState } from './invocation-context';
import type { BitbucketRequestRecord, KillSpec } from './types';

export type KillReason = NonNullable<KillSpec['reason']>;

interface ArmedKill {
  spec: KillSpec;
  /** Matching requests still to be answered before the kill. */
  remaining: number;
}

export class InvocationKills {
  private armed: ArmedKill[] = [];

  arm(spec: KillSpec): void {
    const after = spec.afterRequests ?? 1;
    if (!Number.isInteger(after) || after < 1)
      throw new Error('killInvocation: afterRequests must be a positive integer');
    if (spec.reason !== undefined && !['FUNCTION_TIME_OUT', 'FUNCTION_OUT_OF_MEMORY'].includes(spec.reason))
      throw new Error(
        `killInvocation: reason must be FUNCTION_TIME_OUT or FUNCTION_OUT_OF_MEMORY, got ${String(spec.reason)}`,
      );
    this.armed.push({ spec, remaining: after });
  }

  /** Counts an answered Bitbucket request; kills its invocation (and disarms) when it is the chosen one. */
  afterBitbucketRequest(state: InvocationState, request: BitbucketRequestRecord): boolean {
    const kill = this.armed.find(
      ({ spec }) =>
        (spec.functionKey === undefined || spec.functionKey === state.functionKey) &&
        (spec.matching === undefined || spec.matching(request)),
    );
    if (!kill) return false;
    kill.remaining -= 1;
    if (kill.remaining > 0) return false;
    this.armed = this.armed.filter((k) => k !== kill);
    state.kill?.(kill.spec.reason ?? 'FUNCTION_TIME_OUT');
    return true;
  }
}

/** What a killed invocation's I/O resolves to: nothing, ever. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
