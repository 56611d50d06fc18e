/**
 * Dismissed findings in Forge kvs (docs/pull-request-panel.md): one key per pull request and fingerprint, so two
 * people dismissing different findings at once never overwrite each other. Each key expires after a year (Forge's
 * longest TTL), so the dismissals of merged or declined pull requests go away on their own. What is read back is
 * validated; a value that does not fit is left out with a logged message, never a broken panel or run.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { SEVERITIES_HIGH_FIRST, type Severity } from '../engine/types';
import {
  DISMISSAL_REASON_MAX_CHARS,
  DISMISSALS_PER_PULL_REQUEST_MAX,
  FINGERPRINT_PATTERN,
  type Dismissal,
} from '../pipeline/dismissal';
import { forgeStorage } from './forge-storage';
import type { StorageCalls } from './storage-retry';
import { dismissalKey, dismissalPrefix } from './storage-keys';

/** Forge kvs' longest TTL (limits-kvs-ce): a pull request is rarely open longer. */
export const DISMISSAL_TTL = { value: 365, unit: 'DAYS' } as const;
/** kvs query page size: Forge's maximum (limits-kvs-ce). */
const KVS_QUERY_LIMIT_MAX = 100;

const dismissalSchema = z.object({
  fingerprint: z.string().regex(FINGERPRINT_PATTERN),
  ruleId: z.string().min(1).max(100),
  severity: z.enum(SEVERITIES_HIGH_FIRST as unknown as [Severity, ...Severity[]]),
  path: z.string().min(1).max(4096),
  line: z.number().int().nonnegative(),
  message: z.string().max(2000),
  reason: z.string().trim().min(1).max(DISMISSAL_REASON_MAX_CHARS),
  accountId: z.string().min(1).max(200),
  displayName: z.string().min(1).max(200).optional(),
  at: z.iso.datetime(),
});

export interface DismissalStore {
  /** Every dismissal of the pull request, oldest first; malformed values are left out (and logged). */
  list(repositoryUuid: string, pullRequestId: number): Promise<Dismissal[]>;
  put(repositoryUuid: string, pullRequestId: number, dismissal: Dismissal): Promise<void>;
  remove(repositoryUuid: string, pullRequestId: number, fingerprint: string): Promise<void>;
}

export function kvsDismissalStoreWith(storage: StorageCalls): DismissalStore {
  return {
    async list(repositoryUuid, pullRequestId) {
      const prefix = dismissalPrefix(repositoryUuid, pullRequestId);
      const found: Dismissal[] = [];
      let cursor: string | undefined;
      // The resolver caps dismissals per pull request, so this stops after a few pages; the bound guards a bug.
      const maxPages = Math.ceil(DISMISSALS_PER_PULL_REQUEST_MAX / KVS_QUERY_LIMIT_MAX) + 1;
      for (let page = 0; page < maxPages; page++) {
        let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(KVS_QUERY_LIMIT_MAX);
        if (cursor) query = query.cursor(cursor);
        const q = query;
        const answer = await storage.run(
          `read the dismissed findings of pull request #${pullRequestId}`,
          () => q.getMany<unknown>(),
        );
        for (const { key, value } of answer.results) {
          const parsed = dismissalSchema.safeParse(value);
          if (parsed.success) found.push(parsed.data);
          else
            console.error(
              `Lintel left a malformed dismissal out (${key}): ${parsed.error.issues[0]?.message}`,
            );
        }
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      return found.sort((a, b) => a.at.localeCompare(b.at));
    },
    async put(repositoryUuid, pullRequestId, dismissal) {
      const checked = dismissalSchema.parse(dismissal);
      await storage.run(`store the dismissal of a finding on pull request #${pullRequestId}`, () =>
        kvs.set(dismissalKey(repositoryUuid, pullRequestId, checked.fingerprint), checked, {
          ttl: DISMISSAL_TTL,
        }),
      );
    },
    async remove(repositoryUuid, pullRequestId, fingerprint) {
      await storage.run(`restore a dismissed finding on pull request #${pullRequestId}`, () =>
        kvs.delete(dismissalKey(repositoryUuid, pullRequestId, fingerprint)),
      );
    },
  };
}

export const kvsDismissalStore: DismissalStore = kvsDismissalStoreWith(forgeStorage);
