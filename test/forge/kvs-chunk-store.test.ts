/**
 * The app's kvs adapters (src/forge/ports.ts) over the real @forge/kvs SDK under the local runtime: the publisher
 * lock is decided by reading the key back, never by an error code; finished chunks are counted on small markers, not
 * by reading results; a 429 is retried and, past the retries, surfaces as a StorageError naming the operation, with
 * nothing half-written. Retries use a short policy so the tests wait well under a second; the shim's rate windows are
 * compressed to match.
 */
import path from 'node:path';
import { createForgeRuntime, type ForgeRuntime, type ForgeRuntimeOptions } from '../../dev/forge-runtime';
import { systemClock } from '../../src/bitbucket/client';
import { kvsChunkStoreWith, kvsRunStoreWith } from '../../src/forge/ports';
import { kvsSettingsLayers } from '../../src/forge/settings-store';
import { retryingStorage, StorageError, type StorageCalls } from '../../src/forge/storage-retry';
import { failedChunkResult, type ChunkResult } from '../../src/pipeline/chunk-result';

const APP_ROOT = path.resolve(__dirname, '../..');
const REF = { repositoryUuid: '{6a1f3a52-5b4a-4d64-9b7e-0c1d2e3f4a5b}', pullRequestId: 7 };
const HEAD = 'c0ffee'.repeat(6) + 'abcd';
/** Waits of at least 50, 100, 200 … ms: the third retry is past a 300 ms window. */
const FAST = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 400, reserveMs: 0 };
const storage = retryingStorage(systemClock(), FAST);
const store = kvsChunkStoreWith(storage);

let runtime: ForgeRuntime | undefined;
function start(kvs?: ForgeRuntimeOptions['kvs']): ForgeRuntime {
  runtime = createForgeRuntime({
    appRoot: APP_ROOT,
    // No Bitbucket traffic in this file; the base URL is never contacted.
    bitbucket: { baseUrl: 'http://127.0.0.1:9', appToken: 'unused' },
    installationContext: { workspaceId: '{4c16a397-8e48-479c-8ca2-442e46c90570}' },
    ...(kvs ? { kvs } : {}),
  });
  runtime.install();
  return runtime;
}
afterEach(() => {
  runtime?.uninstall();
  runtime = undefined;
});

const result = (index: number): ChunkResult => failedChunkResult(index, [`f${index}.ts`], 'test');
const lockKeys = (rt: ForgeRuntime) =>
  Object.keys(rt.kvs.snapshot()).filter((k) => k.startsWith('chunklock:'));

describe('the publisher lock', () => {
  it('goes to exactly one of many chunks racing for it; the winner can claim it again', async () => {
    const rt = start();
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => store.claimPublisher(REF, HEAD, i)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = claims.indexOf(true);
    expect(await store.claimPublisher(REF, HEAD, winner)).toBe(true);
    expect(await store.claimPublisher(REF, HEAD, (winner + 1) % 12)).toBe(false);
    expect(lockKeys(rt)).toHaveLength(1);
  });

  it.each([
    [400, 'CONDITION_FAILED'],
    [412, 'PRECONDITION_FAILED'],
    [409, 'CONFLICT'],
  ])('is decided the same when the conflict answers %i %s', async (status, code) => {
    start({ conflictError: { status, code } });
    const claims = await Promise.all([0, 1, 2, 3].map((i) => store.claimPublisher(REF, HEAD, i)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('counts a write whose answer was lost: the key read back names this chunk', async () => {
    const rt = start();
    let lost = false;
    // A transport that applies the first write and loses its answer: no local stand-in can lose an answer.
    const losingAnswers: StorageCalls = {
      run: async (operation, call) => {
        const value = await storage.run(operation, call);
        if (!lost && operation.startsWith('take')) {
          lost = true;
          throw Object.assign(new Error('socket hang up'), { responseDetails: { status: 503 } });
        }
        return value;
      },
    };
    expect(await kvsChunkStoreWith(losingAnswers).claimPublisher(REF, HEAD, 3)).toBe(true);
    expect(lost).toBe(true);
    expect(await store.claimPublisher(REF, HEAD, 4)).toBe(false);
    expect(lockKeys(rt)).toHaveLength(1);
  });

  it('rides out a 429 on the conditional write', async () => {
    const rt = start({ rateLimits: { writeUnitsPerMinute: 1, msPerSecond: 5 } });
    await store.savePlan(REF, plan()); // uses the window's one write unit
    expect(await store.claimPublisher(REF, HEAD, 2)).toBe(true);
    expect(rt.kvs.usage().rateLimited).toBeGreaterThan(0);
    expect(await store.claimPublisher(REF, HEAD, 5)).toBe(false);
  });

  it('is released only by the chunk that holds it', async () => {
    const rt = start();
    expect(await store.claimPublisher(REF, HEAD, 1)).toBe(true);
    await store.releasePublisher(REF, HEAD, 2);
    expect(lockKeys(rt)).toHaveLength(1);
    await store.releasePublisher(REF, HEAD, 1);
    expect(lockKeys(rt)).toHaveLength(0);
    expect(await store.claimPublisher(REF, HEAD, 2)).toBe(true);
  });
});

describe('finished chunks', () => {
  it('are counted on small markers: no result is read until the publisher reads each one once', async () => {
    const rt = start();
    const chunks = 230;
    for (let i = 0; i < chunks; i++) await store.recordResult(REF, HEAD, result(i));
    await store.recordResult(REF, HEAD, result(17)); // a redelivered chunk counts once
    const writes = rt.kvs.operations().length;

    expect(await store.finishedCount(REF, HEAD)).toBe(chunks);
    const counting = rt.kvs.operations().slice(writes);
    expect(counting).toHaveLength(Math.ceil(chunks / 100)); // one query page per 100 chunks
    // A page of 100 markers is under 20 KB: two read units, whatever the size of the results.
    expect(counting.every((o) => o.key?.startsWith('chunkdone:') && o.units <= 2)).toBe(true);

    const read = await store.results(REF, HEAD, chunks);
    expect(read.map((r) => r.index)).toEqual(Array.from({ length: chunks }, (_, i) => i));
    const resultReads = rt.kvs.operations().filter((o) => o.kind === 'read' && o.key?.startsWith('chunk:'));
    expect(resultReads).toHaveLength(chunks);
    expect(new Set(resultReads.map((o) => o.key)).size).toBe(chunks);
  });

  it('are never stored uncounted: a refused record leaves neither the result nor its marker', async () => {
    const rt = start({ rateLimits: { writeUnitsPerMinute: 1 } });
    await store.savePlan(REF, plan()); // the minute's only write unit
    const short = kvsChunkStoreWith(retryingStorage(systemClock(), { ...FAST, maxAttempts: 2 }));
    const error = await short.recordResult(REF, HEAD, result(0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).message).toMatch(
      /^Forge storage could not store the result of chunk 1: HTTP 429 RATE_LIMIT_EXCEEDED \(the installation is over its Forge storage rate limit\) after 2 attempts/,
    );
    expect(await store.finishedCount(REF, HEAD)).toBe(0);
    expect(Object.keys(rt.kvs.snapshot()).filter((k) => k.startsWith('chunk'))).toEqual([
      expect.stringMatching(/^chunkplan:/) as unknown,
    ]);
  });

  it('are cleared with their results and the plan of this head', async () => {
    const rt = start();
    await store.savePlan(REF, plan());
    for (let i = 0; i < 30; i++) await store.recordResult(REF, HEAD, result(i));
    await store.clear(REF, HEAD, 30);
    expect(rt.kvs.snapshot()).toEqual({});
  });
});

describe('run state and settings', () => {
  it('a 429 on a read is retried with backoff until the window frees up', async () => {
    const rt = start({ rateLimits: { readUnitsPerMinute: 1, msPerSecond: 5 } });
    const runs = kvsRunStoreWith(storage);
    await runs.set(REF.repositoryUuid, REF.pullRequestId, { state: 'pending', headHash: HEAD });
    expect(await runs.get(REF.repositoryUuid, REF.pullRequestId)).toEqual({
      state: 'pending',
      headHash: HEAD,
    });
    // Settings reads in a window of one read unit: they wait for the window instead of failing the run.
    const stored = await kvsSettingsLayers(
      { repo: { workspace: '{w}', repository: REF.repositoryUuid } },
      storage,
    );
    expect(stored).toEqual({ layers: [], notices: [] });
    expect(rt.kvs.usage().rateLimited).toBeGreaterThan(0);
  });
});

function plan() {
  return {
    headHash: HEAD,
    chunkCount: 1,
    createdAt: '2026-01-01T00:00:00Z',
    skipped: [],
    skippedCount: 0,
    firstReportOnCommit: true,
    queued: false,
  };
}
