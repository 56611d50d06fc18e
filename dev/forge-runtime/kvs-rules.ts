// Forge KVS limits (developer.atlassian.com/platform/forge/limits-kvs-ce/ and storage-api-basic/),
// checked by the local store so app code hits the same walls it would in Forge. Error codes are Forge's documented
// ones (storage-reference/handling-errors-kvs: KEY_TOO_SHORT, KEY_TOO_LONG, INVALID_KEY, MAX_SIZE, MAX_DEPTH,
// LIST_QUERY_LIMIT_EXCEEDED, INVALID_FILTER_CONDITION, QUERY_WHERE_INVALID, QUERY_WHERE_FIELD_INVALID) where there
// is one; the rest (INVALID_VALUE, INVALID_TTL, INVALID_CURSOR, TOO_MANY_OPERATIONS, TRANSACTION_TOO_LARGE,
// BAD_REQUEST, and the FAIL_IF_EXISTS conflict) are the shim's own, and Lintel depends on none of them.

/** Maximum key length in characters. */
export const MAX_KEY_LENGTH = 500;
/** Allowed key characters; whitespace-only keys are rejected (pattern as documented). */
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
/** Maximum value size: 240 KiB of serialized JSON. */
export const MAX_VALUE_BYTES = 240 * 1024;
/** Maximum nesting depth of a stored value. */
export const MAX_VALUE_DEPTH = 31;
/** Query page size: default and maximum. */
export const DEFAULT_QUERY_LIMIT = 10;
export const MAX_QUERY_LIMIT = 100;
/** A transaction holds at most 25 operations and 4 MB. */
export const MAX_TRANSACTION_OPERATIONS = 25;
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
/** A batch get, set or delete names at most 25 keys (storage-reference/batchops). */
export const MAX_BATCH_KEYS = 25;
/** TTL at most one year. */
export const MAX_TTL_SECONDS = 365 * 24 * 60 * 60;

const TTL_UNIT_SECONDS: Record<string, number> = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 };

/** A rule violation, turned into an error response `{ code, message }` that the SDK parses. */
export class KvsRuleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new KvsRuleError(400, 'KEY_TOO_SHORT', 'The key must be a non-empty string');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new KvsRuleError(
      400,
      'KEY_TOO_LONG',
      `The key is ${key.length} characters long; the maximum is ${MAX_KEY_LENGTH}`,
    );
  }
  if (!KEY_PATTERN.test(key)) {
    throw new KvsRuleError(400, 'INVALID_KEY', `The key '${key}' does not match ${KEY_PATTERN.source}`);
  }
  return key;
}

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  let max = 0;
  for (const child of children) max = Math.max(max, depthOf(child));
  return max + 1;
}

export function checkValue(value: unknown): void {
  if (value === undefined) throw new KvsRuleError(400, 'INVALID_VALUE', 'The value must not be undefined');
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > MAX_VALUE_BYTES) {
    throw new KvsRuleError(
      400,
      'MAX_SIZE',
      `The value is ${bytes} bytes serialized; the maximum is ${MAX_VALUE_BYTES}`,
    );
  }
  const depth = depthOf(value);
  if (depth > MAX_VALUE_DEPTH) {
    throw new KvsRuleError(
      400,
      'MAX_DEPTH',
      `The value is nested ${depth} levels deep; the maximum is ${MAX_VALUE_DEPTH}`,
    );
  }
}

/** Returns the TTL in seconds, or undefined when none was asked for. */
export function ttlSeconds(ttl: unknown): number | undefined {
  if (ttl === undefined || ttl === null) return undefined;
  const t = ttl as { value?: unknown; unit?: unknown };
  const unit = typeof t.unit === 'string' ? TTL_UNIT_SECONDS[t.unit] : undefined;
  if (typeof t.value !== 'number' || !Number.isInteger(t.value) || t.value <= 0 || unit === undefined) {
    throw new KvsRuleError(
      400,
      'INVALID_TTL',
      `Invalid ttl ${JSON.stringify(ttl)}: need a positive integer value and unit SECONDS|MINUTES|HOURS|DAYS`,
    );
  }
  const seconds = t.value * unit;
  if (seconds > MAX_TTL_SECONDS) {
    throw new KvsRuleError(
      400,
      'INVALID_TTL',
      `The ttl is ${seconds} s; the maximum is one year (${MAX_TTL_SECONDS} s)`,
    );
  }
  return seconds;
}

export function checkQueryLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_QUERY_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
    throw new KvsRuleError(
      400,
      'LIST_QUERY_LIMIT_EXCEEDED',
      `The query limit ${String(limit)} must be an integer from 1 to ${MAX_QUERY_LIMIT}`,
    );
  }
  return limit;
}
