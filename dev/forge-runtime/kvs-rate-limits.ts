// Forge KVS operation limits per installation (developer.atlassian.com/platform/forge/limits-kvs-ce/): 1,000
// requests per second, 4,000 reads and 4,000 writes per minute counted in 10 KB units ("a request with a payload
// of 65KB ... is counted as 7 requests"). Over a limit Forge answers 429 with code RATE_LIMIT_EXCEEDED
// (storage-reference/handling-errors-kvs), which @forge/kvs 1.6.5 throws as ForgeKvsAPIError with that code and
// responseDetails.status 429. Windows slide (stricter than fixed windows, which allow a double burst at a boundary);
// Forge's own algorithm is unpublished.

export interface KvsRateLimits {
  requestsPerSecond: number;
  readUnitsPerMinute: number;
  writeUnitsPerMinute: number;
  /** Local milliseconds per Forge second for both windows: 1000 is real time; tests compress it. */
  msPerSecond: number;
}

export const FORGE_KVS_RATE_LIMITS: Readonly<KvsRateLimits> = {
  requestsPerSecond: 1000,
  readUnitsPerMinute: 4000,
  writeUnitsPerMinute: 4000,
  msPerSecond: 1000,
};

/** One read or write unit: 10 KB. Decimal kilobytes, the stricter reading of "10KB". */
export const KVS_UNIT_BYTES = 10_000;

export type KvsOperationKind = 'read' | 'write';

/** Units a request of `bytes` counts for: rounded up to the next 10 KB, at least one. */
export const unitsOf = (bytes: number): number => Math.max(1, Math.ceil(bytes / KVS_UNIT_BYTES));

/** Reads: get, secret get, query, batch get. Everything else that changes data is a write (a transaction is one). */
export function operationKind(path: string): KvsOperationKind {
  return /\/(get|query)$/.test(path) ? 'read' : 'write';
}

/** One request the store answered (or refused), for tests and benches that count what the app reads and writes. */
export interface KvsOperationRecord {
  kind: KvsOperationKind;
  path: string;
  /** The key (get, set, delete) or the queried prefix; absent for batches and transactions. */
  key?: string;
  units: number;
  /** HTTP status of the answer; 429 when the rate limit refused it (refused requests consume no units). */
  status: number;
}

export interface KvsUsage {
  requests: number;
  reads: number;
  readUnits: number;
  writes: number;
  writeUnits: number;
  /** Requests answered 429 RATE_LIMIT_EXCEEDED. */
  rateLimited: number;
}

class SlidingWindow {
  private readonly entries: Array<{ at: number; amount: number }> = [];
  private sum = 0;

  total(now: number, spanMs: number): number {
    while (this.entries.length > 0 && (this.entries[0]?.at ?? now) <= now - spanMs) {
      this.sum -= this.entries.shift()?.amount ?? 0;
    }
    return this.sum;
  }

  add(at: number, amount: number): void {
    this.entries.push({ at, amount });
    this.sum += amount;
  }
}

export class KvsRateLimiter {
  private requests = new SlidingWindow();
  private reads = new SlidingWindow();
  private writes = new SlidingWindow();

  constructor(
    readonly limits: Readonly<KvsRateLimits>,
    private readonly now: () => number,
  ) {}

  /** Why a request of `units` would be refused now, or undefined when it fits every window. */
  refusal(kind: KvsOperationKind, units: number): string | undefined {
    const now = this.now();
    const second = this.limits.msPerSecond;
    if (this.requests.total(now, second) + 1 > this.limits.requestsPerSecond) {
      return `more than ${this.limits.requestsPerSecond} KVS requests per second for this installation`;
    }
    const limit = kind === 'read' ? this.limits.readUnitsPerMinute : this.limits.writeUnitsPerMinute;
    const used = (kind === 'read' ? this.reads : this.writes).total(now, 60 * second);
    if (used + units > limit) {
      return `this ${kind} of ${units} unit(s) of 10 KB would exceed ${limit} ${kind} units per minute for this installation (${used} used)`;
    }
    return undefined;
  }

  record(kind: KvsOperationKind, units: number): void {
    const now = this.now();
    this.requests.add(now, 1);
    (kind === 'read' ? this.reads : this.writes).add(now, units);
  }

  reset(): void {
    this.requests = new SlidingWindow();
    this.reads = new SlidingWindow();
    this.writes = new SlidingWindow();
  }
}
