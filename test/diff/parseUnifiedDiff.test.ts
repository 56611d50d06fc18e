import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiffParseError, addedLines, parseUnifiedDiff, type FileDiff } from '../../src/diff';

const fixture = (name: string): string => readFileSync(join(__dirname, '../fixtures/diff', name), 'utf8');

function byPath(files: FileDiff[], path: string): FileDiff {
  const found = files.find((f) => (f.newPath ?? f.oldPath) === path);
  if (!found)
    throw new Error(`no diff for ${path}; have ${files.map((f) => f.newPath ?? f.oldPath).join(', ')}`);
  return found;
}

describe('parseUnifiedDiff on real git output', () => {
  const files = parseUnifiedDiff(fixture('all-variants.diff'));

  it('returns one entry per changed file, none with an error', () => {
    expect(files).toHaveLength(9);
    expect(files.filter((f) => f.error)).toEqual([]);
  });

  it('classifies added, removed, binary, renamed, mode-only and modified files', () => {
    expect(byPath(files, 'added.txt')).toMatchObject({ status: 'added', oldPath: null, newMode: '100644' });
    expect(byPath(files, 'gone.txt')).toMatchObject({
      status: 'removed',
      oldPath: 'gone.txt',
      newPath: null,
    });
    expect(byPath(files, 'blob.bin')).toMatchObject({ status: 'binary', hunks: [] });
    expect(byPath(files, 'new name.txt')).toMatchObject({
      status: 'renamed',
      oldPath: 'old name.txt',
      similarity: 87,
    });
    expect(byPath(files, 'script.sh')).toMatchObject({
      status: 'mode',
      oldMode: '100644',
      newMode: '100755',
    });
    expect(byPath(files, 'keep.txt').status).toBe('modified');
  });

  it('decodes quoted paths with octal UTF-8 escapes', () => {
    expect(byPath(files, 'ünï.txt')).toMatchObject({ oldPath: 'ünï.txt', status: 'modified' });
  });

  it('numbers lines on both sides', () => {
    const keep = byPath(files, 'keep.txt');
    const hunk = keep.hunks[0];
    expect(hunk).toMatchObject({ oldStart: 1, oldLines: 7, newStart: 1, newLines: 8 });
    expect(hunk?.lines[1]).toEqual({ kind: 'del', text: 'two', oldLine: 2 });
    expect(hunk?.lines[2]).toEqual({ kind: 'add', text: 'TWO', newLine: 2 });
    expect(hunk?.lines[8]).toEqual({ kind: 'add', text: 'eight', newLine: 8 });
    expect([...addedLines(keep)]).toEqual([2, 8]);
  });

  it('keeps the \\r of CRLF content and marks missing final newlines', () => {
    expect(byPath(files, 'crlf.txt').hunks[0]?.lines[2]).toMatchObject({ kind: 'add', text: 'SECOND\r' });
    const noeol = byPath(files, 'noeol.txt').hunks[0]?.lines;
    expect(noeol).toEqual([
      { kind: 'del', text: 'no eol', oldLine: 1, noNewlineAtEnd: true },
      { kind: 'add', text: 'no eol changed', newLine: 1, noNewlineAtEnd: true },
    ]);
  });

  it('keeps the hunk section text', () => {
    expect(byPath(files, 'new name.txt').hunks[0]?.section).toBe('d');
  });

  it('parses the same diff when the whole transport was converted to CRLF', () => {
    const crlf = parseUnifiedDiff(fixture('all-variants.diff').replace(/\n/g, '\r\n'));
    expect(crlf.map((f) => [f.newPath ?? f.oldPath, f.status, f.error])).toEqual(
      files.map((f) => [f.newPath ?? f.oldPath, f.status, undefined]),
    );
  });
});

describe('parseUnifiedDiff header variants', () => {
  it('returns [] for an empty or blank diff', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
    expect(parseUnifiedDiff('\n\n')).toEqual([]);
  });

  it('skips a format-patch mail preamble', () => {
    const files = parseUnifiedDiff(fixture('format-patch.diff'));
    expect(files).toHaveLength(9);
    expect(files.every((f) => !f.error)).toBe(true);
  });

  it('reads -U0 hunks whose empty side has count 0', () => {
    const keep = byPath(parseUnifiedDiff(fixture('zero-context.diff')), 'keep.txt');
    expect(keep.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [2, 1, 2, 1],
      [7, 0, 8, 1],
    ]);
  });

  it('reads a pure rename without hunks from rename from/to, even with spaces', () => {
    const text = [
      'diff --git a/dir one/x y.ts b/dir two/x y.ts',
      'similarity index 100%',
      'rename from dir one/x y.ts',
      'rename to dir two/x y.ts',
      '',
    ].join('\n');
    expect(parseUnifiedDiff(text)).toEqual([
      { oldPath: 'dir one/x y.ts', newPath: 'dir two/x y.ts', status: 'renamed', similarity: 100, hunks: [] },
    ]);
  });

  it('reports a copy (git diff -C) as an added file that keeps its source path', () => {
    const text = [
      'diff --git a/keep.txt b/copy.txt',
      'similarity index 86%',
      'copy from keep.txt',
      'copy to copy.txt',
      'index b36f1cc..ce88a7a 100644',
      '--- a/keep.txt',
      '+++ b/copy.txt',
      '@@ -1,1 +1,2 @@',
      ' eight',
      '+extra',
      '',
    ].join('\n');
    const [fd] = parseUnifiedDiff(text);
    expect(fd).toMatchObject({ status: 'added', oldPath: 'keep.txt', newPath: 'copy.txt', copied: true });
    expect(fd?.error).toBeUndefined();
  });

  it('reads a binary file added against /dev/null and a GIT binary patch', () => {
    const text = [
      'diff --git a/img.png b/img.png',
      'new file mode 100644',
      'index 0000000..1234567',
      'Binary files /dev/null and b/img.png differ',
      'diff --git a/b.bin b/b.bin',
      'index 1234567..89abcde 100644',
      'GIT binary patch',
      'literal 3',
      'KcmZQ%WB>pF00031',
      '',
      'literal 3',
      'KcmZQzWB>pF00030',
      '',
    ].join('\n');
    const files = parseUnifiedDiff(text);
    expect(files.map((f) => [f.oldPath, f.newPath, f.status, f.error])).toEqual([
      [null, 'img.png', 'binary', undefined],
      ['b.bin', 'b.bin', 'binary', undefined],
    ]);
  });

  it('reads plain unified diffs without diff --git and strips timestamps', () => {
    const text = '--- a/x.c\t2024-01-01 00:00:00\n+++ b/x.c\t2024-01-02 00:00:00\n@@ -1 +1 @@\n-a\n+b\n';
    expect(parseUnifiedDiff(text)).toMatchObject([{ oldPath: 'x.c', newPath: 'x.c', status: 'modified' }]);
  });

  it('counts hunk lines, so content that looks like a header stays content', () => {
    const text = [
      'diff --git a/n.md b/n.md',
      '--- a/n.md',
      '+++ b/n.md',
      '@@ -1,2 +1,2 @@',
      '--- a/looks-like-a-header',
      '+++ b/looks-like-a-header',
      ' diff --git a/x b/x',
      '',
    ].join('\n');
    const files = parseUnifiedDiff(text);
    expect(files).toHaveLength(1);
    expect(files[0]?.error).toBeUndefined();
    expect(files[0]?.hunks[0]?.lines.map((l) => [l.kind, l.text])).toEqual([
      ['del', '-- a/looks-like-a-header'],
      ['add', '++ b/looks-like-a-header'],
      ['context', 'diff --git a/x b/x'],
    ]);
  });
});

describe('parseUnifiedDiff on malformed input', () => {
  it('throws a DiffParseError for text that is not a diff', () => {
    expect(() => parseUnifiedDiff('hello\nworld\n')).toThrow(DiffParseError);
    expect(() => parseUnifiedDiff(42 as unknown as string)).toThrow(/expected diff text as a string/);
  });

  const good = 'diff --git a/ok.txt b/ok.txt\n--- a/ok.txt\n+++ b/ok.txt\n@@ -1 +1 @@\n-a\n+b\n';

  it.each([
    ['a truncated hunk', '@@ -1,3 +1,3 @@\n x\n-y\n', /line 7: expected 1 more base and 2 more head lines/],
    ['a broken hunk header', '@@ -1,x +1 @@\n-a\n', /line 4: expected a hunk header/],
    ['a missing +++ line', '', /line 3: expected '\+\+\+ ' after '--- '/],
    [
      'more lines than the header says',
      '@@ -1 +1 @@\n-a\n+b\n+c\n',
      /line 7: expected a hunk header '@@' or the next/,
    ],
  ])('attaches an error to the file with %s and still parses the others', (_label, body, message) => {
    const bad =
      body === ''
        ? 'diff --git a/bad.txt b/bad.txt\n--- a/bad.txt\nnot a plus line\n'
        : `diff --git a/bad.txt b/bad.txt\n--- a/bad.txt\n+++ b/bad.txt\n${body}`;
    const files = parseUnifiedDiff(bad + good);
    expect(files).toHaveLength(2);
    expect(files[0]?.error).toBeInstanceOf(DiffParseError);
    expect(files[0]?.error?.message).toMatch(message);
    expect(files[1]).toMatchObject({ newPath: 'ok.txt', status: 'modified' });
    expect(files[1]?.error).toBeUndefined();
  });

  it('names the line and the expectation in the error', () => {
    const [fd] = parseUnifiedDiff('diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n?oops\n');
    expect(fd?.error).toMatchObject({ line: 5, found: '"?oops"' });
    expect(fd?.error?.expected).toContain('1 more base and 1 more head lines');
  });
});
