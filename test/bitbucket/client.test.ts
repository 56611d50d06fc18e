/**
 * The Bitbucket client over the HTTP transport against the emulator: redirects, pagination, retries inside the
 * time budget, typed errors, and path safety.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, createGitRepository, type Emulator } from '../../dev/bitbucket-emulator';
import { BitbucketApi } from '../../src/bitbucket/api';
import { BitbucketClient } from '../../src/bitbucket/client';
import { BitbucketError } from '../../src/bitbucket/errors';
import { HttpTransport } from '../../src/bitbucket/http-transport';
import { UnsafePathError } from '../../src/bitbucket/paths';
import type { Clock } from '../../src/bitbucket/types';

/** Time that passes only when the client sleeps, so retry tests neither wait nor depend on the machine. */
function fakeClock(budgetMs = Number.POSITIVE_INFINITY) {
  let now = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    remainingMs: () => budgetMs - now,
  };
  return { clock, sleeps };
}

describe('BitbucketClient over HTTP against the emulator', () => {
  let emulator: Emulator;
  let token: string;
  let workDir: string;
  const repo = { workspace: 'acme', repository: 'shop' };
  let prId: number;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-client-'));
    const { gitDir } = await createGitRepository(path.join(workDir, 'shop'), [
      {
        branch: 'main',
        message: 'base',
        files: { 'a.ts': 'export const a = 1;\n', 'dir/b.ts': 'let b = 2;\n' },
      },
      {
        branch: 'feature',
        from: 'main',
        message: 'change',
        files: { 'a.ts': 'export const a = 2;\n', 'c.ts': 'c\n' },
      },
    ]);
    emulator = await startEmulator();
    token = emulator.addUser({ displayName: 'Lintel', app: true }).token;
    const author = emulator.addUser({ displayName: 'Ann' });
    emulator.addWorkspace({ slug: 'acme' });
    emulator.addRepository({ workspace: 'acme', slug: 'shop', gitDir });
    prId = emulator.createPullRequest({
      workspace: 'acme',
      repo: 'shop',
      title: 't',
      sourceBranch: 'feature',
      destinationBranch: 'main',
      author,
    }).id;
  });

  afterAll(async () => {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  afterEach(() => {
    emulator.faults.clear();
    expect(emulator.violations).toEqual([]);
  });

  const apiWith = (clock: Clock, random = () => 0.5) =>
    new BitbucketApi(
      new BitbucketClient(new HttpTransport(`${emulator.baseUrl}/2.0`, token), { clock, random }),
    );

  it('resolves the short head hash and follows the 302 of the pull-request diff', async () => {
    const api = apiWith(fakeClock().clock);
    const pr = await api.pullRequest(repo, prId);
    expect(pr.source.commit.hash).toHaveLength(12);
    const full = await api.fullHash(repo, pr.source.commit.hash);
    expect(full).toMatch(/^[0-9a-f]{40}$/);
    expect(full.startsWith(pr.source.commit.hash)).toBe(true);
    // The pull request's own diff link answers 302; the client follows it with the token kept.
    const diff = await api.client.text({
      method: 'GET',
      operation: 'read the pull request diff',
      target: { segments: ['repositories', 'acme', 'shop', 'pullrequests', prId, 'diff'] },
    });
    expect(diff).toContain('+export const a = 2;');
    expect(await api.diff(repo, full, pr.destination.commit.hash)).toBe(diff);
    const stat = await api.diffstat(repo, full, pr.destination.commit.hash);
    expect(stat.map((s) => s.new?.path).sort()).toEqual(['a.ts', 'c.ts']);
    expect(await api.fileAt(repo, full, 'a.ts')).toBe('export const a = 2;\n');
  });

  it('pages through every `next` link', async () => {
    const client = new BitbucketClient(new HttpTransport(emulator.baseUrl, token), {
      clock: fakeClock().clock,
    });
    const api = new BitbucketApi(client);
    for (let i = 0; i < 23; i++) await api.createComment(repo, prId, `comment ${i}`);
    const before = client.calls;
    const all = await client.all<{ id: number }>({
      method: 'GET',
      operation: 'list comments',
      target: {
        segments: ['repositories', 'acme', 'shop', 'pullrequests', prId, 'comments'],
        query: { pagelen: 10 },
      },
    });
    expect(all).toHaveLength(23);
    expect(client.calls - before).toBe(3);
  });

  it('survives a burst of 429s without Retry-After, backing off exponentially', async () => {
    const { clock, sleeps } = fakeClock();
    emulator.faults.inject({ status: 429, times: 4 });
    const pr = await apiWith(clock, () => 1).pullRequest(repo, prId);
    expect(pr.id).toBe(prId);
    expect(sleeps).toEqual([500, 1000, 2000, 4000]);
  });

  it('gives up with a typed error naming the call when the time budget runs out', async () => {
    const { clock } = fakeClock(8_000);
    emulator.faults.inject({ status: 429, times: 50 });
    const error = await apiWith(clock, () => 1)
      .pullRequest(repo, prId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BitbucketError);
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect((error as Error).message).toMatch(/read pull request #\d+: HTTP 429/);
  });

  it('reports a diff Bitbucket cannot build (555) as too-large after one retry', async () => {
    const { clock, sleeps } = fakeClock();
    emulator.faults.inject({ status: 555, path: /\/diff\//, times: 5 });
    const error = await apiWith(clock)
      .diff(repo, 'a'.repeat(40), 'b'.repeat(40))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'too-large', status: 555 });
    expect(sleeps).toHaveLength(1);
  });

  it('turns Bitbucket error bodies into messages and 404s into not-found', async () => {
    const error = await apiWith(fakeClock().clock)
      .pullRequest(repo, 999)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('refuses path segments and file paths that would change the endpoint', async () => {
    const api = apiWith(fakeClock().clock);
    await expect(api.fileAt(repo, 'abc', '../secrets')).rejects.toBeInstanceOf(UnsafePathError);
    await expect(api.pullRequest({ workspace: 'acme/../x', repository: 'shop' }, 1)).rejects.toBeInstanceOf(
      UnsafePathError,
    );
    // Revision ranges (a..b) are legitimate; a `..` path segment never is.
    expect(emulator.requests.some((r) => /(^|\/)\.\.(\/|$)/.test(decodeURIComponent(r.path)))).toBe(false);
  });

  it('never sends the token to another origin because of a link', async () => {
    const client = new BitbucketClient(new HttpTransport(emulator.baseUrl, token), {
      clock: fakeClock().clock,
    });
    await expect(
      client.json({
        method: 'GET',
        operation: 'follow a foreign link',
        target: { absoluteUrl: 'http://127.0.0.2:9/2.0/user' },
      }),
    ).rejects.toThrow(/refusing to follow a link to http:\/\/127\.0\.0\.2:9/);
  });
});
