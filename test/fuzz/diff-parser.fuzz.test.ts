/**
 * The unified diff parser on generated diffs (fast-check): every header git prints (renames, copies, binary, mode
 * changes, new and deleted files), quoted and escaped paths, "\ No newline at end of file", CRLF transport and
 * content, text that looks like diff syntax, huge hunks — and the same diffs truncated and corrupted. A failure
 * prints the seed and the shrunk diff; `fc.assert(…, { seed, path })` replays it.
 */
import fc from 'fast-check';
import {
  DiffParseError,
  PatchMismatchError,
  forwardApply,
  parseUnifiedDiff,
  reverseApply,
  type FileDiff,
} from '../../src/diff';
import { expectedStatus, fileArb, hunkHeaders, printDiff, type ModelFile } from './diff-model';

/** What the parser should read back from a printed model. */
function expectedFile(model: ModelFile, crlfTransport: boolean): Partial<FileDiff> {
  const cr = crlfTransport ? '\r' : '';
  const status = expectedStatus(model);
  return {
    status: status as FileDiff['status'],
    oldPath: status === 'added' && model.kind !== 'copied' ? null : model.oldPath,
    newPath: status === 'removed' ? null : model.newPath,
    hunks: model.hunks.map((hunk, h) => ({
      ...hunkHeaders(model)[h],
      section: hunk.section,
      lines: hunk.lines.map((line) => expect.objectContaining({ kind: line.kind, text: line.text + cr })),
    })) as FileDiff['hunks'],
  };
}

/** Line counts a parsed hunk must agree with, whatever the input was. */
function checkHunkCounts(fd: FileDiff): void {
  for (const hunk of fd.hunks) {
    expect(hunk.lines.filter((l) => l.kind !== 'add')).toHaveLength(hunk.oldLines);
    expect(hunk.lines.filter((l) => l.kind !== 'del')).toHaveLength(hunk.newLines);
  }
}

describe('parseUnifiedDiff on generated git diffs', () => {
  it('reads back every file of a printed diff: paths, status, hunk headers, lines and no-newline marks', () => {
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (models, crlf) => {
        const files = parseUnifiedDiff(printDiff(models, crlf ? '\r\n' : '\n'));
        expect(files).toHaveLength(models.length);
        files.forEach((fd, i) => {
          const model = models[i] as ModelFile;
          expect(fd.error).toBeUndefined();
          expect(fd).toMatchObject(expectedFile(model, crlf));
          if (model.kind === 'copied') expect(fd.copied).toBe(true);
          if (model.kind === 'mode') expect(fd).toMatchObject({ oldMode: '100644', newMode: '100755' });
          const marked = fd.hunks.flatMap((h) => h.lines).filter((l) => l.noNewlineAtEnd).length;
          expect(marked).toBe(Number(model.oldNoEol) + Number(model.newNoEol) - Number(bothOnOneLine(model)));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('rebuilds base from head and head from base for every text file it parsed', () => {
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 4 }), (models) => {
        const files = parseUnifiedDiff(printDiff(models));
        files.forEach((fd, i) => {
          const model = models[i] as ModelFile;
          if (model.kind === 'binary' || model.kind === 'mode') return;
          const { base, head } = sidesOf(model);
          expect(reverseApply(head, fd)).toBe(base);
          expect(forwardApply(base, fd)).toBe(head);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('reads a hunk of 50,000 lines', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? `-old ${i}` : `+new ${i}`));
    const removed = lines.filter((l) => l.startsWith('-')).length;
    const diff = [
      'diff --git a/huge.txt b/huge.txt',
      '--- a/huge.txt',
      '+++ b/huge.txt',
      `@@ -1,${removed} +1,${lines.length - removed} @@`,
      ...lines,
      '',
    ].join('\n');
    const [fd] = parseUnifiedDiff(diff);
    expect(fd?.error).toBeUndefined();
    expect(fd?.hunks[0]?.lines).toHaveLength(50_000);
  });
});

describe('parseUnifiedDiff on truncated and corrupted diffs', () => {
  /** A secret-looking token in every content line: no error message may ever quote it (docs/SECURITY.md). */
  const MARK = 'Zq9SecretMark';
  const markedFile = fileArb.map((model) => ({
    ...model,
    hunks: model.hunks.map((h) => ({
      ...h,
      lines: h.lines.map((l) => ({ ...l, text: `${l.text}${MARK}` })),
    })),
  }));

  const corruption = fc.oneof(
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      line: fc.constantFrom(
        '@@ -1,2 +3 @@',
        '@@',
        '+',
        '-',
        '\\',
        '"',
        'diff --git',
        'diff --git "a/x',
        '--- ',
        '+++ ',
        '',
        '\r',
        `+${MARK}`,
      ),
    }),
    fc.record({ op: fc.constant('cut-line' as const), at: fc.nat(), keep: fc.nat({ max: 12 }) }),
  );

  function corrupt(text: string, edits: readonly CorruptionEdit[]): string {
    const lines = text.split('\n');
    for (const edit of edits) {
      const at = lines.length === 0 ? 0 : edit.at % lines.length;
      if (edit.op === 'truncate') return lines.join('\n').slice(0, edit.at % (text.length + 1));
      if (edit.op === 'drop') lines.splice(at, 1);
      else if (edit.op === 'duplicate') lines.splice(at, 0, lines[at] ?? '');
      else if (edit.op === 'insert') lines.splice(at, 0, edit.line);
      else if (edit.op === 'cut-line') lines[at] = (lines[at] ?? '').slice(0, edit.keep);
    }
    return lines.join('\n');
  }

  it('returns files (a broken one with a DiffParseError) or throws DiffParseError, and never quotes content', () => {
    let brokenFiles = 0;
    fc.assert(
      fc.property(
        fc.array(markedFile, { minLength: 1, maxLength: 4 }),
        fc.array(corruption, { minLength: 1, maxLength: 4 }),
        (models, edits) => {
          const text = corrupt(printDiff(models), edits);
          let files: FileDiff[];
          try {
            files = parseUnifiedDiff(text);
          } catch (error) {
            expect(error).toBeInstanceOf(DiffParseError);
            expect((error as Error).message).not.toContain(MARK);
            return;
          }
          for (const fd of files) {
            if (fd.error) {
              brokenFiles++;
              expect(fd.error).toBeInstanceOf(DiffParseError);
              expect(fd.error.message).not.toContain(MARK);
            } else {
              checkHunkCounts(fd);
            }
            for (const apply of [reverseApply, forwardApply]) {
              try {
                apply('one\ntwo\n', fd);
              } catch (error) {
                expect(error).toBeInstanceOf(PatchMismatchError);
                expect((error as Error).message).not.toContain(MARK);
              }
            }
          }
        },
      ),
      { numRuns: 400 },
    );
    // The corruptions must reach the error paths, or the property proves little.
    expect(brokenFiles).toBeGreaterThan(50);
  });

  it('never crashes on arbitrary text, including lone surrogates and NUL', () => {
    const junk = fc.array(
      fc.oneof(
        fc.constantFrom(
          'diff --git a/x b/x',
          '--- a/x',
          '+++ b/x',
          '@@ -1 +1 @@',
          '+a',
          '-b',
          ' c',
          '\\ x',
          'Binary files a/x and b/x differ',
          'rename from "x',
          'GIT binary patch',
        ),
        fc.string({ maxLength: 20, unit: 'binary' }),
        fc
          .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 8 })
          .map((codes) => String.fromCharCode(...codes)),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(junk, fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        try {
          for (const fd of parseUnifiedDiff(lines.join(eol))) {
            if (fd.error) expect(fd.error).toBeInstanceOf(DiffParseError);
            else checkHunkCounts(fd);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(DiffParseError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

type CorruptionEdit =
  | { op: 'truncate' | 'drop' | 'duplicate'; at: number }
  | { op: 'insert'; at: number; line: string }
  | { op: 'cut-line'; at: number; keep: number };

/** True when one line carries both no-newline marks (a final context line): it is marked once. */
function bothOnOneLine(model: ModelFile): boolean {
  const last = model.hunks.at(-1)?.lines.at(-1);
  return model.oldNoEol && model.newNoEol && last?.kind === 'context';
}

/** The two files a model describes, with unchanged filler lines where its hunks leave gaps. */
function sidesOf(model: ModelFile): { base: string; head: string } {
  const base: string[] = [];
  const head: string[] = [];
  model.hunks.forEach((hunk, h) => {
    const gap = h === 0 ? hunk.gap : Math.max(1, hunk.gap);
    for (let i = 0; i < gap; i++) {
      base.push(`filler ${h}.${i}\n`);
      head.push(`filler ${h}.${i}\n`);
    }
    for (const line of hunk.lines) {
      if (line.kind !== 'add') base.push(`${line.text}\n`);
      if (line.kind !== 'del') head.push(`${line.text}\n`);
    }
  });
  const dropLastNewline = (lines: string[], noEol: boolean): string => {
    const text = lines.join('');
    return noEol && text.endsWith('\n') ? text.slice(0, -1) : text;
  };
  return { base: dropLastNewline(base, model.oldNoEol), head: dropLastNewline(head, model.newNoEol) };
}
