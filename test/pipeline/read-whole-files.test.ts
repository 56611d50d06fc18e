/**
 * Reading a change's files from full-context diffs, against the Bitbucket emulator over real git (nothing mocked):
 * the requests it costs, the texts it gives (byte for byte what git holds), and what it does when Bitbucket cannot
 * give a file whole — a diff too large (555), a server that cuts the context, a file whose diff is too large alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import {
  createGitRepository,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../dev/bitbucket-emulator';
import { BitbucketApi } from '../../src/bitbucket/api';
import { BitbucketClient, systemClock } from '../../src/bitbucket/client';
import { HttpTransport } from '../../src/bitbucket/http-transport';
import { memo } from '../../src/pipeline/concurrency';
import { fetchChange, type ChangeSource } from '../../src/pipeline/fetch-change';
import { fetchChunk } from '../../src/pipeline/fetch-chunk';
import { DIFF_TOO_LARGE_REASON } from '../../src/pipeline/read-whole-files';

const MODULES = 30;
const moduleText = (i: number, variant: number): string =>
  Array.from({ length: 40 }, (_, n) => `export const v${i}_${n} = ${n % 7 === 0 ? variant : n};`).join('\n') +
  '\n';

/** 200 lines with one change in the middle: its whole-file diff is large, its ordinary diff small. */
const bigText = (changed: string): string =>
  Array.from({ length: 200 }, (_, n) => (n === 100 ? changed : `export const line${n} = ${n};`)).join('\n') +
  '\n';

const BASE: Record<string, string> = {
  'big/one.ts': bigText('export const middle = 0;'),
  'big/two.ts': bigText('export const centre = 0;'),
  'keep.txt': 'untouched\n',
  'crlf.txt': 'one\r\ntwo\r\nthree\r\n',
  'no-newline.txt': 'alpha\nbeta',
  'old/name.ts': 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\nexport const changed = 1;\n',
  'moved/as-is.ts': 'export const same = true;\n',
  'gone.ts': 'export const gone = 1;\n',
  'ignored/vendor.js': 'var vendor = 1;\n',
  ...Object.fromEntries(Array.from({ length: MODULES }, (_, i) => [`src/m${i}.ts`, moduleText(i, 0)])),
};
const HEAD: Record<string, string | null> = {
  'big/one.ts': bigText('export const middle = 1;'),
  'big/two.ts': bigText('export const centre = 1;'),
  'crlf.txt': 'one\r\nTWO\r\nthree\r\n',
  'no-newline.txt': 'alpha\nBETA',
  'old/name.ts': null,
  'new/name.ts': 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\nexport const changed = 2;\n',
  'moved/as-is.ts': null,
  'moved/still-as-is.ts': 'export const same = true;\n',
  'gone.ts': null,
  'empty.txt': '',
  'ignored/vendor.js': 'var vendor = 2;\n',
  ...Object.fromEntries(Array.from({ length: MODULES }, (_, i) => [`src/m${i}.ts`, moduleText(i, 1)])),
};
const isIgnored = (p: string) => p.startsWith('ignored/');
/** Every file the reading must deliver: changed, with a head side, not ignored, not a pure rename. */
const EXPECTED_HEAD = Object.entries(HEAD).filter(
  (e): e is [string, string] => e[1] !== null && !isIgnored(e[0]) && e[0] !== 'moved/still-as-is.ts',
);

describe('reading a change from full-context diffs', () => {
  let workDir: string;
  let gitDir: string;
  let head: string;
  let destination: string;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-whole-files-'));
    const fixture = await createGitRepository(path.join(workDir, 'repo'), [
      { branch: 'main', message: 'base', files: BASE },
      { branch: 'feature', from: 'main', message: 'change', files: HEAD },
    ]);
    gitDir = fixture.gitDir;
    head = await fixture.head('feature');
    destination = await fixture.head('main');
  });
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  async function withEmulator<T>(
    options: EmulatorOptions,
    work: (e: Emulator, api: BitbucketApi) => Promise<T>,
    forkDir?: string,
  ) {
    const emulator = await startEmulator(options);
    const token = emulator.addUser({ displayName: 'Lintel', app: true }).token;
    emulator.addWorkspace({ slug: 'acme' });
    emulator.addRepository({ workspace: 'acme', slug: 'shop', gitDir });
    if (forkDir) {
      const parent = { workspace: 'acme', slug: 'shop' };
      emulator.addRepository({ workspace: 'acme', slug: 'shop-fork', gitDir: forkDir, forkOf: parent });
    }
    const api = new BitbucketApi(
      new BitbucketClient(new HttpTransport(emulator.baseUrl, token), { clock: systemClock() }),
    );
    try {
      const result = await work(emulator, api);
      expect(emulator.violations).toEqual([]);
      return result;
    } finally {
      await emulator.close();
    }
  }

  const source = (api: BitbucketApi): ChangeSource => {
    const repo = { workspace: 'acme', repository: 'shop' };
    return {
      repo,
      headHash: head,
      destinationHash: destination,
      mergeBase: memo(() => api.mergeBase(repo, head, destination)),
    };
  };
  const byEndpoint = (e: Emulator) =>
    e.requests.reduce<Record<string, number>>((acc, r) => {
      const kind = `${r.status} ${/\/(diffstat|diff|src|merge-base)\//.exec(r.path)?.[1] ?? r.path}`;
      acc[kind] = (acc[kind] ?? 0) + 1;
      return acc;
    }, {});
  const texts = (files: { path: string; text: string }[]) =>
    Object.fromEntries(files.map((f) => [f.path, f.text]));

  it('reads every changed file exactly with the diffstat and one diff request, and no src', async () => {
    await withEmulator({}, async (emulator, api) => {
      const change = await fetchChange(api, source(api), isIgnored);
      expect(byEndpoint(emulator)).toEqual({ '200 diffstat': 1, '200 diff': 1 });
      expect(texts(change.head)).toEqual(Object.fromEntries(EXPECTED_HEAD));
      // Base under the base name: a renamed file's base is its old name's text; added files have none.
      const expectedBase = Object.fromEntries(
        EXPECTED_HEAD.filter(([p]) => p in BASE || p === 'new/name.ts').map(([p]) => [
          p === 'new/name.ts' ? 'old/name.ts' : p,
          BASE[p === 'new/name.ts' ? 'old/name.ts' : p],
        ]),
      );
      expect(texts(change.base)).toEqual(expectedBase);
      expect([...(change.changedLines.get('crlf.txt') ?? [])]).toEqual([2]);
      expect([...(change.changedLines.get('src/m3.ts') ?? [])]).toEqual([1, 8, 15, 22, 29, 36]);
      // The ignored file's text stayed out of what was asked for: the request named the files.
      expect(change.diff).not.toContain('vendor');
      expect(change.skipped.map((s) => s.path).sort()).toEqual(['gone.ts', 'ignored/vendor.js']);
      expect(change.readSeparately).toEqual([]);
    });
  });

  it('asks for the whole diff, with no path list, when every changed file is wanted', async () => {
    await withEmulator({}, async (emulator, api) => {
      const change = await fetchChange(api, source(api), () => false);
      const diffs = emulator.requests.filter((r) => /\/diff\//.test(r.path));
      expect(diffs).toHaveLength(1);
      expect(diffs[0]?.query).not.toContain('path=');
      expect(texts(change.head)['ignored/vendor.js']).toBe(HEAD['ignored/vendor.js']);
      // Deleted and only-renamed files are in that diff, and need no text: nothing is missing.
      expect(change.skipped).toEqual([{ path: 'gone.ts', reason: 'deleted in this pull request' }]);
    });
  });

  it('reads a diff Bitbucket cannot build in one request (555) in path slices, still exactly', async () => {
    await withEmulator({ diffFileLimit: 8 }, async (emulator, api) => {
      const change = await fetchChange(api, source(api), isIgnored);
      expect(texts(change.head)).toEqual(Object.fromEntries(EXPECTED_HEAD));
      const counts = byEndpoint(emulator);
      expect(counts['555 diff']).toBeGreaterThan(0);
      expect(counts['200 src']).toBeUndefined();
      // 36 files in slices of at most 8: at least five answered, far fewer than one request per file.
      expect(counts['200 diff']).toBeGreaterThanOrEqual(5);
      expect(counts['200 diff']).toBeLessThan(EXPECTED_HEAD.length / 2);
      expect(change.readSeparately).toEqual([]);
    });
  });

  it('notices a diff that stops before the end of a file (a server that cuts the context) and reads that file on its own', async () => {
    await withEmulator({ diffContextMax: 3 }, async (emulator, api) => {
      const change = await fetchChange(api, source(api), isIgnored);
      expect(texts(change.head)).toEqual(Object.fromEntries(EXPECTED_HEAD));
      expect(texts(change.base)['big/one.ts']).toBe(BASE['big/one.ts']);
      // The modules' hunks run from line 1 to three lines past their last change, short of the end; the small
      // files are whole even with three lines of context, and their blob ids prove it.
      const cut = EXPECTED_HEAD.map(([p]) => p).filter((p) => p.startsWith('src/') || p.startsWith('big/'));
      expect(change.readSeparately.map((r) => r.path).sort()).toEqual(cut.sort());
      expect(new Set(change.readSeparately.map((r) => r.reason))).toEqual(
        new Set([
          'the text in its diff does not match its blob id (the diff stops before the end of the file)',
          "its diff does not start at the file's first line",
        ]),
      );
      expect(change.skipped.filter((s) => s.kind === 'not-analysed')).toEqual([]);
      expect(byEndpoint(emulator)['200 src']).toBe(cut.length);
    });
  });

  it('reads a file the diff cannot give whole from the fork a pull request comes from, where its head lives', async () => {
    const fork = await forkGitRepository(gitDir, path.join(workDir, 'fork'), [
      {
        branch: 'fix',
        from: 'feature',
        message: 'fix',
        files: { 'big/one.ts': bigText('export const middle = 2;') },
      },
    ]);
    const forkHead = await fork.head('fix');
    await withEmulator(
      { diffContextMax: 3 },
      async (emulator, api) => {
        const repo = { workspace: 'acme', repository: 'shop' };
        const forkRepo = { workspace: 'acme', repository: 'shop-fork' };
        const fromFork: ChangeSource = {
          repo,
          fork: forkRepo,
          headHash: forkHead,
          destinationHash: destination,
          mergeBase: memo(() => api.mergeBase(forkRepo, forkHead, destination)),
        };
        const change = await fetchChunk(api, fromFork, [{ path: 'big/one.ts' }, { path: 'crlf.txt' }]);
        expect(texts(change.head)).toEqual({
          'big/one.ts': bigText('export const middle = 2;'),
          'crlf.txt': HEAD['crlf.txt'],
        });
        expect(texts(change.base)['big/one.ts']).toBe(BASE['big/one.ts']);
        expect(change.readSeparately.map((r) => r.path)).toEqual(['big/one.ts']);
        const reads = emulator.requests.filter((r) => /\/src\//.test(r.path)).map((r) => r.path);
        expect(reads).toEqual([expect.stringContaining('/repositories/acme/shop-fork/src/')]);
      },
      fork.gitDir,
    );
  });

  it('reads a file whose whole-file diff is too large from its ordinary diff and src; one too large even so is not analysed', async () => {
    const files = [{ path: 'crlf.txt' }, { path: 'big/one.ts' }, { path: 'big/two.ts' }];
    // The big files' whole-file diffs (about 5 KB) are too large; their ordinary diffs and crlf.txt's fit.
    await withEmulator({ diffByteLimit: 1_500 }, async (emulator, api) => {
      const change = await fetchChunk(api, source(api), files);
      expect(texts(change.head)).toEqual({
        'crlf.txt': HEAD['crlf.txt'],
        'big/one.ts': HEAD['big/one.ts'],
        'big/two.ts': HEAD['big/two.ts'],
      });
      expect(texts(change.base)['big/one.ts']).toBe(BASE['big/one.ts']);
      const reason = 'its whole-file diff was too large for Bitbucket (HTTP 555)';
      expect(change.readSeparately).toEqual([
        { path: 'big/one.ts', reason },
        { path: 'big/two.ts', reason },
      ]);
      expect(change.diff).toContain('diff --git a/big/one.ts b/big/one.ts');
      expect([...(change.changedLines.get('big/one.ts') ?? [])]).toEqual([101]);
      expect(byEndpoint(emulator)['200 src']).toBe(2);
    });
    // Now even their ordinary diffs are too large: not analysed, with the reason.
    await withEmulator({ diffByteLimit: 300 }, async (_emulator, api) => {
      const change = await fetchChunk(api, source(api), files);
      expect(change.skipped).toEqual([
        { path: 'big/one.ts', reason: DIFF_TOO_LARGE_REASON, kind: 'not-analysed' },
        { path: 'big/two.ts', reason: DIFF_TOO_LARGE_REASON, kind: 'not-analysed' },
      ]);
      expect(texts(change.head)).toEqual({ 'crlf.txt': HEAD['crlf.txt'] });
    });
  });
});
