/**
 * The one settings store: each level's document in Forge storage (src/settings/stored-document.ts), read by the
 * pipeline, the settings resolvers and through them the pages, and layered by src/settings/layers.ts.
 *
 * Saves are optimistic: a page saves over the revision it loaded. The revision is checked against what is stored,
 * and revision N+1 is claimed once with a FAIL_IF_EXISTS marker, so of two pages that both loaded revision N only
 * the first save lands; the second is told someone else saved (nothing of it is stored).
 */
import { kvs } from '@forge/kvs';
import type { SettingsLayer, SettingsLayerSource } from '../settings/layers';
import {
  readStoredSettings,
  SETTINGS_SCHEMA_VERSION,
  type StoredSettingsDocument,
} from '../settings/stored-document';
import type { SettingsOverrides } from '../settings/types';
import type { SettingsScope, StoredSettingsLayers } from '../pipeline/ports';
import { createOrReadBack, forgeStorage } from './forge-storage';
import type { StorageCalls } from './storage-retry';
import {
  projectSettingsKey,
  repositorySettingsKey,
  withoutBraces,
  workspaceSettingsKey,
} from './storage-keys';

export type StoredLevel = 'workspace' | 'project' | 'repository';

export interface LevelRef {
  level: StoredLevel;
  uuid: string;
}

export interface LevelRead {
  ref: LevelRef;
  /** Undefined when nothing usable is stored: the level inherits everything. */
  document: StoredSettingsDocument | undefined;
  /** For the admin: the stored value was migrated, or could not be read and is ignored. */
  notice?: string;
}

export function settingsKeyOf(ref: LevelRef): string {
  if (ref.level === 'workspace') return workspaceSettingsKey(ref.uuid);
  if (ref.level === 'project') return projectSettingsKey(ref.uuid);
  return repositorySettingsKey(ref.uuid);
}

/**
 * Marks that revision N of a level was taken. The marker only has to outlive the moment between claiming and
 * writing the document; kept a minute, so a save whose write failed after its claim blocks others for a minute at
 * most, after which the stored revision alone guards saves.
 */
function revisionClaimKey(ref: LevelRef, revision: number): string {
  return `settingsrev:${ref.level}:${withoutBraces(ref.uuid)}:${revision}`;
}

const CLAIM_TTL = { value: 60, unit: 'SECONDS' } as const;

const LEVEL_NAMES: Record<StoredLevel, string> = {
  workspace: 'workspace defaults',
  project: "project's settings",
  repository: "repository's settings",
};

export async function readLevel(ref: LevelRef, storage: StorageCalls = forgeStorage): Promise<LevelRead> {
  const key = settingsKeyOf(ref);
  const raw = await storage.run(`read the ${LEVEL_NAMES[ref.level]}`, () => kvs.get<unknown>(key));
  if (raw === undefined) return { ref, document: undefined };
  const read = readStoredSettings(raw);
  if (!read.ok) {
    return {
      ref,
      document: undefined,
      notice:
        `The stored ${LEVEL_NAMES[ref.level]} (${key}) could not be read and are ignored: ${read.problem}. ` +
        'Saving this page replaces them.',
    };
  }
  return {
    ref,
    document: read.document,
    ...(read.migratedFrom !== undefined
      ? {
          notice: `The ${LEVEL_NAMES[ref.level]} were stored by an older Lintel (schema version ${read.migratedFrom}); they are shown as read and are stored in version ${SETTINGS_SCHEMA_VERSION} on the next save.`,
        }
      : {}),
  };
}

/** The stored layers of a repository, lowest precedence first (the project's only when the repository has one). */
export function repositoryLevels(repo: {
  workspaceUuid: string;
  projectUuid?: string;
  repositoryUuid: string;
}): LevelRef[] {
  return [
    { level: 'workspace', uuid: repo.workspaceUuid },
    ...(repo.projectUuid ? [{ level: 'project' as const, uuid: repo.projectUuid }] : []),
    { level: 'repository', uuid: repo.repositoryUuid },
  ];
}

export function layersOf(reads: readonly LevelRead[]): SettingsLayer[] {
  return reads.flatMap((read) =>
    read.document
      ? [{ source: read.ref.level as SettingsLayerSource, overrides: read.document.overrides }]
      : [],
  );
}

export async function readLevels(
  refs: readonly LevelRef[],
  storage: StorageCalls = forgeStorage,
): Promise<LevelRead[]> {
  return Promise.all(refs.map((ref) => readLevel(ref, storage)));
}

export type SaveOutcome =
  { saved: true; document: StoredSettingsDocument } | { saved: false; message: string };

function conflict(ref: LevelRef, stored: StoredSettingsDocument | undefined): SaveOutcome {
  const by = stored?.updatedAt ? ` (revision ${stored.revision}, saved ${stored.updatedAt})` : '';
  return {
    saved: false,
    message:
      `Someone saved the ${LEVEL_NAMES[ref.level]} since you opened this page${by}. ` +
      'Nothing of yours was stored: reload to see their change, then make yours again.',
  };
}

/**
 * Replaces a level's overrides, provided the stored revision is still the one the page loaded; the new document
 * has revision `expectedRevision + 1`. "Reset to inherited" stores `{}` rather than deleting the key, so revisions
 * only ever grow and a stale page can never save over a reset.
 */
export async function saveLevel(
  ref: LevelRef,
  change: { overrides: SettingsOverrides; expectedRevision: number; accountId: string; now: Date },
  storage: StorageCalls = forgeStorage,
): Promise<SaveOutcome> {
  const current = await readLevel(ref, storage);
  const storedRevision = current.document?.revision ?? 0;
  if (storedRevision !== change.expectedRevision) return conflict(ref, current.document);
  const revision = change.expectedRevision + 1;
  const claim = { accountId: change.accountId, at: change.now.toISOString(), nonce: Math.random() };
  const holder = await createOrReadBack(
    storage,
    `revision ${revision} of the ${LEVEL_NAMES[ref.level]}`,
    revisionClaimKey(ref, revision),
    claim,
    CLAIM_TTL,
  );
  if (!holder || holder.nonce !== claim.nonce) return conflict(ref, current.document);
  const key = settingsKeyOf(ref);
  const document: StoredSettingsDocument = {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    revision,
    overrides: change.overrides,
    updatedAt: change.now.toISOString(),
    updatedBy: change.accountId,
  };
  await storage.run(`store the ${LEVEL_NAMES[ref.level]}`, () => kvs.set(key, document));
  return { saved: true, document };
}

/**
 * The pipeline's SettingsSource over kvs: the workspace, project and repository documents. One that no longer
 * validates is ignored level by level with a notice (the summary shows it), so a bad stored value never stops
 * analysis and never passes unnoticed.
 */
export async function kvsSettingsLayers(
  scope: SettingsScope,
  storage: StorageCalls = forgeStorage,
): Promise<StoredSettingsLayers> {
  const reads = await readLevels(
    repositoryLevels({
      workspaceUuid: scope.repo.workspace,
      repositoryUuid: scope.repo.repository,
      ...(scope.projectUuid ? { projectUuid: scope.projectUuid } : {}),
    }),
    storage,
  );
  const notices = reads.flatMap((read) => (read.notice && !read.document ? [read.notice] : []));
  for (const notice of notices) console.error(`Lintel: ${notice}`);
  return { layers: layersOf(reads), notices };
}
