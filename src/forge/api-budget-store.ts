/**
 * The Forge adapter of the ApiBudgetStore port (docs/rate-limits.md): the workspace's Bitbucket request budget in
 * kvs, which is per installation and so per workspace. Every job writes its own key (`apibudget:spend:<job>`), so
 * concurrent runs never overwrite each other's count — kvs has no atomic increment — and each key expires a little
 * after Bitbucket's rolling hour, so the sum of the live keys is the hour's spending. A leaf module.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { mergeSignals, type BudgetSignals, type BudgetSpend } from '../pipeline/api-budget';
import type { ApiBudgetStore } from '../pipeline/ports';
import { forgeStorage } from './forge-storage';
import type { StorageCalls } from './storage-retry';
import { API_BUDGET_SIGNALS_KEY, API_BUDGET_SPEND_PREFIX } from './storage-keys';

/** A little over Bitbucket's hour: a key outlives its part of the window, and reads drop what is older anyway. */
const BUDGET_TTL = { value: 65, unit: 'MINUTES' } as const;
/** kvs query page size: Forge's maximum (limits-kvs-ce). */
const QUERY_LIMIT_MAX = 100;
/** Forge keys allow `[a-zA-Z0-9:._\s-#]` only. */
const keyOf = (job: string): string => `${API_BUDGET_SPEND_PREFIX}${job.replace(/[^a-zA-Z0-9:._-]/g, '-')}`;

const isSpend = (v: unknown): v is BudgetSpend =>
  typeof v === 'object' &&
  v !== null &&
  Number.isFinite((v as BudgetSpend).at) &&
  Number.isInteger((v as BudgetSpend).requests) &&
  (v as BudgetSpend).requests >= 0;

export function kvsApiBudgetStoreWith(storage: StorageCalls): ApiBudgetStore {
  return {
    async read() {
      const spends: BudgetSpend[] = [];
      let cursor: string | undefined;
      do {
        let query = kvs
          .query()
          .where('key', WhereConditions.beginsWith(API_BUDGET_SPEND_PREFIX))
          .limit(QUERY_LIMIT_MAX);
        if (cursor) query = query.cursor(cursor);
        const q = query;
        const page = await storage.run('read the API budget', () => q.getMany<unknown>());
        // A value of another shape (an older version, a hand edit) is not a spend: it is left out, not trusted.
        for (const r of page.results) if (isSpend(r.value)) spends.push(r.value);
        cursor = page.nextCursor;
      } while (cursor);
      const signals =
        (await storage.run("read Bitbucket's rate-limit signals", () =>
          kvs.get<BudgetSignals>(API_BUDGET_SIGNALS_KEY),
        )) ?? {};
      return { spends, signals };
    },
    recordSpend: (job, spend) =>
      storage.run('record the API requests of this job', () =>
        kvs.set(keyOf(job), spend, { ttl: BUDGET_TTL }),
      ),
    async recordSignals(fresh) {
      // Read, merge, write: two runs writing at once can lose one's flag, which the next answer brings back.
      const stored =
        (await storage.run("read Bitbucket's rate-limit signals", () =>
          kvs.get<BudgetSignals>(API_BUDGET_SIGNALS_KEY),
        )) ?? {};
      await storage.run("record Bitbucket's rate-limit signals", () =>
        kvs.set(API_BUDGET_SIGNALS_KEY, mergeSignals(stored, fresh), { ttl: BUDGET_TTL }),
      );
    },
  };
}

export const kvsApiBudgetStore: ApiBudgetStore = kvsApiBudgetStoreWith(forgeStorage);
