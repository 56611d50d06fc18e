// In-memory Forge KVS behind the HTTP paths `@forge/kvs` 1.6.5 posts to (see
// node_modules/@forge/kvs/out/storage-api.js). Errors are `{ code, message }` bodies with a non-2xx status,
// which the SDK turns into `ForgeKvsAPIError` with that `code`; 404 KEY_NOT_FOUND becomes `undefined`.
// Every request passes the installation's rate limits first (kvs-rate-limits.ts).
import {
  FORGE_KVS_RATE_LIMITS,
  KvsRateLimiter,
  operationKind,
  unitsOf,
  type KvsOperationRecord,
  type KvsRateLimits,
  type KvsUsage,
} from './kvs-rate-limits';
import {
  KvsRuleError,
  MAX_BATCH_KEYS,
  MAX_TRANSACTION_BYTES,
  MAX_TRANSACTION_OPERATIONS,
  checkKey,
  checkQueryLimit,
  checkValue,
  ttlSeconds,
} from './kvs-rules';

export interface KvsReply {
  status: number;
  body?: unknown;
}

/** One stored value: its key, whether it went to the secret namespace, and its TTL in seconds (none: kept). */
export interface KvsWriteRecord {
  key: string;
  secret: boolean;
  ttlSeconds?: number;
}

interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
/** The queried prefix of a `where key BEGINS_WITH` query, for the operation log. */
const firstWhereValue = (body: Obj): unknown => {
  const clause = Array.isArray(body.where) ? (body.where as unknown[])[0] : undefined;
  return isObj(clause) && Array.isArray(clause.values) ? (clause.values as unknown[])[0] : undefined;
};

const CURSOR_PREFIX = 'local-kvs:';

/** storage-reference/batchops: at most 25 keys; a batch with no keys, or one key twice, fails entirely. */
function checkBatch(body: unknown): asserts body is unknown[] {
  if (!Array.isArray(body)) throw new KvsRuleError(400, 'BAD_REQUEST', 'A batch request must be an array');
  if (body.length === 0 || body.length > MAX_BATCH_KEYS) {
    throw new KvsRuleError(
      400,
      'BAD_REQUEST',
      `A batch holds 1 to ${MAX_BATCH_KEYS} keys; this one has ${body.length}`,
    );
  }
  const keys = (body as unknown[]).map((item) =>
    isObj(item) ? JSON.stringify([item.key, item.entityName]) : '',
  );
  if (new Set(keys).size !== keys.length) {
    throw new KvsRuleError(400, 'BAD_REQUEST', 'A batch may name each key only once');
  }
}

/** What a FAIL_IF_EXISTS write on an existing key answers: Forge documents no code for it, so it is configurable. */
export interface KvsConflictError {
  status: number;
  code: string;
}

export interface KvsStoreOptions {
  now?: () => number;
  /** Forge's limits by default; a test may lower them or compress time (`msPerSecond`). */
  rateLimits?: Partial<KvsRateLimits>;
  conflictError?: KvsConflictError;
}

/** The shim's own answer to a FAIL_IF_EXISTS conflict (Forge's is undocumented; the app must not depend on it). */
export const DEFAULT_CONFLICT_ERROR: KvsConflictError = { status: 409, code: 'KEY_ALREADY_EXISTS' };

const RATE_LIMITED = 'RATE_LIMIT_EXCEEDED';

export class KvsStore {
  private readonly data = new Map<string, Entry>();
  private readonly secrets = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly limiter: KvsRateLimiter;
  private readonly conflictError: KvsConflictError;
  private readonly log: KvsOperationRecord[] = [];
  private readonly written: KvsWriteRecord[] = [];

  constructor(options: KvsStoreOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.limiter = new KvsRateLimiter({ ...FORGE_KVS_RATE_LIMITS, ...options.rateLimits }, this.now);
    this.conflictError = options.conflictError ?? DEFAULT_CONFLICT_ERROR;
  }

  /** Every request since the last `clear()`, in order, with its kind, units and status. */
  operations(): readonly KvsOperationRecord[] {
    return this.log;
  }

  /**
   * Every value stored since the last `clear()` (single, batch and transaction sets), with the TTL it was given:
   * what a retention test reads, since a key deleted later is gone from `snapshot()` (docs/SECURITY.md).
   */
  writes(): readonly KvsWriteRecord[] {
    return this.written;
  }

  usage(): KvsUsage {
    const usage: KvsUsage = { requests: 0, reads: 0, readUnits: 0, writes: 0, writeUnits: 0, rateLimited: 0 };
    for (const op of this.log) {
      usage.requests++;
      if (op.status === 429) {
        usage.rateLimited++;
        continue;
      }
      if (op.kind === 'read') {
        usage.reads++;
        usage.readUnits += op.units;
      } else {
        usage.writes++;
        usage.writeUnits += op.units;
      }
    }
    return usage;
  }

  /** Values of all live (non-expired) keys; secrets are left out, as `query` leaves them out. */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of [...this.data.keys()].sort()) {
      const e = this.live(this.data, key);
      if (e) out[key] = clone(e.value);
    }
    return out;
  }

  peek(key: string): unknown {
    const e = this.live(this.data, key);
    return e ? clone(e.value) : undefined;
  }

  /** A fresh installation: no data, empty rate windows, no recorded operations. */
  clear(): void {
    this.data.clear();
    this.secrets.clear();
    this.limiter.reset();
    this.log.length = 0;
    this.written.length = 0;
  }

  /**
   * Writes are measured by their request, reads by their answer (computed first: a read changes nothing, so a
   * refused one is simply not returned). A refused request consumes no units.
   */
  handle(path: string, body: unknown): KvsReply {
    const kind = operationKind(path);
    const requestBytes = body === undefined ? 0 : Buffer.byteLength(JSON.stringify(body));
    let units = unitsOf(requestBytes);
    let refusal = kind === 'write' ? this.limiter.refusal(kind, units) : undefined;
    let reply: KvsReply | undefined;
    if (!refusal) {
      reply = this.answer(path, body);
      if (kind === 'read') {
        const replyBytes = reply.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(reply.body));
        units = unitsOf(Math.max(requestBytes, replyBytes));
        refusal = this.limiter.refusal(kind, units);
      }
    }
    const key = isObj(body) ? (body.key ?? firstWhereValue(body)) : undefined;
    const record = (status: number): void =>
      void this.log.push({ kind, path, ...(typeof key === 'string' ? { key } : {}), units, status });
    if (refusal || !reply) {
      record(429);
      return {
        status: 429,
        body: { code: RATE_LIMITED, message: `Rate limit exceeded: ${refusal ?? 'refused'}` },
      };
    }
    this.limiter.record(kind, units);
    record(reply.status);
    return reply;
  }

  private answer(path: string, body: unknown): KvsReply {
    try {
      return this.route(path, body);
    } catch (e) {
      if (e instanceof KvsRuleError) return { status: e.status, body: { code: e.code, message: e.message } };
      throw e;
    }
  }

  private route(path: string, body: unknown): KvsReply {
    if (path.startsWith('/api/v1/entity/')) {
      throw new KvsRuleError(
        400,
        'BAD_REQUEST',
        `Custom entities (${path}) are not supported by the local Forge runtime`,
      );
    }
    switch (path) {
      case '/api/v1/get':
        return this.get(this.data, body);
      case '/api/v1/secret/get':
        return this.get(this.secrets, body);
      case '/api/v1/set':
        return this.set(this.data, body);
      case '/api/v1/secret/set':
        return this.set(this.secrets, body);
      case '/api/v1/delete':
        return this.del(this.data, body);
      case '/api/v1/secret/delete':
        return this.del(this.secrets, body);
      case '/api/v1/query':
        return this.query(body);
      case '/api/v1/batch/set':
        return this.batch(body, (item) => this.set(this.data, item));
      case '/api/v1/batch/delete':
        return this.batch(body, (item) => this.del(this.data, item));
      case '/api/v1/batch/get':
        return this.batchGet(body);
      case '/api/v1/transaction':
        return this.transact(body);
      default:
        throw new KvsRuleError(404, 'NOT_FOUND', `Unknown KVS endpoint ${path}`);
    }
  }

  private live(map: Map<string, Entry>, key: string): Entry | undefined {
    const e = map.get(key);
    if (e?.expiresAt !== undefined && e.expiresAt <= this.now()) {
      map.delete(key);
      return undefined;
    }
    return e;
  }

  private describe(key: string, e: Entry): Obj {
    return {
      key,
      value: clone(e.value),
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      ...(e.expiresAt !== undefined ? { expireTime: new Date(e.expiresAt).toISOString() } : {}),
    };
  }

  private get(map: Map<string, Entry>, body: unknown): KvsReply {
    const key = checkKey(isObj(body) ? body.key : undefined);
    const e = this.live(map, key);
    if (!e) return { status: 404, body: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } };
    return { status: 200, body: this.describe(key, e) };
  }

  /** Validates a set without applying it, so transactions can check everything first. */
  private prepareSet(map: Map<string, Entry>, body: unknown): () => KvsReply {
    if (!isObj(body)) throw new KvsRuleError(400, 'BAD_REQUEST', 'Provided request body is invalid');
    const key = checkKey(body.key);
    checkValue(body.value);
    const options = isObj(body.options) ? body.options : {};
    const ttl = ttlSeconds(options.ttl);
    const previous = this.live(map, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
      throw new KvsRuleError(
        this.conflictError.status,
        this.conflictError.code,
        `The key '${key}' already exists (keyPolicy FAIL_IF_EXISTS)`,
      );
    }
    const value = clone(body.value);
    return () => {
      const now = this.now();
      const entry: Entry = {
        value,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
        ...(ttl !== undefined ? { expiresAt: now + ttl * 1000 } : {}),
      };
      map.set(key, entry);
      this.written.push({
        key,
        secret: map === this.secrets,
        ...(ttl !== undefined ? { ttlSeconds: ttl } : {}),
      });
      if (options.returnValue === 'LATEST') return { status: 200, body: this.describe(key, entry) };
      if (options.returnValue === 'PREVIOUS') {
        return previous ? { status: 200, body: this.describe(key, previous) } : { status: 204 };
      }
      return { status: 204 };
    };
  }

  private set(map: Map<string, Entry>, body: unknown): KvsReply {
    return this.prepareSet(map, body)();
  }

  private del(map: Map<string, Entry>, body: unknown): KvsReply {
    const key = checkKey(isObj(body) ? body.key : undefined);
    map.delete(key);
    return { status: 204 };
  }

  private query(body: unknown): KvsReply {
    const req = isObj(body) ? body : {};
    const limit = checkQueryLimit(req.limit);
    const where = Array.isArray(req.where) ? (req.where as unknown[]) : [];
    if (where.length > 1) {
      throw new KvsRuleError(400, 'QUERY_WHERE_INVALID', 'A KVS query takes a single where clause');
    }
    let prefix = '';
    for (const clause of where) {
      if (!isObj(clause) || clause.property !== 'key') {
        throw new KvsRuleError(
          400,
          'QUERY_WHERE_FIELD_INVALID',
          `Unsupported query field in ${JSON.stringify(clause)}: only key`,
        );
      }
      const values = Array.isArray(clause.values) ? (clause.values as unknown[]) : [];
      if (clause.condition !== 'BEGINS_WITH') {
        throw new KvsRuleError(
          400,
          'INVALID_FILTER_CONDITION',
          `Unsupported query condition ${JSON.stringify(clause.condition)}: only BEGINS_WITH`,
        );
      }
      if (values.length !== 1) {
        throw new KvsRuleError(400, 'INVALID_FILTER_VALUES', 'BEGINS_WITH takes exactly one value');
      }
      prefix = String(values[0]);
    }
    let after: string | undefined;
    if (req.after !== undefined && req.after !== null) {
      const decoded =
        typeof req.after === 'string' ? Buffer.from(req.after, 'base64url').toString('utf8') : '';
      if (!decoded.startsWith(CURSOR_PREFIX))
        throw new KvsRuleError(400, 'INVALID_CURSOR', `Invalid query cursor '${String(req.after)}'`);
      after = decoded.slice(CURSOR_PREFIX.length);
    }
    const keys = [...this.data.keys()]
      .filter((k) => k.startsWith(prefix) && (after === undefined || k > after) && this.live(this.data, k))
      .sort();
    const page = keys.slice(0, limit);
    const data = page.map((k) => {
      const e = this.data.get(k) as Entry;
      return {
        key: k,
        value: clone(e.value),
        ...(e.expiresAt !== undefined ? { expireTime: new Date(e.expiresAt).toISOString() } : {}),
      };
    });
    const last = page[page.length - 1];
    const cursor =
      keys.length > limit && last !== undefined
        ? Buffer.from(CURSOR_PREFIX + last).toString('base64url')
        : undefined;
    return { status: 200, body: { data, ...(cursor ? { cursor } : {}) } };
  }

  private batch(body: unknown, op: (item: unknown) => KvsReply): KvsReply {
    checkBatch(body);
    const successfulKeys: Obj[] = [];
    const failedKeys: Obj[] = [];
    for (const item of body as unknown[]) {
      const key = isObj(item) ? item.key : undefined;
      try {
        if (isObj(item) && item.entityName !== undefined) {
          throw new KvsRuleError(
            400,
            'BAD_REQUEST',
            'Custom entities are not supported by the local Forge runtime',
          );
        }
        op(item);
        successfulKeys.push({ key });
      } catch (e) {
        if (!(e instanceof KvsRuleError)) throw e;
        failedKeys.push({ key, error: { code: e.code, message: e.message } });
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchGet(body: unknown): KvsReply {
    checkBatch(body);
    const successfulKeys: Obj[] = [];
    const failedKeys: Obj[] = [];
    for (const item of body as unknown[]) {
      const key = isObj(item) ? item.key : undefined;
      try {
        const checked = checkKey(key);
        const e = this.live(this.data, checked);
        // Absent keys are simply left out of both lists.
        if (e) successfulKeys.push(this.describe(checked, e));
      } catch (e) {
        if (!(e instanceof KvsRuleError)) throw e;
        failedKeys.push({ key, error: { code: e.code, message: e.message } });
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private transact(body: unknown): KvsReply {
    const req = isObj(body) ? body : {};
    const sets = Array.isArray(req.set) ? (req.set as unknown[]) : [];
    const deletes = Array.isArray(req.delete) ? (req.delete as unknown[]) : [];
    const checks = Array.isArray(req.check) ? (req.check as unknown[]) : [];
    const count = sets.length + deletes.length + checks.length;
    if (count > MAX_TRANSACTION_OPERATIONS) {
      throw new KvsRuleError(
        400,
        'TOO_MANY_OPERATIONS',
        `The transaction has ${count} operations; the maximum is ${MAX_TRANSACTION_OPERATIONS}`,
      );
    }
    const bytes = Buffer.byteLength(JSON.stringify(body));
    if (bytes > MAX_TRANSACTION_BYTES) {
      throw new KvsRuleError(
        400,
        'TRANSACTION_TOO_LARGE',
        `The transaction is ${bytes} bytes; the maximum is ${MAX_TRANSACTION_BYTES}`,
      );
    }
    if (
      checks.length > 0 ||
      [...sets, ...deletes].some((op) => isObj(op) && (op.entityName || op.conditions))
    ) {
      throw new KvsRuleError(
        400,
        'BAD_REQUEST',
        'Entity conditions in transactions are not supported by the local Forge runtime',
      );
    }
    const keys = [...sets, ...deletes].map((op) => checkKey(isObj(op) ? op.key : undefined));
    if (new Set(keys).size !== keys.length) {
      throw new KvsRuleError(400, 'BAD_REQUEST', 'A transaction may touch each key only once');
    }
    // All-or-nothing: validate every operation before applying any.
    const applySets = sets.map((op) => this.prepareSet(this.data, op));
    for (const apply of applySets) apply();
    for (const op of deletes) this.del(this.data, op);
    return { status: 204 };
  }
}
