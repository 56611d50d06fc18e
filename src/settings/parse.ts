/** Validation of settings documents through the schema (./schema.ts), with errors named by dotted path. */
import type { z } from 'zod';
import { defaultSettings } from './defaults';
import { mergeSettings } from './merge';
import { settingsOverridesSchema } from './schema';
import type { ParseResult, Settings, SettingsOverrides } from './types';

/** One refused field: `gate.minHealth`, `ignore[2]`, `thresholds.complex-method.cyclomatic` (`settings` for the root). */
export interface SettingsFieldError {
  path: string;
  message: string;
}

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? 'settings' : out;
}

function fieldErrorsOf(error: z.ZodError): SettingsFieldError[] {
  const errors: SettingsFieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One error per unknown key, at the key's own path, so the page can put it beside nothing and say what is known.
      for (const key of issue.keys) {
        errors.push({ path: pathOf([...issue.path, key]), message: 'unknown setting' });
      }
      continue;
    }
    errors.push({ path: pathOf(issue.path), message: issue.message });
  }
  return errors;
}

export type FieldParseResult<T> = { ok: true; value: T } | { ok: false; fieldErrors: SettingsFieldError[] };

/** Validates a partial settings document without filling defaults; refusals come per field. */
export function parseSettingsFields(input: unknown): FieldParseResult<SettingsOverrides> {
  const result = settingsOverridesSchema.safeParse(input);
  if (!result.success) return { ok: false, fieldErrors: fieldErrorsOf(result.error) };
  const { $schema: _ignored, ...overrides } = result.data;
  return { ok: true, value: dropUndefined(overrides) as SettingsOverrides };
}

/** zod keeps optional keys the input named with `undefined`; a stored document should not carry them. */
function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, dropUndefined(v)]),
  );
}

/**
 * Validates a partial settings document (a level's overrides, `.lintel.yml`, a CLI settings file, a stored value)
 * without filling defaults. Errors read `path: what was wrong`.
 */
export function parseSettingsOverrides(input: unknown): ParseResult<SettingsOverrides> {
  const parsed = parseSettingsFields(input);
  if (parsed.ok) return parsed;
  return { ok: false, errors: parsed.fieldErrors.map((e) => `${e.path}: ${e.message}`) };
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
