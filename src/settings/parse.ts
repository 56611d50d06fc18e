import { SEVERITIES_HIGH_FIRST, type Severity } from '../engine/types';
import { HEALTH_MAX, HEALTH_MIN } from './defaults';
import { mergeSettings } from './merge';
import { defaultSettings } from './defaults';
import type { NewIssuesGate, ParseResult, Settings, SettingsOverrides, ThresholdOverrides } from './types';

type Obj = Record<string, unknown>;

const TOP_LEVEL_KEYS = [
  '$schema',
  'statusChecks',
  'annotations',
  'summaries',
  'aiComments',
  'gate',
  'thresholds',
  'ignore',
] as const;
const GATE_KEYS = [
  'newIssues',
  'maxNewSecrets',
  'minHealth',
  'maxHealthDrop',
  'maxComplexityAdded',
  'maxDuplicatedLines',
] as const;
const NEW_ISSUES_KEYS = ['minSeverity', 'max'] as const;

/** A settings document larger than this is a mistake, not configuration; keeps error lists readable too. */
const MAX_IGNORE_PATTERNS = 500;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

function checkKeys(obj: Obj, allowed: readonly string[], where: string, errors: string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      errors.push(
        `${where}${key}: unknown setting (expected one of: ${allowed.filter((k) => k !== '$schema').join(', ')})`,
      );
    }
  }
}

function readBoolean(obj: Obj, key: string, where: string, errors: string[]): boolean | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') errors.push(`${where}${key}: must be true or false, got ${describe(v)}`);
  return typeof v === 'boolean' ? v : undefined;
}

function readCount(v: unknown, field: string, errors: string[]): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  errors.push(`${field}: must be a whole number of 0 or more, got ${describe(v)}`);
  return undefined;
}

function readHealth(v: unknown, field: string, errors: string[]): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= HEALTH_MIN && v <= HEALTH_MAX) return v;
  errors.push(`${field}: must be a number from ${HEALTH_MIN} to ${HEALTH_MAX}, got ${describe(v)}`);
  return undefined;
}

export function parseSeverity(v: unknown, field: string, errors: string[]): Severity | undefined {
  const upper = typeof v === 'string' ? v.toUpperCase() : undefined;
  const found = SEVERITIES_HIGH_FIRST.find((s) => s === upper);
  if (!found) errors.push(`${field}: must be one of ${SEVERITIES_HIGH_FIRST.join(', ')}, got ${describe(v)}`);
  return found;
}

type Reader<T> = (v: unknown, field: string, errors: string[]) => T | undefined;

/** How each gate limit is read; `nullable` limits accept null to switch an inherited limit off. */
const GATE_LIMITS: ReadonlyArray<{
  key: 'maxNewSecrets' | 'minHealth' | 'maxHealthDrop' | 'maxComplexityAdded' | 'maxDuplicatedLines';
  read: Reader<number>;
  nullable: boolean;
}> = [
  { key: 'maxNewSecrets', read: readCount, nullable: false },
  { key: 'minHealth', read: readHealth, nullable: true },
  { key: 'maxHealthDrop', read: readHealth, nullable: true },
  { key: 'maxComplexityAdded', read: readCount, nullable: true },
  { key: 'maxDuplicatedLines', read: readCount, nullable: true },
];

function parseNewIssues(v: unknown, errors: string[]): Partial<NewIssuesGate> | undefined {
  if (!isObject(v)) {
    errors.push(
      `gate.newIssues: must be an object like { "minSeverity": "HIGH", "max": 0 }, got ${describe(v)}`,
    );
    return undefined;
  }
  checkKeys(v, NEW_ISSUES_KEYS, 'gate.newIssues.', errors);
  const out: Partial<NewIssuesGate> = {};
  const minSeverity =
    v.minSeverity === undefined
      ? undefined
      : parseSeverity(v.minSeverity, 'gate.newIssues.minSeverity', errors);
  const max = v.max === undefined ? undefined : readCount(v.max, 'gate.newIssues.max', errors);
  if (minSeverity) out.minSeverity = minSeverity;
  if (max !== undefined) out.max = max;
  return out;
}

function parseGate(v: unknown, errors: string[]): SettingsOverrides['gate'] {
  if (!isObject(v)) {
    errors.push(`gate: must be an object, got ${describe(v)}`);
    return undefined;
  }
  checkKeys(v, GATE_KEYS, 'gate.', errors);
  const gate: NonNullable<SettingsOverrides['gate']> = {};
  if (v.newIssues !== undefined) gate.newIssues = parseNewIssues(v.newIssues, errors);
  for (const { key, read, nullable } of GATE_LIMITS) {
    const value = v[key];
    if (value === undefined) continue;
    const parsed = nullable && value === null ? null : read(value, `gate.${key}`, errors);
    if (parsed !== undefined) Object.assign(gate, { [key]: parsed });
  }
  return gate;
}

function parseThresholds(v: unknown, errors: string[]): ThresholdOverrides | undefined {
  if (!isObject(v)) {
    errors.push(`thresholds: must be an object of rule id → { threshold: number }, got ${describe(v)}`);
    return undefined;
  }
  const out: ThresholdOverrides = {};
  for (const [ruleId, values] of Object.entries(v)) {
    if (!isObject(values)) {
      errors.push(
        `thresholds.${ruleId}: must be an object of threshold name → number, got ${describe(values)}`,
      );
      continue;
    }
    const rule: Record<string, number> = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) rule[name] = value;
      else errors.push(`thresholds.${ruleId}.${name}: must be a number of 0 or more, got ${describe(value)}`);
    }
    out[ruleId] = rule;
  }
  return out;
}

function parseIgnore(v: unknown, errors: string[]): string[] | undefined {
  if (!Array.isArray(v)) {
    errors.push(`ignore: must be a list of glob patterns, got ${describe(v)}`);
    return undefined;
  }
  if (v.length > MAX_IGNORE_PATTERNS) {
    errors.push(`ignore: at most ${MAX_IGNORE_PATTERNS} patterns, got ${v.length}`);
    return undefined;
  }
  const patterns: string[] = [];
  v.forEach((p, i) => {
    if (typeof p === 'string' && p.trim() !== '') patterns.push(p.trim());
    else errors.push(`ignore[${i}]: must be a non-empty glob pattern, got ${describe(p)}`);
  });
  return patterns;
}

/**
 * Validates a partial settings document (a repository's overrides, a CLI settings file, a stored value)
 * without filling defaults. Errors name each bad field by its dotted path.
 */
export function parseSettingsOverrides(input: unknown): ParseResult<SettingsOverrides> {
  if (!isObject(input)) return { ok: false, errors: [`settings: must be an object, got ${describe(input)}`] };
  const errors: string[] = [];
  checkKeys(input, TOP_LEVEL_KEYS, '', errors);
  const out: SettingsOverrides = {};
  for (const key of ['statusChecks', 'annotations', 'summaries', 'aiComments'] as const) {
    const b = readBoolean(input, key, '', errors);
    if (b !== undefined) out[key] = b;
  }
  if (input.gate !== undefined) out.gate = parseGate(input.gate, errors);
  if (input.thresholds !== undefined) out.thresholds = parseThresholds(input.thresholds, errors);
  if (input.ignore !== undefined) out.ignore = parseIgnore(input.ignore, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

/** Validates a settings document and fills everything it leaves out from `base` (the defaults unless given). */
export function parseSettings(
  input: unknown,
  base: Settings = defaultSettings(),
): { ok: true; settings: Settings } | { ok: false; errors: string[] } {
  const parsed = parseSettingsOverrides(input);
  if (!parsed.ok) return parsed;
  return { ok: true, settings: mergeSettings(base, parsed.value) };
}
