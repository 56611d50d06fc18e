/**
 * The page edits a draft of its own level's overrides (`SettingsView.overrides`): only what this level changes.
 * Values are addressed by the dotted paths of the resolver contract (`gate.minHealth`,
 * `thresholds.complex-method.cyclomatic`, `pullRequests.skipDrafts`); a list is one value. Pure functions, so the
 * draft is never mutated in place and React sees every change.
 */
import type { FieldError } from '../../../src/forge/resolvers/types';
import type { Settings, SettingsOverrides } from '../../../src/settings/types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const segments = (path: string): string[] => path.split('.');

/** The value at `path`, or undefined when any step is missing. */
export function valueAt(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const key of segments(path)) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Whether this level's overrides set `path` (to a value, or to `null`: an inherited limit switched off). */
export function isOverridden(overrides: SettingsOverrides, path: string): boolean {
  return valueAt(overrides, path) !== undefined;
}

function setIn(node: Json, keys: string[], value: unknown): Json {
  const [key, ...rest] = keys;
  if (key === undefined) return node;
  if (rest.length === 0) return { ...node, [key]: value };
  const child = isObject(node[key]) ? node[key] : {};
  return { ...node, [key]: setIn(child, rest, value) };
}

function deleteIn(node: Json, keys: string[]): Json {
  const [key, ...rest] = keys;
  if (key === undefined || !(key in node)) return node;
  const copy = { ...node };
  if (rest.length === 0) {
    delete copy[key];
    return copy;
  }
  const child = node[key];
  if (!isObject(child)) return node;
  const pruned = deleteIn(child, rest);
  // An emptied group (`gate: {}`) would still be stored and shown as a change: drop it.
  if (Object.keys(pruned).length === 0) delete copy[key];
  else copy[key] = pruned;
  return copy;
}

export function withOverride(overrides: SettingsOverrides, path: string, value: unknown): SettingsOverrides {
  return setIn(overrides as Json, segments(path), value) as SettingsOverrides;
}

/** "Reset to inherited": the level no longer sets `path`. */
export function withoutOverride(overrides: SettingsOverrides, path: string): SettingsOverrides {
  return deleteIn(overrides as Json, segments(path)) as SettingsOverrides;
}

/** Lists whose order carries no meaning; compared as sets so re-ticking a rule is not a change. */
const UNORDERED_LISTS = new Set(['disabledRules']);

export function sameValue(a: unknown, b: unknown, path = ''): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const [left, right] = UNORDERED_LISTS.has(path) ? [[...a].sort(), [...b].sort()] : [a, b];
    return left.every((item, i) => sameValue(item, right[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key], path ? `${path}.${key}` : key));
  }
  return a === b;
}

/**
 * The value this level gives `path`: its own override, else what it inherits. `null` (a limit switched off here)
 * reads as undefined, like an absent optional limit.
 */
export function levelValue(overrides: SettingsOverrides, inherited: Settings, path: string): unknown {
  const own = valueAt(overrides, path);
  if (own === null) return undefined;
  return own !== undefined ? own : valueAt(inherited, path);
}

/**
 * A control changed `path` to `value` (undefined: an optional limit left empty). A value equal to the inherited
 * one is no override at all, so turning a switch on and off again leaves nothing to save; a limit emptied while
 * the level above sets one is stored as `null`, which switches the inherited limit off.
 */
export function changeValue(
  overrides: SettingsOverrides,
  inherited: Settings,
  path: string,
  value: unknown,
): SettingsOverrides {
  if (sameValue(value, valueAt(inherited, path), path)) return withoutOverride(overrides, path);
  return withOverride(overrides, path, value === undefined ? null : value);
}

/** One text line per list item; blank lines are dropped, so a trailing newline is not an empty pattern. */
export function linesToList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export const listToLines = (list: readonly string[]): string => list.join('\n');

/**
 * A number field's text: empty is "no value", a finite number is that number, anything else is kept as text so
 * the field can say it is not a number (and Save refuses to send it).
 */
export type ParsedNumber = { ok: true; value: number | undefined } | { ok: false };

export function parseNumber(text: string): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const value = Number(trimmed);
  return Number.isFinite(value) && /^-?(\d+\.?\d*|\.\d+)$/.test(trimmed)
    ? { ok: true, value }
    : { ok: false };
}

/** A field error's path without a list index (`ignore[2]` → `ignore`), and that index if it had one. */
export function fieldOf(error: FieldError): { path: string; index?: number } {
  const match = /^(.*?)\[(\d+)\]$/.exec(error.path);
  return match ? { path: match[1]!, index: Number(match[2]) } : { path: error.path };
}

/** The resolver's field errors grouped by the field (dotted path) they belong to. */
export function errorsByField(errors: readonly FieldError[]): Map<string, FieldError[]> {
  const byField = new Map<string, FieldError[]>();
  for (const error of errors) {
    const { path } = fieldOf(error);
    byField.set(path, [...(byField.get(path) ?? []), error]);
  }
  return byField;
}

/** How many values a document sets (a list counts once), for "`.lintel.yml` sets 3 values". */
export function overriddenCount(overrides: unknown): number {
  if (!isObject(overrides)) return overrides === undefined ? 0 : 1;
  // Thresholds and groups are objects of values; every leaf (list, number, flag, null) is one value.
  return Object.values(overrides).reduce<number>((sum, value) => sum + overriddenCount(value), 0);
}
