/** Injected failures and delays, to exercise clients' retry and timeout paths. */
import type { FaultControl, FaultSpec, FaultStatus } from './types';
import { HttpError, bitbucketError } from './errors';

/** Bitbucket's 429 is plain text and carries no Retry-After header (bitbucket-api.md §8). */
export const RATE_LIMIT_BODY = 'Rate limit for this resource has been exceeded.';
export const MAX_FAULT_DELAY_MS = 120_000;

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class Faults implements FaultControl {
  private active: ActiveFault[] = [];

  inject(spec: FaultSpec): void {
    if ('status' in spec && ![429, 500, 555].includes(spec.status))
      throw new Error(`faults.inject: unsupported status ${String(spec.status)}; use 429, 500 or 555`);
    // Bitbucket refuses a rate-limited request before doing anything, and 555 is a diff it could not build.
    if ('status' in spec && spec.afterApplying && spec.status !== 500)
      throw new Error('faults.inject: afterApplying models a write that took effect; use it with status 500');
    if ('delayMs' in spec && !(spec.delayMs >= 0 && spec.delayMs <= MAX_FAULT_DELAY_MS))
      throw new Error(`faults.inject: delayMs must be between 0 and ${MAX_FAULT_DELAY_MS}`);
    if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0))
      throw new Error('faults.inject: times must be a positive integer');
    this.active.push({ spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.active = [];
  }

  /**
   * Consumes the first fault matching the request; a delay is awaited here, a status is thrown — or, for a fault
   * `afterApplying`, returned, for the server to throw once the request has taken effect.
   */
  async apply(method: string, pathname: string): Promise<HttpError | undefined> {
    const fault = this.active.find(
      (f) =>
        f.remaining > 0 &&
        (f.spec.method === undefined || f.spec.method.toUpperCase() === method) &&
        (f.spec.path === undefined || testPath(f.spec.path, pathname)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    const spec = fault.spec;
    if ('delayMs' in spec) {
      await new Promise((resolve) => setTimeout(resolve, spec.delayMs));
      return undefined;
    }
    const error = faultError(spec.status);
    if (spec.afterApplying) return error;
    throw error;
  }
}

function faultError(status: FaultStatus): HttpError {
  if (status === 429) return new HttpError(429, RATE_LIMIT_BODY, RATE_LIMIT_BODY);
  if (status === 555) return new HttpError(555, 'Service Timeout', bitbucketError('Service Timeout'));
  return new HttpError(500, 'Internal Server Error', bitbucketError('Something went wrong'));
}

function testPath(pattern: RegExp, pathname: string): boolean {
  pattern.lastIndex = 0; // a /g regex keeps state between calls
  return pattern.test(pathname);
}
