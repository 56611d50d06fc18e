// Async events (`@forge/events` 3.0.8 `Queue`). The SDK POSTs
// `{ queueName, jobId, type, schema, payload: PushEvent[], time }` to
// `/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}` through `__forge_fetch__`
// (target `{ type: 'fpp', provider: 'app', remote: 'stargate' }`) and expects 201; 413 `{ errorMessage }`
// becomes PayloadTooBigError, other statuses InternalServerError with `message`.
// Delivery is asynchronous and at least once; the consumer gets `(event, context)` with the pushed body
// under `event.body` (AsyncEvent in node_modules/@forge/events/out/types.d.ts).
import { randomUUID } from 'node:crypto';
import type { ConsumerDef } from './manifest';
import type { InvocationResult, QueuePushRecord } from './types';

/** Forge limits-async-events: events per push, bytes per push, bytes per event for long consumers. */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_BYTES = 200 * 1024;
export const MAX_EVENT_BYTES_LONG_CONSUMER = 100 * 1024;
/** Consumers with a timeout above this many seconds get the per-event size limit. */
export const LONG_CONSUMER_THRESHOLD_SECONDS = 55;
/** delayInSeconds and retryAfter range (seconds). */
export const MAX_DELAY_SECONDS = 900;
/** Forge retries an event at most 4 times; retryData at most 4 KB. */
export const MAX_RETRIES = 4;
export const MAX_RETRY_DATA_BYTES = 4 * 1024;

export interface ConsumerOutcome {
  result: InvocationResult;
  timedOut: boolean;
}

export interface QueueBrokerDeps {
  consumersFor(queue: string): ConsumerDef[];
  timeoutSecondsOf(consumer: ConsumerDef): number;
  deliver(consumer: ConsumerDef, event: Record<string, unknown>): Promise<ConsumerOutcome>;
  log(functionKey: string, level: 'info' | 'warn' | 'error', message: string): void;
  delayMsPerSecond: number;
  redeliver: boolean;
}

export interface BrokerReply {
  status: number;
  body: unknown;
}

interface JobStats {
  success: number;
  inProgress: number;
  failed: number;
  cancelled: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class QueueBroker {
  readonly pushes: QueuePushRecord[] = [];
  private pending = 0;
  private waiters: Array<() => void> = [];
  private readonly jobs = new Map<string, JobStats>();

  constructor(private readonly deps: QueueBrokerDeps) {}

  handle(path: string, body: unknown): BrokerReply {
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(body);
    if (path.startsWith('/webhook/queue/stats/')) return this.stats(body);
    if (path.startsWith('/webhook/queue/cancel/')) return this.cancel(body);
    return { status: 404, body: { message: `Unknown queue endpoint ${path}` } };
  }

  /** Resolves once no event is waiting, running or scheduled for retry. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private publish(body: unknown): BrokerReply {
    if (!isObj(body) || typeof body.queueName !== 'string' || !Array.isArray(body.payload)) {
      return { status: 400, body: { message: 'Push request needs queueName and a payload array' } };
    }
    const queue = body.queueName;
    const events = body.payload as unknown[];
    const consumers = this.deps.consumersFor(queue);
    if (consumers.length === 0) {
      return { status: 400, body: { message: `No consumer in manifest.yml is bound to queue '${queue}'` } };
    }
    if (events.length === 0 || events.length > MAX_EVENTS_PER_PUSH) {
      return {
        status: 400,
        body: { message: `A push must hold 1 to ${MAX_EVENTS_PER_PUSH} events; got ${events.length}` },
      };
    }
    const pushBytes = Buffer.byteLength(JSON.stringify(events));
    if (pushBytes > MAX_PUSH_BYTES) {
      return {
        status: 413,
        body: { errorMessage: `The push is ${pushBytes} bytes; the maximum is ${MAX_PUSH_BYTES}` },
      };
    }
    const longConsumer = consumers.find(
      (c) => this.deps.timeoutSecondsOf(c) > LONG_CONSUMER_THRESHOLD_SECONDS,
    );
    for (const [i, ev] of events.entries()) {
      if (!isObj(ev) || !isObj(ev.body))
        return { status: 400, body: { message: `Event ${i} has no object body` } };
      const delay = ev.delayInSeconds;
      if (delay !== undefined && (typeof delay !== 'number' || delay < 0 || delay > MAX_DELAY_SECONDS)) {
        return {
          status: 400,
          body: { message: `Event ${i}: delayInSeconds must be between 0 and ${MAX_DELAY_SECONDS}` },
        };
      }
      const eventBytes = Buffer.byteLength(JSON.stringify(ev));
      if (longConsumer && eventBytes > MAX_EVENT_BYTES_LONG_CONSUMER) {
        return {
          status: 413,
          body: {
            errorMessage:
              `Event ${i} is ${eventBytes} bytes; consumer '${longConsumer.key}' has timeoutSeconds > ` +
              `${LONG_CONSUMER_THRESHOLD_SECONDS}, so each event may be at most ${MAX_EVENT_BYTES_LONG_CONSUMER} bytes`,
          },
        };
      }
    }
    const jobId = typeof body.jobId === 'string' ? body.jobId : randomUUID();
    this.pushes.push({ queue, events: JSON.parse(JSON.stringify(events)) as unknown[] });
    const job: JobStats = { success: 0, inProgress: 0, failed: 0, cancelled: false };
    this.jobs.set(jobId, job);
    for (const ev of events as Obj[]) {
      for (const consumer of consumers) this.schedule(consumer, queue, jobId, ev, job);
    }
    return { status: 201, body: { jobId } };
  }

  private schedule(consumer: ConsumerDef, queue: string, jobId: string, ev: Obj, job: JobStats): void {
    const delayMs =
      (typeof ev.delayInSeconds === 'number' ? ev.delayInSeconds : 0) * this.deps.delayMsPerSecond;
    const eventId = randomUUID();
    const deliveries = this.deps.redeliver ? 2 : 1;
    this.pending += 1;
    job.inProgress += 1;
    const run = async (): Promise<void> => {
      let succeeded = false;
      for (let d = 0; d < deliveries && !job.cancelled; d++) {
        if (d > 0)
          this.deps.log(
            consumer.functionKey,
            'info',
            `Redelivering event ${eventId} (at-least-once delivery)`,
          );
        succeeded =
          (await this.deliverWithRetries(consumer, { queueName: queue, jobId, eventId, ...ev }, job)) ||
          succeeded;
      }
      job.inProgress -= 1;
      if (succeeded) job.success += 1;
      else job.failed += 1;
    };
    setTimeout(() => {
      run()
        .catch((e: unknown) =>
          this.deps.log(consumer.functionKey, 'error', `Queue delivery failed: ${String(e)}`),
        )
        .finally(() => this.settle());
    }, delayMs);
  }

  /** Delivers once plus up to MAX_RETRIES retries; returns whether a delivery succeeded. */
  private async deliverWithRetries(consumer: ConsumerDef, base: Obj, job: JobStats): Promise<boolean> {
    let retryContext: Obj | undefined;
    for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      if (job.cancelled) return false;
      const event = { ...base, ...(retryContext ? { retryContext } : {}) };
      const { result, timedOut } = await this.deps.deliver(consumer, event);
      const retry = this.retryRequest(consumer, result, timedOut, attempt);
      if (!retry) return result.ok;
      if (attempt === MAX_RETRIES) {
        this.deps.log(
          consumer.functionKey,
          'error',
          `Event ${String(base.eventId)} failed after ${MAX_RETRIES} retries; giving up`,
        );
        return false;
      }
      retryContext = { retryCount: attempt + 1, retryReason: retry.reason, retryData: retry.data };
      await new Promise((r) => setTimeout(r, retry.afterSeconds * this.deps.delayMsPerSecond));
    }
    return false;
  }

  private retryRequest(
    consumer: ConsumerDef,
    result: InvocationResult,
    timedOut: boolean,
    attempt: number,
  ): { afterSeconds: number; reason: string; data: unknown } | undefined {
    // Forge's backoff schedule is unpublished; use exponential seconds (1, 2, 4, 8) scaled locally.
    const backoff = 2 ** attempt;
    if (!result.ok) {
      return {
        afterSeconds: backoff,
        reason: timedOut ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
        data: undefined,
      };
    }
    // `InvocationError` (and `QueueResponse.retry()`) are returned, not thrown: `{ _retry: true, retryOptions }`.
    const value = result.value;
    if (!isObj(value) || value._retry !== true) return undefined;
    const options = isObj(value.retryOptions) ? value.retryOptions : {};
    const data = options.retryData;
    if (data !== undefined && Buffer.byteLength(JSON.stringify(data)) > MAX_RETRY_DATA_BYTES) {
      this.deps.log(
        consumer.functionKey,
        'error',
        `InvocationError retryData exceeds ${MAX_RETRY_DATA_BYTES} bytes; the event is not retried`,
      );
      return undefined;
    }
    const after = typeof options.retryAfter === 'number' ? options.retryAfter : 1;
    return {
      afterSeconds: Math.min(Math.max(after, 1), MAX_DELAY_SECONDS),
      reason: typeof options.retryReason === 'string' ? options.retryReason : 'FUNCTION_RETRY_REQUEST',
      data,
    };
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }

  private stats(body: unknown): BrokerReply {
    const job = isObj(body) && typeof body.jobId === 'string' ? this.jobs.get(body.jobId) : undefined;
    if (!job) return { status: 404, body: { message: 'Job not found' } };
    return { status: 200, body: { success: job.success, inProgress: job.inProgress, failed: job.failed } };
  }

  private cancel(body: unknown): BrokerReply {
    const job = isObj(body) && typeof body.jobId === 'string' ? this.jobs.get(body.jobId) : undefined;
    if (!job) return { status: 404, body: { message: 'Job not found' } };
    job.cancelled = true;
    return { status: 204, body: undefined };
  }
}
