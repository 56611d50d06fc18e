/**
 * The client hears what Bitbucket's answers say of the hourly budget (X-RateLimit-* headers, 429), over the HTTP
 * transport against the emulator, which enforces the budget as Bitbucket does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGitRepository, startEmulator, type Emulator } from '../../dev/bitbucket-emulator';
import { BitbucketApi } from '../../src/bitbucket/api';
import { BitbucketClient } from '../../src/bitbucket/client';
import { BitbucketError } from '../../src/bitbucket/errors';
import { HttpTransport } from '../../src/bitbucket/http-transport';
import { rateLimitSignalOf, type RateLimitSignal } from '../../src/bitbucket/rate-limit-signal';
import type { Clock } from '../../src/bitbucket/types';

/** Time that passes only when the client sleeps: retries neither wait nor depend on the machine. */
const sleepingClock = (): Clock => {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms) => Promise.resolve(void (now += ms)),
    remainingMs: () => Number.POSITIVE_INFINITY,
  };
};

describe('rate-limit signals from Bitbucket answers', () => {
  let emulator: Emulator;
  let token: string;
  let workDir: string;
  const repo = { workspace: 'acme', repository: 'shop' };

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-ratelimit-'));
    const { gitDir } = await createGitRepository(path.join(workDir, 'shop'), [
      { branch: 'main', message: 'base', files: { 'a.ts': 'export const a = 1;\n' } },
    ]);
    emulator = await startEmulator({ rateLimit: { requestsPerHour: 10 } });
    token = emulator.addUser({ displayName: 'Lintel', app: true }).token;
    emulator.addWorkspace({ slug: 'acme' });
    emulator.addRepository({ workspace: 'acme', slug: 'shop', gitDir });
  });

  afterAll(async () => {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('passes on the limit and the near-limit flag, and a 429 that outlasts the retries', async () => {
    const heard: RateLimitSignal[] = [];
    const client = new BitbucketClient(new HttpTransport(`${emulator.baseUrl}/2.0`, token), {
      clock: sleepingClock(),
      random: () => 0.5,
      onRateLimit: (signal) => heard.push(signal),
    });
    const api = new BitbucketApi(client);
    for (let i = 0; i < 10; i++) await api.fullHash(repo, 'main');
    expect(heard[0]).toEqual({ limit: 10, nearLimit: false, rateLimited: false });
    expect(heard[9]).toEqual({ limit: 10, nearLimit: true, rateLimited: false });

    const refused = await api.fullHash(repo, 'main').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BitbucketError);
    expect((refused as BitbucketError).kind).toBe('rate-limited');
    // Every attempt was refused and heard as such: the pacing learns of the 429 even though the client retried.
    expect(heard.slice(10).every((s) => s.rateLimited)).toBe(true);
    expect(heard.length).toBeGreaterThan(11);
  });

  it('ignores headers it cannot read, and answers that carry none', () => {
    const answer = (status: number, headers: Record<string, string>) => ({
      status,
      header: (name: string) => headers[name] ?? null,
    });
    expect(rateLimitSignalOf(answer(200, {}))).toBeUndefined();
    expect(
      rateLimitSignalOf(answer(200, { 'x-ratelimit-limit': 'lots', 'x-ratelimit-nearlimit': 'maybe' })),
    ).toBeUndefined();
    expect(rateLimitSignalOf(answer(429, {}))).toEqual({ rateLimited: true });
    expect(rateLimitSignalOf(answer(200, { 'x-ratelimit-nearlimit': ' TRUE ' }))).toEqual({
      nearLimit: true,
      rateLimited: false,
    });
  });
});
