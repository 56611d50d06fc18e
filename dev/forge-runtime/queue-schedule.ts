// Forge's async-event numbers and the retry schedule the queue shim follows. Limits are from limits-async-events
// and the async-events API page; the backoff schedules are unpublished, so these are chosen (README.md, Queue).

/** Events per push, bytes per push, bytes per event for long consumers (limits-async-events). */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_BYTES = 200 * 1024;
export const MAX_EVENT_BYTES_LONG_CONSUMER = 100 * 1024;
/** Consumers with a timeout above this many seconds get the per-event size limit. */
export const LONG_CONSUMER_THRESHOLD_SECONDS = 55;
/** delayInSeconds and retryAfter range (seconds). */
export const MAX_DELAY_SECONDS = 900;
/** `InvocationError` retryData size limit. */
export const MAX_RETRY_DATA_BYTES = 4 * 1024;
/** Events one installation may push per minute; more answers 429 (the SDK throws RateLimitError). */
export const MAX_EVENTS_PER_MINUTE = 500;
/** A failing event is retried for this long after its push, then dropped (Forge keeps events 24 h). */
export const RETENTION_SECONDS = 24 * 60 * 60;

/**
 * Wait before retry `retryCount` (1-based) of a consumer that threw, timed out, or asked to retry without a
 * `retryAfter`: doubling from 15 s, capped at 15 minutes (Atlassian: "the maximum delay in-between the retries is
 * 15 minutes").
 */
export function retryBackoffSeconds(retryCount: number): number {
  return Math.min(MAX_DELAY_SECONDS, 15 * 2 ** Math.max(0, retryCount - 1));
}

/**
 * Wait before the next try of an event whose concurrency key is at its limit (`postponements` so far, from 0):
 * doubling from 1 s, capped at 15 minutes, with equal jitter (uniform in the upper half of each step). Forge
 * retries such events internally, invisibly to the app ("exponential backoff", "the maximum delay in-between the
 * retries is 15 minutes"; the delays Atlassian's forum shows are irregular), so they do not run in push order and
 * may start well after a slot frees.
 */
export function postponeSeconds(postponements: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_DELAY_SECONDS, 2 ** postponements);
  return step / 2 + (random() * step) / 2;
}

/** How many events a key may run at once, per `concurrency: { key, limit }`; a key's slot is held per invocation. */
export class ConcurrencySlots {
  private readonly running = new Map<string, number>();

  tryAcquire(key: string, limit: number): boolean {
    const now = this.running.get(key) ?? 0;
    if (now >= limit) return false;
    this.running.set(key, now + 1);
    return true;
  }

  release(key: string): void {
    const now = (this.running.get(key) ?? 1) - 1;
    if (now > 0) this.running.set(key, now);
    else this.running.delete(key);
  }
}

/** Sliding one-minute window over accepted pushes; `windowMs` is a Forge minute in local milliseconds. */
export class PushRateWindow {
  private pushes: Array<{ at: number; events: number }> = [];

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Records the push and returns true, or returns false when it would exceed MAX_EVENTS_PER_MINUTE. */
  admit(events: number): boolean {
    const now = this.now();
    this.pushes = this.pushes.filter((p) => now - p.at < this.windowMs);
    const inWindow = this.pushes.reduce((sum, p) => sum + p.events, 0);
    if (inWindow + events > MAX_EVENTS_PER_MINUTE) return false;
    this.pushes.push({ at: now, events });
    return true;
  }
}
