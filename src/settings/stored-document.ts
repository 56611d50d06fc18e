/**
 * How one level's settings are kept in Forge storage, with a schema version so older stored values keep working.
 *
 * - version 1 (before issue 8): the overrides object itself, e.g. `{ "annotations": false }` — what earlier builds
 *   and hand-written test data stored. Read as a document with revision 0.
 * - version 2: `{ schemaVersion: 2, revision, overrides, updatedAt, updatedBy }`. `revision` grows by one per save,
 *   so a page that loaded revision 3 cannot overwrite a save that made it 4 (settings-store.ts).
 */
import { parseSettingsOverrides } from './parse';
import type { SettingsOverrides } from './types';

export const SETTINGS_SCHEMA_VERSION = 2;

/** Far below Forge's 240 KiB per kvs value: a document this size is a mistake, not configuration. */
export const SETTINGS_DOCUMENT_MAX_BYTES = 32 * 1024;

export interface StoredSettingsDocument {
  schemaVersion: typeof SETTINGS_SCHEMA_VERSION;
  revision: number;
  overrides: SettingsOverrides;
  updatedAt?: string;
  /** Account id of whoever saved it. */
  updatedBy?: string;
}

export type ReadStoredSettings =
  { ok: true; document: StoredSettingsDocument; migratedFrom?: number } | { ok: false; problem: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads what storage holds for a level, migrating an older version in memory (the next save writes version 2). */
export function readStoredSettings(raw: unknown): ReadStoredSettings {
  if (!isObject(raw)) return { ok: false, problem: 'the stored value is not an object' };
  const version = raw.schemaVersion;
  if (version === undefined) {
    const parsed = parseSettingsOverrides(raw);
    if (!parsed.ok) return { ok: false, problem: parsed.errors.join('; ') };
    return {
      ok: true,
      migratedFrom: 1,
      document: { schemaVersion: SETTINGS_SCHEMA_VERSION, revision: 0, overrides: parsed.value },
    };
  }
  if (version !== SETTINGS_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: `schema version ${JSON.stringify(version)} is newer than this Lintel understands (${SETTINGS_SCHEMA_VERSION})`,
    };
  }
  const revision = raw.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1) {
    return {
      ok: false,
      problem: `revision must be a positive whole number, got ${JSON.stringify(revision)}`,
    };
  }
  const parsed = parseSettingsOverrides(raw.overrides);
  if (!parsed.ok) return { ok: false, problem: parsed.errors.join('; ') };
  return {
    ok: true,
    document: {
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      revision,
      overrides: parsed.value,
      ...(typeof raw.updatedAt === 'string' ? { updatedAt: raw.updatedAt } : {}),
      ...(typeof raw.updatedBy === 'string' ? { updatedBy: raw.updatedBy } : {}),
    },
  };
}

/** Size of a document as kvs stores it (JSON, UTF-8). */
export function documentBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}
