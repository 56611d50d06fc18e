import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forwardApply, parseUnifiedDiff, reverseApply, addedLines } from '../../src/diff';

/**
 * Property: for random files and random edits, the diff that real git prints lets us rebuild the
 * base from the head (reverseApply) and the head from the base (forwardApply), byte for byte.
 */

/** mulberry32: small seeded PRNG so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A small vocabulary makes repeated lines, so git has to choose between equal matches.
const WORDS = [
  '',
  '}',
  '{',
  'return x;',
  '  if (a) {',
  'foo',
  'bar baz',
  '\t tab',
  'ünï',
  '-- x',
  '+ y',
  '\\ z',
  ' ',
];

function randomLines(rand: () => number, n: number): string[] {
  return Array.from({ length: n }, () =>
    rand() < 0.6 ? (WORDS[Math.floor(rand() * WORDS.length)] as string) : `line ${Math.floor(rand() * 50)}`,
  );
}

function render(lines: string[], eol: string, finalNewline: boolean): string {
  if (lines.length === 0) return '';
  return lines.join(eol) + (finalNewline ? eol : '');
}

function mutate(rand: () => number, lines: string[]): string[] {
  const out = [...lines];
  const edits = 1 + Math.floor(rand() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    if (r < 0.35) out.splice(at, 0, ...randomLines(rand, 1 + Math.floor(rand() * 4)));
    else if (r < 0.7) out.splice(at, 1 + Math.floor(rand() * 3));
    else out.splice(at, 1, ...randomLines(rand, 1 + Math.floor(rand() * 2)));
  }
  return out;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const ROUNDS: Array<{ seed: number; diffArgs: string[] }> = [
  { seed: 1, diffArgs: [] },
  { seed: 2, diffArgs: ['-U0'] },
  { seed: 3, diffArgs: ['-U1', '--histogram'] },
  { seed: 4, diffArgs: ['-U5', '--patience'] },
];
const FILES_PER_ROUND = 80;

describe('reverseApply / forwardApply against real git diff', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'lintel-diff-'));
    git(repo, ['init', '-q']);
    git(repo, ['config', 'core.autocrlf', 'false']);
    git(repo, ['config', 'user.email', 't@example.com']);
    git(repo, ['config', 'user.name', 'test']);
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it.each(ROUNDS)('round with seed $seed and git diff $diffArgs', ({ seed, diffArgs }) => {
    const rand = prng(seed);
    const base = new Map<string, string>();
    const head = new Map<string, string>();
    const absentInBase = new Set<string>();
    const absentInHead = new Set<string>();
    for (let i = 0; i < FILES_PER_ROUND; i++) {
      const eol = rand() < 0.25 ? '\r\n' : '\n';
      const lines = randomLines(rand, Math.floor(rand() * 30));
      const name = `r${seed}/f ${i}.txt`;
      base.set(name, render(lines, eol, rand() < 0.8));
      head.set(name, render(mutate(rand, lines), eol, rand() < 0.8));
      const lifecycle = rand();
      if (lifecycle < 0.08) absentInBase.add(name);
      else if (lifecycle < 0.16) absentInHead.add(name);
    }
    for (const name of absentInBase) base.set(name, '');
    for (const name of absentInHead) head.set(name, '');
    execFileSync('mkdir', ['-p', join(repo, `r${seed}`)]);
    for (const [name, text] of base) if (!absentInBase.has(name)) writeFileSync(join(repo, name), text);
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '--allow-empty', '-m', `base ${seed}`]);
    for (const [name, text] of head) {
      if (absentInHead.has(name)) rmSync(join(repo, name));
      else writeFileSync(join(repo, name), text);
    }
    git(repo, ['add', '-A']);
    const diffText = git(repo, [
      'diff',
      '--cached',
      '--no-color',
      '--no-ext-diff',
      ...diffArgs,
      '--',
      `r${seed}`,
    ]);

    const files = parseUnifiedDiff(diffText);
    const changed = [...base.keys()].filter(
      (n) => base.get(n) !== head.get(n) || absentInBase.has(n) || absentInHead.has(n),
    );
    expect(files.map((f) => f.newPath ?? f.oldPath).sort()).toEqual(changed.sort());
    for (const fd of files) {
      const name = (fd.newPath ?? fd.oldPath) as string;
      const expectedStatus = absentInBase.has(name)
        ? 'added'
        : absentInHead.has(name)
          ? 'removed'
          : 'modified';
      expect({ name, status: fd.status, error: fd.error }).toEqual({
        name,
        status: expectedStatus,
        error: undefined,
      });
      expect({ name, base: reverseApply(head.get(name) as string, fd) }).toEqual({
        name,
        base: base.get(name),
      });
      expect({ name, head: forwardApply(base.get(name) as string, fd) }).toEqual({
        name,
        head: head.get(name),
      });
      // Every added line number points at a real head line.
      const headLineCount = (head.get(name) as string).split('\n').length;
      for (const n of addedLines(fd)) expect(n).toBeLessThanOrEqual(headLineCount);
    }
  });
});
