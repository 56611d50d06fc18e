import { execFileSync } from 'node:child_process';
import { gitBlobId, parseUnifiedDiff, wholeFileOf, type FileDiff } from '../../src/diff';

/**
 * Whole files read off full-context diffs, as git prints them (the diffs below are git 2.39's output, trimmed to the
 * file in question, with the blob ids of their `index` lines from `git hash-object`).
 * test/diff/full-context.property.test.ts checks the same against real git on random edits.
 */

/** git's own blob id of `text`, abbreviated as an `index` line does. */
const blob = (text: string): string =>
  execFileSync('git', ['hash-object', '--stdin'], { input: text, encoding: 'utf8' }).trim().slice(0, 7);
const index = (base: string, head: string, mode = ' 100644') => `index ${blob(base)}..${blob(head)}${mode}`;

const CONTEXT = 1000;

function only(diff: string): FileDiff {
  const [fd, ...rest] = parseUnifiedDiff(diff);
  if (!fd || rest.length > 0) throw new Error('expected exactly one file section');
  return fd;
}

const whole = (diff: string, context = CONTEXT) => wholeFileOf(only(diff), context);

describe('wholeFileOf', () => {
  it('reads base and head of a modified file from its single whole hunk', () => {
    const diff = [
      'diff --git a/a.ts b/a.ts',
      index('one\ntwo\nthree\n', 'one\nTWO\nthree\n'),
      '--- a/a.ts',
      '+++ b/a.ts',
      '@@ -1,3 +1,3 @@',
      ' one',
      '-two',
      '+TWO',
      ' three',
      '',
    ].join('\n');
    expect(whole(diff)).toEqual({ whole: true, base: 'one\ntwo\nthree\n', head: 'one\nTWO\nthree\n' });
  });

  it('keeps CRLF line ends and a missing final newline on the side that lacks it', () => {
    const diff = [
      'diff --git a/w.txt b/w.txt',
      index('first\r\nlast', 'first\r\nlast\r\n'),
      '--- a/w.txt',
      '+++ b/w.txt',
      '@@ -1,2 +1,2 @@',
      ' first\r',
      '-last',
      '\\ No newline at end of file',
      '+last\r',
      '',
    ].join('\n');
    expect(whole(diff)).toEqual({ whole: true, base: 'first\r\nlast', head: 'first\r\nlast\r\n' });
  });

  it('reads an unchanged last line without a newline on both sides', () => {
    const diff = [
      'diff --git a/n.txt b/n.txt',
      index('a\nend', 'b\nend'),
      '--- a/n.txt',
      '+++ b/n.txt',
      '@@ -1,2 +1,2 @@',
      '-a',
      '+b',
      ' end',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    expect(whole(diff)).toEqual({ whole: true, base: 'a\nend', head: 'b\nend' });
  });

  it('gives an added file no base and a deleted file no head', () => {
    const added = [
      'diff --git a/new.ts b/new.ts',
      'new file mode 100644',
      `index 0000000..${blob('x\ny\n')}`,
      '--- /dev/null',
      '+++ b/new.ts',
      '@@ -0,0 +1,2 @@',
      '+x',
      '+y',
      '',
    ].join('\n');
    expect(whole(added)).toEqual({ whole: true, base: null, head: 'x\ny\n' });
    const deleted = [
      'diff --git a/old.ts b/old.ts',
      'deleted file mode 100644',
      `index ${blob('gone\n')}..0000000`,
      '--- a/old.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-gone',
      '',
    ].join('\n');
    expect(whole(deleted)).toEqual({ whole: true, base: 'gone\n', head: null });
  });

  it('knows an added or emptied file is empty only from its blob id, since git prints no hunk for it', () => {
    const emptyAdded = 'diff --git a/e.txt b/e.txt\nnew file mode 100644\nindex 0000000..e69de29\n';
    expect(whole(emptyAdded)).toEqual({ whole: true, base: null, head: '' });
    const noIndex = 'diff --git a/e.txt b/e.txt\nnew file mode 100644\n';
    expect(whole(noIndex)).toEqual({ whole: false, reason: 'the diff shows no lines of it' });
    const emptied = [
      'diff --git a/e.txt b/e.txt',
      index('a\nb\n', ''),
      '--- a/e.txt',
      '+++ b/e.txt',
      '@@ -1,2 +0,0 @@',
      '-a',
      '-b',
      '',
    ].join('\n');
    expect(whole(emptied)).toEqual({ whole: true, base: 'a\nb\n', head: '' });
  });

  it('reads a renamed and edited file under both names', () => {
    const fd = only(
      [
        'diff --git a/old/name.ts b/new/name.ts',
        'similarity index 80%',
        'rename from old/name.ts',
        'rename to new/name.ts',
        index('keep\nwas\n', 'keep\nis\n'),
        '--- a/old/name.ts',
        '+++ b/new/name.ts',
        '@@ -1,2 +1,2 @@',
        ' keep',
        '-was',
        '+is',
        '',
      ].join('\n'),
    );
    expect([fd.oldPath, fd.newPath]).toEqual(['old/name.ts', 'new/name.ts']);
    expect(wholeFileOf(fd, CONTEXT)).toEqual({ whole: true, base: 'keep\nwas\n', head: 'keep\nis\n' });
  });

  it('says why a pure rename, a mode change or a binary file cannot be read from the diff', () => {
    const rename = 'diff --git a/a.ts b/b.ts\nsimilarity index 100%\nrename from a.ts\nrename to b.ts\n';
    expect(whole(rename)).toEqual({
      whole: false,
      reason: 'its content did not change, so the diff carries none of it',
    });
    const mode = 'diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n';
    expect(whole(mode)).toMatchObject({ whole: false, reason: expect.stringMatching(/did not change/) });
    const binary =
      'diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n';
    expect(whole(binary)).toEqual({ whole: false, reason: 'it is a binary file' });
  });

  it('refuses a diff with less context than the file: gaps, a first hunk below line 1, a trailing run as long as the context', () => {
    const header = 'diff --git a/f b/f\nindex 1111111..2222222 100644\n--- a/f\n+++ b/f\n';
    const gaps = `${header}@@ -1,2 +1,2 @@\n-a\n+A\n b\n@@ -9,2 +9,2 @@\n h\n-i\n+I\n`;
    expect(whole(gaps, 1)).toEqual({ whole: false, reason: 'its diff has gaps between hunks' });
    const below = `${header}@@ -4,3 +4,3 @@\n c\n-d\n+D\n e\n`;
    expect(whole(below, 1)).toEqual({
      whole: false,
      reason: "its diff does not start at the file's first line",
    });
    // Two unchanged lines after the change with a context of 2: the file may have a third.
    const maybeLonger = `${header}@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n`;
    expect(whole(maybeLonger, 2)).toEqual({
      whole: false,
      reason: 'it may be longer than the context the diff carries',
    });
  });

  it('refuses a hunk that looks whole but stops before the end of the file, by its blob ids', () => {
    // A server that sent 1 line of context though 1,000 were asked: f has a third line, "c", the hunk does not show.
    const cut = [
      'diff --git a/f b/f',
      index('a\nb\nc\n', 'A\nb\nc\n'),
      '--- a/f',
      '+++ b/f',
      '@@ -1,2 +1,2 @@',
      '-a',
      '+A',
      ' b',
      '',
    ].join('\n');
    expect(whole(cut)).toEqual({
      whole: false,
      reason: 'the text in its diff does not match its blob id (the diff stops before the end of the file)',
    });
    const noIds = 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n';
    expect(whole(noIds)).toEqual({
      whole: false,
      reason: 'its diff names no blob ids to check the text against',
    });
  });

  it('hashes a text as git does', () => {
    for (const text of ['', 'a\n', 'ünï\r\nx']) expect(gitBlobId(text).slice(0, 7)).toBe(blob(text));
  });

  it('refuses a section that did not parse, naming the parse error', () => {
    const broken = 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n';
    expect(whole(broken)).toMatchObject({
      whole: false,
      reason: expect.stringMatching(/^its diff section did not parse \(Diff line 6: expected/),
    });
  });
});
