/**
 * The activity list in Forge kvs (docs/settings.md, "Activity"): one key per entry, newest first by key
 * (storage-keys.ts, activityKey), so concurrent runs each write their own key and never race on a shared list. Each
 * key expires after ACTIVITY_TTL, so the list never grows without bound and needs no clean-up job. What is read back
 * is validated: an entry that does not fit the shape is left out with a logged message, never a broken page.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { ACTIVITY_COMMIT_CHARS, ACTIVITY_REASON_CHARS_MAX } from '../pipeline/activity-limits';
import type { ActivityEntry } from '../pipeline/activity-entry';
import type { ActivityLog } from '../pipeline/ports';
import { forgeStorage } from './forge-storage';
import type { StorageCalls } from './storage-retry';
import { activityKey, activityPrefix } from './storage-keys';

/** A month of history: enough to see why last week's pull request has no report, short enough to stay small. */
export const ACTIVITY_TTL = { value: 30, unit: 'DAYS' } as const;
/** What the repository page lists. */
export const ACTIVITY_ENTRIES_SHOWN = 20;
/** kvs query page size: Forge's maximum (limits-kvs-ce). */
const KVS_QUERY_LIMIT_MAX = 100;

const OUTCOMES = [
  'passed',
  'failed',
  'not-analysed',
  'error',
  'retrying',
  'superseded',
  'duplicate',
  'chunked',
] as const satisfies readonly ActivityEntry['outcome'][];
// Fails to compile when the contract (resolvers/types.ts) gains an outcome this schema would refuse.
const everyOutcomeListed: [Exclude<ActivityEntry['outcome'], (typeof OUTCOMES)[number]>] extends [never]
  ? true
  : never = true;
void everyOutcomeListed;

const count = z.number().int().nonnegative();

/** Unknown fields are dropped rather than refused: an entry written by a newer version still shows. */
const activityEntrySchema = z.object({
  at: z.iso.datetime(),
  pullRequestId: z.number().int().positive(),
  commit: z
    .string()
    .regex(new RegExp(`^[0-9a-f]{1,${ACTIVITY_COMMIT_CHARS}}$`, 'i'), 'must be an abbreviated commit hash'),
  outcome: z.enum(OUTCOMES),
  durationMs: count,
  apiCalls: count,
  reason: z.string().max(ACTIVITY_REASON_CHARS_MAX).optional(),
});

/** The entry as stored, or what is wrong with it, field by field. */
function parseEntry(value: unknown): { ok: true; entry: ActivityEntry } | { ok: false; problems: string } {
  const parsed = activityEntrySchema.safeParse(value);
  if (parsed.success) return { ok: true, entry: parsed.data };
  const problems = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`)
    .join('; ');
  return { ok: false, problems };
}

export function kvsActivityLogWith(storage: StorageCalls): ActivityLog {
  return {
    async record(repositoryUuid, entry) {
      // Checked before writing, with the same schema the page's read uses: nothing is stored that would be skipped.
      const checked = parseEntry(entry);
      if (!checked.ok) {
        throw new Error(
          `the activity entry of pull request #${entry.pullRequestId} is malformed (${checked.problems})`,
        );
      }
      const key = activityKey(repositoryUuid, Date.parse(checked.entry.at), checked.entry.pullRequestId);
      await storage.run(`record pull request #${entry.pullRequestId} in the activity list`, () =>
        kvs.set(key, checked.entry, { ttl: ACTIVITY_TTL }),
      );
    },
    async recent(repositoryUuid, limit) {
      if (!Number.isInteger(limit) || limit < 1 || limit > KVS_QUERY_LIMIT_MAX) {
        throw new RangeError(`the activity list shows 1 to ${KVS_QUERY_LIMIT_MAX} entries, not ${limit}`);
      }
      const query = kvs
        .query()
        .where('key', WhereConditions.beginsWith(activityPrefix(repositoryUuid)))
        .limit(limit);
      const page = await storage.run('read the activity list', () => query.getMany<unknown>());
      const entries: ActivityEntry[] = [];
      for (const { key, value } of page.results) {
        const parsed = parseEntry(value);
        if (parsed.ok) entries.push(parsed.entry);
        // The key names the entry for whoever looks at the log; the value itself is not echoed.
        else
          console.error(
            `Lintel left a malformed activity entry out of the list (${key}): ${parsed.problems}`,
          );
      }
      return entries;
    },
  };
}

export const kvsActivityLog: ActivityLog = kvsActivityLogWith(forgeStorage);
