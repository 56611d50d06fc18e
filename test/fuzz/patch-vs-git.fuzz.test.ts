/**
 * The diff parser and patch application against real git (fast-check): random files with awkward names (spaces,
 * quotes, backslashes, non-ASCII, which git C-quotes), LF and CRLF lines, with or without a final newline, get
 * random edits, additions, deletions, renames, copies, mode changes and binary content in a temporary repository.
 * `git diff` of the two commits, with a random context, algorithm and rename/copy detection, must parse to the
 * files and statuses git's own `--name-status` reports, the added/removed line counts of `--numstat`, one hunk per
 * `@@` header, and patch each text file forward and back to exactly the bytes git stored.
 * (Whole-file reconstruction from full-context diffs is proven against git in test/diff/full-context.property.test.ts.)
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { forwardApply, parseUnifiedDiff, reverseApply, type FileDiff } from '../../src/diff';
import {
  applyEdits,
  contentArb,
  editArb,
  git,
  render,
  type Content,
  type Edit,
} from '../support/git-text-arbitraries';

const contentArb1 = contentArb({ minLength: 1, maxLength: 30 });

function edit(content: Content, edits: readonly Edit[], finalNewline: boolean): Content {
  return { lines: applyEdits(content.lines, edits), finalNewline };
}

/** Names git must quote next to plain ones; each file gets its own directory so names never collide. */
const NAME_PARTS = ['plain', 'with space', 'quo"te', 'back\\slash', 'ünï', '日本', 'tab\there', 'x.txt'];

const storyArb = fc.record({
  name: fc.constantFrom(...NAME_PARTS),
  base: contentArb1,
  fate: fc.constantFrom('edit', 'edit', 'edit', 'add', 'delete', 'rename', 'copy', 'chmod', 'binary', 'same'),
  edits: fc.array(editArb, { minLength: 1, maxLength: 4 }),
  finalNewline: fc.boolean(),
});
type Story = typeof storyArb extends fc.Arbitrary<infer T> ? T : never;

/** Always run first (fast-check `examples`), so every kind of section is met whatever the seed. */
const EVERY_KIND: Story[] = (['edit', 'add', 'delete', 'rename', 'copy', 'chmod', 'binary'] as const).map(
  (fate, i) => ({
    name: NAME_PARTS[i] as string,
    base: {
      lines: [
        { text: `first of ${fate}`, eol: '\n' },
        { text: 'ünï', eol: '\r\n' },
      ],
      finalNewline: false,
    },
    fate,
    edits: [{ at: 1, remove: 1, insert: [{ text: 'changed', eol: '\n' }] }],
    finalNewline: i % 2 === 0,
  }),
);

const diffOptionsArb = fc.record({
  context: fc.constantFrom('-U0', '-U1', '-U3', '-U5'),
  algorithm: fc.constantFrom('--diff-algorithm=myers', '--histogram', '--patience', '--minimal'),
  detection: fc.constantFrom(['--no-renames'], ['-M'], ['-M', '-C', '-C']),
});

interface Written {
  /** Repository path → text on each side (undefined: absent). Binary files are left out. */
  base: Map<string, string>;
  head: Map<string, string>;
}

function write(root: string, path: string, text: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Commits the stories' base, then their head, and returns what each text file holds on each side. */
function commitStories(repo: string, run: number, stories: readonly Story[]): Written {
  const base = new Map<string, string>();
  const head = new Map<string, string>();
  const dir = `run${run}`;
  const pathOf = (i: number, suffix = ''): string => `${dir}/f${i}/${(stories[i] as Story).name}${suffix}`;
  stories.forEach((story, i) => {
    if (story.fate === 'add') return;
    const text = render(story.base);
    base.set(pathOf(i), text);
    write(repo, pathOf(i), story.fate === 'binary' ? Buffer.from(`\0bin ${i}`) : text);
  });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '--allow-empty', '-m', `base ${run}`]);
  stories.forEach((story, i) => {
    const path = pathOf(i);
    const changed = render(edit(story.base, story.edits, story.finalNewline));
    switch (story.fate) {
      case 'edit':
        write(repo, path, changed);
        head.set(path, changed);
        break;
      case 'add':
        write(repo, path, changed);
        head.set(path, changed);
        break;
      case 'delete':
        rmSync(join(repo, path));
        break;
      case 'rename':
        rmSync(join(repo, path));
        write(repo, pathOf(i, ' renamed'), render(story.base));
        head.set(pathOf(i, ' renamed'), render(story.base));
        break;
      case 'copy':
        write(repo, pathOf(i, ' copy'), render(story.base));
        head.set(path, render(story.base));
        head.set(pathOf(i, ' copy'), render(story.base));
        break;
      case 'chmod':
        chmodSync(join(repo, path), 0o755);
        head.set(path, render(story.base));
        break;
      case 'binary':
        write(repo, path, Buffer.from(`\0bin changed ${i}`));
        base.delete(path);
        break;
      case 'same':
        head.set(path, render(story.base));
        break;
    }
  });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '--allow-empty', '-m', `head ${run}`]);
  return { base, head };
}

/** git's own answer, NUL-separated so no name needs unquoting: status letter, paths. */
function nameStatus(repo: string, args: string[]): Array<{ status: string; paths: string[] }> {
  const fields = git(repo, ['diff', '--name-status', '-z', ...args]).split('\0');
  fields.pop();
  const out: Array<{ status: string; paths: string[] }> = [];
  for (let i = 0; i < fields.length;) {
    const status = fields[i++] as string;
    const count = /^[RC]/.test(status) ? 2 : 1;
    out.push({ status: status[0] as string, paths: fields.slice(i, i + count) });
    i += count;
  }
  return out;
}

/** `--numstat -z`: added and removed line counts per file ('-' for binary). */
function numstat(repo: string, args: string[]): Array<{ added: string; removed: string }> {
  const text = git(repo, ['diff', '--numstat', '-z', ...args]);
  const out: Array<{ added: string; removed: string }> = [];
  const fields = text.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const m = /^(\S+)\t(\S+)\t(.*)$/s.exec(fields[i] as string);
    if (!m) continue;
    out.push({ added: m[1] as string, removed: m[2] as string });
    // A rename or copy gives an empty path here and its two paths in the next fields.
    if (m[3] === '') i += 2;
  }
  return out;
}

const LETTER: Record<FileDiff['status'], string[]> = {
  added: ['A', 'C'],
  removed: ['D'],
  modified: ['M'],
  renamed: ['R'],
  binary: ['M', 'A', 'D'],
  mode: ['M'],
};

describe('diff parser and patch application against real git', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'lintel-fuzz-git-'));
    git(repo, ['init', '-q', '-b', 'main']);
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('parses to git’s files, statuses, line counts and hunks, and patches to git’s bytes both ways', () => {
    let run = 0;
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(storyArb, { minLength: 1, maxLength: 6 }), diffOptionsArb, (stories, options) => {
        run++;
        const written = commitStories(repo, run, stories);
        const args = [
          options.context,
          options.algorithm,
          ...options.detection,
          'HEAD~1',
          'HEAD',
          '--',
          `run${run}`,
        ];
        const text = git(repo, ['diff', '--no-color', '--no-ext-diff', ...args]);
        const files = parseUnifiedDiff(text);

        const expected = nameStatus(repo, args);
        expect(files.map((f) => [f.oldPath ?? f.newPath, f.newPath ?? f.oldPath])).toEqual(
          expected.map((e) => [e.paths[0], e.paths.at(-1)]),
        );
        const counts = numstat(repo, args);
        expect(counts).toHaveLength(files.length);
        files.forEach((fd, i) => {
          const name = fd.newPath ?? fd.oldPath;
          seen.add(fd.copied ? 'copied' : fd.status);
          if (/[^\x20-\x7e]|["\\]/.test(name ?? '')) seen.add('quoted name');
          expect({ name, error: fd.error }).toEqual({ name, error: undefined });
          expect({ name, letter: LETTER[fd.status] }).toEqual({
            name,
            letter: expect.arrayContaining([expected[i]?.status]),
          });
          const lines = fd.hunks.flatMap((h) => h.lines);
          const count = counts[i] as { added: string; removed: string };
          if (fd.status === 'binary') {
            expect(count).toEqual({ added: '-', removed: '-' });
            return;
          }
          expect({
            name,
            added: lines.filter((l) => l.kind === 'add').length,
            removed: lines.filter((l) => l.kind === 'del').length,
          }).toEqual({
            name,
            added: Number(count.added),
            removed: Number(count.removed),
          });
          const baseText = fd.oldPath === null ? '' : (written.base.get(fd.oldPath) as string);
          const headText = fd.newPath === null ? '' : (written.head.get(fd.newPath) as string);
          expect({ name, base: reverseApply(headText, fd) }).toEqual({ name, base: baseText });
          expect({ name, head: forwardApply(baseText, fd) }).toEqual({ name, head: headText });
        });
        const headers = text.split('\n').filter((l) => l.startsWith('@@ -')).length;
        expect(files.reduce((n, f) => n + f.hunks.length, 0)).toBe(headers);
      }),
      {
        numRuns: 40,
        examples: [[EVERY_KIND, { context: '-U3', algorithm: '--histogram', detection: ['-M', '-C', '-C'] }]],
      },
    );
    // Every kind of section must have come up, or the property proved less than it says.
    expect([...seen].sort()).toEqual(
      ['added', 'binary', 'copied', 'mode', 'modified', 'quoted name', 'removed', 'renamed'].sort(),
    );
  });
});
