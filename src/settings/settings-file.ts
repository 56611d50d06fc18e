/**
 * Settings as code: an optional `.lintel.yml` at the repository root. The Forge app reads it from the pull request's
 * destination branch (so a pull request cannot weaken its own gate) and the CLI from the repository it analyses;
 * either way it is the top layer, over the stored settings (docs/settings.md, "Precedence").
 */
import { parseDocument } from 'yaml';
import { parseSettingsOverrides } from './parse';
import { SETTINGS_FILE } from './settings-file-name';
import type { SettingsOverrides } from './types';

export { SETTINGS_FILE };

/** A settings file this large is not configuration; refusing it keeps the parse bounded. */
export const SETTINGS_FILE_MAX_BYTES = 64 * 1024;

export type SettingsFileRead =
  | { status: 'absent' }
  | { status: 'applied'; overrides: SettingsOverrides }
  /** The file is there but is not valid YAML or valid settings: it is ignored, and the errors say why. */
  | { status: 'invalid'; errors: string[] };

export function parseSettingsFile(text: string): SettingsFileRead {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > SETTINGS_FILE_MAX_BYTES) {
    return {
      status: 'invalid',
      errors: [`${SETTINGS_FILE} is ${bytes} bytes; at most ${SETTINGS_FILE_MAX_BYTES} are read`],
    };
  }
  // One document only, no custom tags or aliases beyond the YAML core schema: a settings file is plain data.
  const document = parseDocument(text, { schema: 'core', uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      status: 'invalid',
      errors: document.errors.map((e) => `${SETTINGS_FILE} is not valid YAML: ${e.message.split('\n')[0]}`),
    };
  }
  let value: unknown;
  try {
    // A bounded alias count stops a "billion laughs" file from expanding without limit.
    value = document.toJS({ maxAliasCount: 10 }) ?? {};
  } catch (error) {
    return { status: 'invalid', errors: [`${SETTINGS_FILE} is not valid YAML: ${(error as Error).message}`] };
  }
  const parsed = parseSettingsOverrides(value);
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors.map((e) => `${SETTINGS_FILE}: ${e}`) };
  return { status: 'applied', overrides: parsed.value };
}
