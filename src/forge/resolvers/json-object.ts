/** Page payloads, contexts and Bitbucket answers are untrusted JSON: this is the one test that a value is an object. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
