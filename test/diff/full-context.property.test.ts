import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { parseUnifiedDiff, wholeFileOf } from '../../src/diff';
import { applyEdits, contentArb, editArb, git, render } from '../support/git-text-arbitraries';

/**
 * Property, against real git: random files (CRLF and LF lines, with or without a final newline, empty, lines that
 * look like diff syntax), random edits, additions, deletions, renames with and without edits and mode changes are
 * committed in a temporary repository; `git diff -U<n>` of the two commits is parsed, and every file it shows is
 * rebuilt with wholeFileOf. With a context larger than any file, every file with content in the diff comes back
 * whole and equal to git's own blobs byte for byte; with a small context, a file may be refused, but one accepted
 * as whole is still exact — the check never mistakes a cut diff for a whole file.
 */

/** One file's story: it exists on either side or both, may be renamed and may change mode. */
const fileArb = fc.record({
  base: fc.option(contentArb({ maxLength: 40 }), { nil: undefined }),
  edits: fc.array(editArb, { maxLength: 5 }),
  deleted: fc.boolean(),
  renamed: fc.boolean(),
  chmod: fc.boolean(),
  headFinalNewline: fc.option(fc.boolean(), { nil: undefined }),
});
type FileStory = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function edited(story: FileStory): string {
  const lines = applyEdits(story.base?.lines ?? [], story.edits);
  return render({ lines, finalNewline: story.headFinalNewline ?? story.base?.finalNewline ?? true });
}

describe('wholeFileOf against real git diffs', () => {
  let repo: string;
  let round = 0;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'lintel-full-context-'));
    git(repo, ['init', '-q']);
    git(repo, ['config', 'user.email', 'p@example.com']);
    git(repo, ['config', 'user.name', 'Property']);
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  /** Commits the stories' base and head versions; returns both commits and every side's expected text. */
  function commitStories(stories: readonly FileStory[]) {
    const dir = `r${round++}`;
    const base = new Map<string, string>();
    const head = new Map<string, string>();
    // Odd names too: git C-quotes the space-and-umlaut one in the headers.
    const nameOf = (i: number, side: 'a' | 'b', story: FileStory) =>
      `${dir}/${i === 1 ? 'dir x/ü' : 'f'}${i}${side === 'b' && story.renamed ? '-moved' : ''}.txt`;
    const write = (path: string, text: string, executable: boolean) => {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text, 'utf8');
      chmodSync(join(repo, path), executable ? 0o755 : 0o644);
    };
    stories.forEach((s, i) => {
      if (s.base)
        write(nameOf(i, 'a', s), (base.set(nameOf(i, 'a', s), render(s.base)), render(s.base)), false);
    });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '--allow-empty', '-m', 'base']);
    const from = git(repo, ['rev-parse', 'HEAD']).trim();
    stories.forEach((s, i) => {
      if (s.base) rmSync(join(repo, nameOf(i, 'a', s)));
      if (s.deleted && s.base) return;
      const text = edited(s);
      head.set(nameOf(i, 'b', s), text);
      write(nameOf(i, 'b', s), text, s.chmod);
    });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '--allow-empty', '-m', 'head']);
    const to = git(repo, ['rev-parse', 'HEAD']).trim();
    return { from, to, base, head };
  }

  const storiesArb = fc.array(fileArb, { minLength: 1, maxLength: 5 });

  it('rebuilds both sides of every file byte for byte from a diff whose context exceeds every file', () => {
    const context = 100_000;
    fc.assert(
      fc.property(storiesArb, (stories) => {
        const { from, to, base, head } = commitStories(stories);
        const files = parseUnifiedDiff(git(repo, ['diff', '-M', `-U${context}`, from, to]));
        for (const fd of files) {
          const result = wholeFileOf(fd, context);
          const contentUnchanged = fd.hunks.length === 0 && (fd.status === 'renamed' || fd.status === 'mode');
          if (contentUnchanged) {
            // A pure rename or mode change: the diff carries no text, and git's blobs are equal.
            expect(result.whole).toBe(false);
            expect(base.get(fd.oldPath ?? '')).toBe(head.get(fd.newPath ?? ''));
            continue;
          }
          expect(result).toEqual({
            whole: true,
            base: fd.oldPath === null ? null : base.get(fd.oldPath),
            head: fd.newPath === null ? null : head.get(fd.newPath),
          });
        }
      }),
      { numRuns: 25 },
    );
  });

  // Edits near the top of files longer than the context: the diff then starts at line 1 yet stops before the end.
  const nearTopArb = fc.array(
    fc.record({
      base: contentArb({ minLength: 1, maxLength: 30 }),
      edits: fc.array(
        editArb.map((e) => ({ ...e, at: e.at % 5 })),
        { minLength: 1, maxLength: 2 },
      ),
      deleted: fc.constant(false),
      renamed: fc.boolean(),
      chmod: fc.constant(false),
      headFinalNewline: fc.option(fc.boolean(), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 4 },
  );

  it('never takes a diff with too little context for a whole file', () => {
    fc.assert(
      fc.property(fc.oneof(storiesArb, nearTopArb), fc.integer({ min: 0, max: 3 }), (stories, context) => {
        const { from, to, base, head } = commitStories(stories);
        const files = parseUnifiedDiff(git(repo, ['diff', '-M', `-U${context}`, from, to]));
        for (const fd of files) {
          const result = wholeFileOf(fd, context);
          if (!result.whole) continue;
          expect(result.base).toBe(fd.oldPath === null ? null : base.get(fd.oldPath));
          expect(result.head).toBe(fd.newPath === null ? null : head.get(fd.newPath));
        }
      }),
      { numRuns: 25 },
    );
  });
});
