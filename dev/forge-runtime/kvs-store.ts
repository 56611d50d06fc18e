// In-memory Forge KVS behind the HTTP paths `@forge/kvs` 1.6.5 posts to (see
// node_modules/@forge/kvs/out/storage-api.js). Errors are `{ code, message }` bodies with a non-2xx status,
// which the SDK turns into `ForgeKvsAPIError` with that `code`; 404 KEY_NOT_FOUND becomes `undefined`.
import {
  KvsRuleError,
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

interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const CURSOR_PREFIX = 'local-kvs:';

export class KvsStore {
  private readonly data = new Map<string, Entry>();
  private readonly secrets = new Map<string, Entry>();

  constructor(private readonly now: () => number = () => Date.now()) {}

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

  clear(): void {
    this.data.clear();
    this.secrets.clear();
  }

  handle(path: string, body: unknown): KvsReply {
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
        409,
        'KEY_ALREADY_EXISTS',
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
    let prefix = '';
    for (const clause of where) {
      if (!isObj(clause) || clause.property !== 'key' || clause.condition !== 'BEGINS_WITH') {
        throw new KvsRuleError(
          400,
          'BAD_REQUEST',
          `Unsupported query condition ${JSON.stringify(clause)}: only key BEGINS_WITH`,
        );
      }
      const v = Array.isArray(clause.values) ? (clause.values as unknown[])[0] : undefined;
      prefix = String(v ?? '');
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
    if (!Array.isArray(body)) throw new KvsRuleError(400, 'BAD_REQUEST', 'A batch request must be an array');
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
    if (!Array.isArray(body)) throw new KvsRuleError(400, 'BAD_REQUEST', 'A batch request must be an array');
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
