/**
 * A comment is the one write Bitbucket applies anew every time: when its POST answers 500 (or no answer comes), it
 * may exist already, so the client does not repeat it — the next run finds it by its marker instead. A 429 means
 * Bitbucket did nothing, so that is repeated like any request. Against the emulator, whose `afterApplying` fault
 * creates the comment and then answers 500 (a gateway timeout after the write).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, createGitRepository, type Emulator } from '../../dev/bitbucket-emulator';
import { BitbucketApi } from '../../src/bitbucket/api';
import { BitbucketClient } from '../../src/bitbucket/client';
import { BitbucketError } from '../../src/bitbucket/errors';
import { HttpTransport } from '../../src/bitbucket/http-transport';
import type { Clock } from '../../src/bitbucket/types';

/** Time passes only when the client sleeps: no real waiting. */
const clock = (): Clock => {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms), remainingMs: () => Infinity };
};

let emulator: Emulator;
let api: BitbucketApi;
let workDir: string;
let prId: number;
const repo = { workspace: 'acme', repository: 'shop' };

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-unrepeatable-'));
  const { gitDir } = await createGitRepository(path.join(workDir, 'shop'), [
    { branch: 'main', message: 'base', files: { 'a.ts': 'export const a = 1;\n' } },
    { branch: 'feature', from: 'main', message: 'change', files: { 'a.ts': 'export const a = 2;\n' } },
  ]);
  emulator = await startEmulator();
  const token = emulator.addUser({ displayName: 'Lintel', app: true }).token;
  emulator.addWorkspace({ slug: 'acme' });
  emulator.addRepository({ workspace: 'acme', slug: 'shop', gitDir });
  prId = emulator.createPullRequest({
    workspace: 'acme',
    repo: 'shop',
    title: 't',
    sourceBranch: 'feature',
    destinationBranch: 'main',
    author: emulator.addUser({ displayName: 'Ann' }),
  }).id;
  api = new BitbucketApi(
    new BitbucketClient(new HttpTransport(`${emulator.baseUrl}/2.0`, token), {
      clock: clock(),
      random: () => 0.5,
    }),
  );
});

afterAll(async () => {
  await emulator.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

afterEach(() => {
  emulator.faults.clear();
  expect(emulator.violations).toEqual([]);
});

const comments = () =>
  emulator.state.comments('acme', 'shop', prId).map((c) => (c.content as { raw: string }).raw);

test('a comment whose POST answered 500 after Bitbucket created it is not posted again', async () => {
  emulator.faults.inject({ method: 'POST', path: /\/comments$/, status: 500, afterApplying: true, times: 1 });
  const error = await api.createComment(repo, prId, 'once').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BitbucketError);
  expect((error as BitbucketError).kind).toBe('server');
  expect((error as Error).message).toMatch(/comment on pull request #\d+: HTTP 500/);
  expect(comments()).toEqual(['once']);
});

test('a comment refused with 429 is posted once the rate limit lifts', async () => {
  emulator.faults.inject({ method: 'POST', path: /\/comments$/, status: 429, times: 2 });
  await api.createComment(repo, prId, 'after the limit');
  expect(comments()).toContain('after the limit');
  expect(comments().filter((c) => c === 'after the limit')).toHaveLength(1);
});

test('idempotent writes are still repeated after a 500', async () => {
  emulator.faults.inject({ method: 'POST', path: /\/statuses\/build$/, status: 500, times: 2 });
  const head = emulator.state.pullRequest('acme', 'shop', prId)?.sourceCommit ?? '';
  await api.postBuildStatus(repo, head, {
    key: 'k',
    state: 'SUCCESSFUL',
    name: 'n',
    description: 'd',
    url: 'https://example.com/',
    refname: 'feature',
  });
  expect(emulator.state.statuses('acme', 'shop', head).map((s) => s.state)).toEqual(['SUCCESSFUL']);
});
