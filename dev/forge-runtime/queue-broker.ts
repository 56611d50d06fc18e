// Async events (`@forge/events` 3.0.8 `Queue`). The SDK POSTs
// `{ queueName, jobId, type, schema, payload: PushEvent[], time }` to
// `/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}` through `__forge_fetch__`
// (target `{ type: 'fpp', provider: 'app', remote: 'stargate' }`) and expects 201; 413 `{ errorMessage }`
// becomes PayloadTooBigError, 429 RateLimitError, other statuses InternalServerError with `message`
// (node_modules/@forge/events/out/validators.js).
// Delivery is asynchronous and at least once; the consumer gets `(event, context)` with the pushed body
// under `event.body` (AsyncEvent in node_modules/@forge/events/out/types.d.ts). A consumer that throws, times out
// or returns InvocationError is retried with backoff until 24 h after the push; `concurrency: { key, limit }`
// caps how many events of one key run at once. Schedules and limits: queue-schedule.ts.
import { randomUUID } from 'node:crypto';
import type { ConsumerDef } from './manifest';
import {
  ConcurrencySlots,
  LONG_CONSUMER_THRESHOLD_SECONDS,
  MAX_DELAY_SECONDS,
  MAX_EVENT_BYTES_LONG_CONSUMER,
  MAX_EVENTS_PER_MINUTE,
  MAX_EVENTS_PER_PUSH,
  MAX_PUSH_BYTES,
  MAX_RETRY_DATA_BYTES,
  PushRateWindow,
  RETENTION_SECONDS,
  postponeSeconds,
  retryBackoffSeconds,
} from './queue-schedule';
import type { InvocationResult, QueuePushRecord } from './types';

export interface ConsumerOutcome {
  result: InvocationResult;
  timedOut: boolean;
  /** Forge's own retry reason when the platform ended the invocation (a kill); else derived from `timedOut`. */
  platformReason?: string;
}

export interface QueueBrokerDeps {
  consumersFor(queue: string): ConsumerDef[];
  timeoutSecondsOf(consumer: ConsumerDef): number;
  deliver(consumer: ConsumerDef, event: Record<string, unknown>): Promise<ConsumerOutcome>;
  log(functionKey: string, level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** Local milliseconds per Forge second: waits, the push-rate minute and the 24 h retention are compressed by it. */
  delayMsPerSecond: number;
  redeliver: boolean;
  /** Local clock for the push-rate window (tests may inject one). */
  now?: () => number;
  /** Jitter of the concurrency postponements (tests may inject one). */
  random?: () => number;
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

interface Concurrency {
  key: string;
  limit: number;
}

/** One event's life on the queue, in Forge seconds since its push (waits only: invocation time is not compressed). */
interface EventClock {
  pushedAt: string;
  elapsedSeconds: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class QueueBroker {
  readonly pushes: QueuePushRecord[] = [];
  private pending = 0;
  private waiters: Array<() => void> = [];
  private readonly jobs = new Map<string, JobStats>();
  private readonly slots = new ConcurrencySlots();
  private readonly rate: PushRateWindow;

  constructor(private readonly deps: QueueBrokerDeps) {
    this.rate = new PushRateWindow(60 * deps.delayMsPerSecond, deps.now ?? Date.now);
  }

  handle(path: string, body: unknown): BrokerReply {
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(body);
    if (path.startsWith('/webhook/queue/stats/')) return this.stats(body);
    if (path.startsWith('/webhook/queue/cancel/')) return this.cancel(body);
    return { status: 404, body: { message: `Unknown queue endpoint ${path}` } };
  }

  /** Resolves once no event is waiting, running, postponed or scheduled for retry. */
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
    const invalid = this.invalidPush(events, consumers);
    if (invalid) return invalid;
    if (!this.rate.admit(events.length)) {
      // The SDK turns any 429 into RateLimitError("Too many requests."); Forge's advice is to push again after a minute.
      return {
        status: 429,
        body: { message: `More than ${MAX_EVENTS_PER_MINUTE} events pushed in one minute` },
      };
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

  /** The first limit a push breaks, answered as the service does; undefined when it is acceptable. */
  private invalidPush(events: unknown[], consumers: ConsumerDef[]): BrokerReply | undefined {
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
      if (ev.concurrency !== undefined && concurrencyOf(ev) === undefined) {
        return {
          status: 400,
          body: {
            message: `Event ${i}: concurrency must be { key: non-empty string, limit: positive integer }`,
          },
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
    return undefined;
  }

  private schedule(consumer: ConsumerDef, queue: string, jobId: string, ev: Obj, job: JobStats): void {
    const delaySeconds = typeof ev.delayInSeconds === 'number' ? ev.delayInSeconds : 0;
    const clock: EventClock = { pushedAt: new Date().toISOString(), elapsedSeconds: delaySeconds };
    const base: Obj = { queueName: queue, jobId, eventId: randomUUID(), ...ev };
    const deliveries = this.deps.redeliver ? 2 : 1;
    this.pending += 1;
    job.inProgress += 1;
    const run = async (): Promise<void> => {
      await this.wait(delaySeconds);
      let succeeded = false;
      for (let d = 0; d < deliveries && !job.cancelled; d++) {
        if (d > 0)
          this.deps.log(
            consumer.functionKey,
            'info',
            `Redelivering event ${String(base.eventId)} (at-least-once delivery)`,
          );
        succeeded = (await this.deliverUntilSettled(consumer, base, job, clock)) || succeeded;
      }
      job.inProgress -= 1;
      if (succeeded) job.success += 1;
      else job.failed += 1;
    };
    run()
      .catch((e: unknown) =>
        this.deps.log(consumer.functionKey, 'error', `Queue delivery failed: ${String(e)}`),
      )
      .finally(() => this.settle());
  }

  /**
   * Delivers until the consumer succeeds, the job is cancelled, or the event's 24 h are up; returns whether a
   * delivery succeeded. Forge, not the app, stops retrying only at the end of the retention window: capping
   * attempts is the consumer's job (it reads retryContext).
   */
  private async deliverUntilSettled(
    consumer: ConsumerDef,
    base: Obj,
    job: JobStats,
    clock: EventClock,
  ): Promise<boolean> {
    const concurrency = concurrencyOf(base);
    let retryContext: Obj | undefined;
    for (let retryCount = 0; ;) {
      if (job.cancelled) return false;
      if (concurrency && !(await this.acquire(consumer, base, concurrency, clock))) return false;
      let outcome: ConsumerOutcome;
      try {
        outcome = await this.deps.deliver(consumer, { ...base, ...(retryContext ? { retryContext } : {}) });
      } finally {
        if (concurrency) this.slots.release(concurrency.key);
      }
      const retry = this.retryRequest(consumer, outcome, retryCount + 1);
      if (!retry) return outcome.result.ok;
      retryCount += 1;
      if (clock.elapsedSeconds + retry.afterSeconds > RETENTION_SECONDS) {
        this.deps.log(
          consumer.functionKey,
          'error',
          `Event ${String(base.eventId)} dropped: still failing ${RETENTION_SECONDS / 3600} h after its push ` +
            `(${retryCount} deliveries; last: ${retry.reason})`,
        );
        return false;
      }
      clock.elapsedSeconds += retry.afterSeconds;
      retryContext = {
        retryCount,
        retryReason: retry.reason,
        retryData: retry.data,
        retentionWindow: {
          startTime: clock.pushedAt,
          remainingTimeMs: (RETENTION_SECONDS - clock.elapsedSeconds) * 1000,
        },
      };
      this.deps.log(
        consumer.functionKey,
        'info',
        `Retrying event ${String(base.eventId)} in ${retry.afterSeconds} s (retry ${retryCount}, ${retry.reason})`,
      );
      await this.wait(retry.afterSeconds);
    }
  }

  /** Takes a slot of the event's concurrency key, postponing with backoff while the key is full. */
  private async acquire(
    consumer: ConsumerDef,
    base: Obj,
    concurrency: Concurrency,
    clock: EventClock,
  ): Promise<boolean> {
    for (let postponed = 0; !this.slots.tryAcquire(concurrency.key, concurrency.limit); postponed++) {
      const wait = postponeSeconds(postponed, this.deps.random);
      if (clock.elapsedSeconds + wait > RETENTION_SECONDS) {
        this.deps.log(
          consumer.functionKey,
          'error',
          `Event ${String(base.eventId)} dropped: concurrency key '${concurrency.key}' stayed at its limit ` +
            `of ${concurrency.limit} for ${RETENTION_SECONDS / 3600} h`,
        );
        return false;
      }
      clock.elapsedSeconds += wait;
      this.deps.log(
        consumer.functionKey,
        'debug',
        `Event ${String(base.eventId)} postponed ${wait.toFixed(1)} s: concurrency key '${concurrency.key}' is at its limit of ${concurrency.limit}`,
      );
      await this.wait(wait);
    }
    return true;
  }

  /** Whether and when the outcome is retried: a throw or timeout by Forge's backoff, InvocationError as it asks. */
  private retryRequest(
    consumer: ConsumerDef,
    { result, timedOut, platformReason }: ConsumerOutcome,
    retryCount: number,
  ): { afterSeconds: number; reason: string; data: unknown } | undefined {
    const backoff = retryBackoffSeconds(retryCount);
    if (!result.ok) {
      return {
        afterSeconds: backoff,
        reason: platformReason ?? (timedOut ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR'),
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
    let afterSeconds = backoff;
    if (typeof options.retryAfter === 'number') {
      if (options.retryAfter > MAX_DELAY_SECONDS) {
        this.deps.log(
          consumer.functionKey,
          'warn',
          `InvocationError retryAfter ${options.retryAfter} s exceeds ${MAX_DELAY_SECONDS} s; retrying after ${MAX_DELAY_SECONDS} s`,
        );
      }
      afterSeconds = Math.min(Math.max(options.retryAfter, 1), MAX_DELAY_SECONDS);
    }
    return {
      afterSeconds,
      reason: typeof options.retryReason === 'string' ? options.retryReason : 'FUNCTION_RETRY_REQUEST',
      data,
    };
  }

  private wait(forgeSeconds: number): Promise<void> {
    if (forgeSeconds <= 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => setTimeout(resolve, forgeSeconds * this.deps.delayMsPerSecond));
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

function concurrencyOf(ev: Obj): Concurrency | undefined {
  const c = ev.concurrency;
  if (!isObj(c)) return undefined;
  const { key, limit } = c;
  if (typeof key !== 'string' || key === '' || !Number.isInteger(limit) || (limit as number) < 1)
    return undefined;
  return { key, limit: limit as number };
}
