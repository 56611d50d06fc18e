/** Splitting queue events into pushes Forge accepts (forge-platform.md §7, limits-async-events). */

/** `Queue.push`: at most 50 events per push. */
export const QUEUE_EVENTS_PER_PUSH_MAX = 50;
/** `Queue.push`: at most 200 KB per push. */
export const QUEUE_PUSH_BYTES_MAX = 200_000;
/** At most 100 KB per event when the consumer's timeoutSeconds exceeds 55 s (ours is 900 s). */
export const QUEUE_EVENT_BYTES_MAX = 100_000;
/** Room left per push and per event for the envelope the SDK wraps around each body (concurrency, delay). */
const ENVELOPE_BYTES = 512;

export const serializedBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * Consecutive batches of at most QUEUE_EVENTS_PER_PUSH_MAX bodies whose serialized size, with the envelope, stays
 * under QUEUE_PUSH_BYTES_MAX. A body too large for any event is an error naming its size: splitting further is the
 * planner's job, never the queue's.
 */
export function pushBatches<T>(bodies: readonly T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const [i, body] of bodies.entries()) {
    const size = serializedBytes(body) + ENVELOPE_BYTES;
    if (size > QUEUE_EVENT_BYTES_MAX) {
      throw new Error(
        `queue event ${i} would be ${size} bytes, over Forge's ${QUEUE_EVENT_BYTES_MAX} per event`,
      );
    }
    if (
      current.length > 0 &&
      (current.length >= QUEUE_EVENTS_PER_PUSH_MAX || bytes + size > QUEUE_PUSH_BYTES_MAX)
    ) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(body);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
