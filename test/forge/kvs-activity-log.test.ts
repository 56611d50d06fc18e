/**
 * The activity list's kvs adapter (src/forge/activity-log.ts) over the real @forge/kvs SDK under the local runtime:
 * newest first by key, at most the page's 20, each entry expiring on its own, a malformed stored entry left out with
 * a message, and a write storage refuses dropped by the consumer's recording without failing anything.
 */
import path from 'node:path';
import { kvs, MetadataField } from '@forge/kvs';
import { createForgeRuntime, type ForgeRuntime, type ForgeRuntimeOptions } from '../../dev/forge-runtime';
import { systemClock } from '../../src/bitbucket/client';
import { ACTIVITY_ENTRIES_SHOWN, kvsActivityLogWith } from '../../src/forge/activity-log';
import { retryingStorage } from '../../src/forge/storage-retry';
import type { ActivityEntry } from '../../src/pipeline/activity';
import type { AnalysisJob } from '../../src/pipeline/job';
import { recordActivity } from '../../src/pipeline/record-activity';

const APP_ROOT = path.resolve(__dirname, '../..');
const REPO = '{6a1f3a52-5b4a-4d64-9b7e-0c1d2e3f4a5b}';
const OTHER_REPO = '{0f4e2b8c-9a51-4d3e-8c7a-2b6d1e9f3a40}';
const DAY_MS = 24 * 60 * 60 * 1000;
const FAST = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, reserveMs: 0 };
const log = kvsActivityLogWith(retryingStorage(systemClock(), FAST));

let runtime: ForgeRuntime | undefined;
function start(kvsOptions?: ForgeRuntimeOptions['kvs']): ForgeRuntime {
  runtime = createForgeRuntime({
    appRoot: APP_ROOT,
    // No Bitbucket traffic in this file; the base URL is never contacted.
    bitbucket: { baseUrl: 'http://127.0.0.1:9', appToken: 'unused' },
    installationContext: { workspaceId: '{4c16a397-8e48-479c-8ca2-442e46c90570}' },
    ...(kvsOptions ? { kvs: kvsOptions } : {}),
  });
  runtime.install();
  return runtime;
}
afterEach(() => {
  runtime?.uninstall();
  runtime = undefined;
  jest.restoreAllMocks();
});

/** Entry `n` ended `n` minutes after a fixed start, on pull request #n. */
const entry = (n: number): ActivityEntry => ({
  at: new Date(Date.UTC(2026, 2, 2, 10, n)).toISOString(),
  pullRequestId: n,
  commit: '0123456789ab',
  outcome: n % 2 ? 'passed' : 'failed',
  durationMs: 1000 + n,
  apiCalls: 10 + n,
});
const activityKeys = (rt: ForgeRuntime) =>
  Object.keys(rt.kvs.snapshot()).filter((k) => k.startsWith('activity:'));

it('lists the newest 20 of 25 runs, newest first, and only this repository’s', async () => {
  start();
  // Recorded out of order, as concurrent runs finish: the keys order them, not the order of writes.
  const order = [3, 17, 1, 25, 9, 12, 5, 20, 2, 14, 8, 23, 11, 6, 19, 4, 22, 10, 15, 7, 24, 13, 16, 21, 18];
  for (const n of order) await log.record(REPO, entry(n));
  await log.record(OTHER_REPO, entry(30));
  const recent = await log.recent(REPO, ACTIVITY_ENTRIES_SHOWN);
  expect(recent.map((e) => e.pullRequestId)).toEqual(Array.from({ length: 20 }, (_, i) => 25 - i));
  expect(recent[0]).toEqual(entry(25));
  // The repository's UUID in any case or bracing names the same list.
  expect(await log.recent(REPO.slice(1, -1).toUpperCase(), 1)).toEqual([entry(25)]);
});

it('writes one key per run, so concurrent runs never overwrite each other', async () => {
  const rt = start();
  await Promise.all(Array.from({ length: 10 }, (_, i) => log.record(REPO, entry(i + 1))));
  expect(activityKeys(rt)).toHaveLength(10);
  expect(rt.kvs.operations().filter((o) => o.kind === 'read')).toEqual([]);
});

it('keeps each entry 30 days: the key expires on its own', async () => {
  const rt = start();
  const before = Date.now();
  await log.record(REPO, entry(1));
  const after = Date.now();
  const [key] = activityKeys(rt);
  const stored = await kvs.get(key as string, { metadataFields: [MetadataField.EXPIRE_TIME] });
  const expires = Date.parse(String(stored?.expireTime));
  expect(expires).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 1000);
  expect(expires).toBeLessThanOrEqual(after + 30 * DAY_MS + 1000);
});

it('leaves a malformed stored entry out, says which key, and still lists the rest', async () => {
  const rt = start();
  await log.record(REPO, entry(1));
  await log.record(REPO, entry(3));
  const [newest] = activityKeys(rt);
  // An older version's entry, or a hand edit: a newer key holding something that is not an entry.
  const corrupt = (newest as string).replace(/:(\d+):3$/, (_, t: string) => `:${String(Number(t) - 1)}:2`);
  await kvs.set(corrupt, { at: 'yesterday', pullRequestId: -2, outcome: 'exploded', content: 'SECRET' });
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const recent = await log.recent(REPO, 20);
  expect(recent.map((e) => e.pullRequestId)).toEqual([3, 1]);
  expect(errors).toHaveBeenCalledTimes(1);
  const message = String(errors.mock.calls[0]?.[0]);
  expect(message).toContain(`Lintel left a malformed activity entry out of the list (${corrupt})`);
  expect(message).toMatch(/at: .*pullRequestId: .*outcome: /);
  expect(message).not.toContain('SECRET');
});

it('refuses to store a malformed entry, and stores nothing', async () => {
  const rt = start();
  const error = await log
    .record(REPO, { ...entry(1), commit: 'not a hash', apiCalls: -1 })
    .catch((e: unknown) => e);
  expect(String(error)).toMatch(
    /the activity entry of pull request #1 is malformed \(commit: must be an abbreviated commit hash; apiCalls: /,
  );
  expect(activityKeys(rt)).toEqual([]);
});

it('a write storage refuses is logged and dropped: recording never fails the job', async () => {
  const rt = start({ rateLimits: { writeUnitsPerMinute: 1 } });
  await kvs.set('gate:x:1', { state: 'done' }); // the minute's only write unit
  const job: AnalysisJob = {
    version: 1,
    workspaceUuid: '{4c16a397-8e48-479c-8ca2-442e46c90570}',
    repositoryUuid: REPO,
    pullRequestId: 7,
    sourceHash: '0123456789ab',
    sourceBranch: 'feature',
    destinationHash: 'fedcba987654',
    destinationBranch: 'main',
    receivedAt: '2026-03-02T09:59:58.000Z',
  };
  const lines: string[] = [];
  const timing = { startedAt: new Date(), endedAt: new Date() };
  const outcome = { action: 'failed', reason: 'read the diff: HTTP 404', apiCalls: 3 } as const;
  await expect(recordActivity(log, job, outcome, timing, (m) => lines.push(m))).resolves.toBeUndefined();
  expect(lines).toEqual([
    expect.stringMatching(
      /^could not record pull request #7 in the activity list: Forge storage could not record pull request #7 in the activity list: HTTP 429/,
    ),
  ]);
  expect(activityKeys(rt)).toEqual([]);
});

it('asks for a page size kvs can answer', async () => {
  start();
  await expect(log.recent(REPO, 0)).rejects.toThrow('the activity list shows 1 to 100 entries, not 0');
  await expect(log.recent(REPO, 101)).rejects.toThrow(RangeError);
});
