import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  detectDuplicates,
  DuplicationInputError,
  type DuplicateBlock,
  type DuplicationInput,
} from '../../../src/engine/duplication';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../../fixtures/duplication', name), 'utf8');
const INVOICE = fixture('invoice.ts.txt'); // the function spans lines 2–13
const ts = (path: string, text: string): DuplicationInput => ({ path, text, language: 'typescript' });

function pairs(blocks: DuplicateBlock[]): string[] {
  return blocks.map(
    (b) =>
      `${b.first.path}:${b.first.startLine}-${b.first.endLine} = ${b.second.path}:${b.second.startLine}-${b.second.endLine}`,
  );
}

describe('detectDuplicates', () => {
  it('finds a copy across files with both locations', () => {
    const other = `import { x } from './x';\n\nconst y = 1;\n${INVOICE}`;
    const blocks = detectDuplicates([ts('a.ts', INVOICE), ts('b.ts', other)]);
    expect(pairs(blocks)).toEqual(['a.ts:2-13 = b.ts:5-16']);
    expect(blocks[0]).toMatchObject({ lines: 12 });
    expect(blocks[0]?.tokens).toBeGreaterThanOrEqual(50);
  });

  it('finds a copy within one file', () => {
    const text = `${INVOICE}\nconst between = [1, 2, 3];\n\n${INVOICE.replace('totalOf', 'totalOf2')}`;
    expect(pairs(detectDuplicates([ts('a.ts', text)]))).toEqual(['a.ts:2-13 = a.ts:18-29']);
  });

  it('reports nothing for distinct code', () => {
    expect(detectDuplicates([ts('a.ts', INVOICE), ts('b.py', fixture('helpers.py'))])).toEqual([]);
  });

  it('does not report copies just below minTokens or minLines', () => {
    const files = [ts('a.ts', INVOICE), ts('b.ts', INVOICE)];
    const [full] = detectDuplicates(files);
    const tokens = full?.tokens ?? 0;
    expect(detectDuplicates(files, { minTokens: tokens })).toHaveLength(1);
    expect(detectDuplicates(files, { minTokens: tokens + 1 })).toEqual([]);
    expect(detectDuplicates(files, { minLines: 12 })).toHaveLength(1);
    expect(detectDuplicates(files, { minLines: 13 })).toEqual([]);
  });

  it('gives identical results for CRLF and LF copies', () => {
    const crlf = INVOICE.replace(/\n/g, '\r\n');
    const lf = detectDuplicates([ts('a.ts', INVOICE), ts('b.ts', INVOICE)]);
    const mixed = detectDuplicates([ts('a.ts', INVOICE), ts('b.ts', crlf)]);
    expect(mixed).toEqual(lf);
    expect(mixed).toHaveLength(1);
  });

  it('still finds a copy that was re-indented, re-wrapped and re-commented', () => {
    const reformatted = INVOICE.replace(/^ {2}/gm, '\t\t')
      .replace('let total = 0;', 'let total = 0;   // running sum\n\n')
      .replace(/ \{\n/g, '\n{\n');
    const blocks = detectDuplicates([ts('a.ts', INVOICE), ts('b.ts', reformatted)]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.first).toEqual({ path: 'a.ts', startLine: 2, endLine: 13 });
    expect(blocks[0]?.fingerprint).toBe(
      detectDuplicates([ts('x.ts', INVOICE), ts('y.ts', INVOICE)])[0]?.fingerprint,
    );
  });

  it('ignores Python # comments', () => {
    const py = fixture('helpers.py');
    const commented = py.replace(/\n/g, '  # note\n');
    const blocks = detectDuplicates([
      { path: 'a.py', text: py, language: 'python' },
      { path: 'b.py', text: commented, language: 'python' },
    ]);
    expect(pairs(blocks)).toEqual(['a.py:1-11 = b.py:1-11']);
  });

  it('finds renamed copies only with normalizeIdentifiers', () => {
    const renamed = INVOICE.replace(/total/g, 'sum')
      .replace(/line\b/g, 'row')
      .replace('100', '1000');
    const files = [ts('a.ts', INVOICE), ts('b.ts', renamed)];
    expect(detectDuplicates(files)).toEqual([]);
    expect(pairs(detectDuplicates(files, { normalizeIdentifiers: true }))).toEqual(['a.ts:2-13 = b.ts:2-13']);
  });

  it('never reports a copy that overlaps itself, even in repetitive code', () => {
    const repetitive = 'x = x + 1;\n'.repeat(300);
    const blocks = detectDuplicates([ts('r.ts', repetitive)]);
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      expect(b.first.endLine).toBeLessThan(b.second.startLine);
    }
    const seconds = blocks.map((b) => [b.second.startLine, b.second.endLine] as const);
    for (let i = 1; i < seconds.length; i++)
      expect(seconds[i]?.[0]).toBeGreaterThan(seconds[i - 1]?.[1] ?? 0);
  });

  it('reports three copies as two clones of the first', () => {
    const blocks = detectDuplicates([ts('a.ts', INVOICE), ts('b.ts', INVOICE), ts('c.ts', INVOICE)]);
    expect(pairs(blocks)).toEqual(['a.ts:2-13 = b.ts:2-13', 'a.ts:2-13 = c.ts:2-13']);
  });

  it('gives a stable fingerprint that differs for different code', () => {
    const a = detectDuplicates([ts('a.ts', INVOICE), ts('b.ts', INVOICE)])[0]?.fingerprint;
    const py = fixture('helpers.py');
    const b = detectDuplicates([
      { path: 'a.py', text: py, language: 'python' },
      { path: 'b.py', text: py, language: 'python' },
    ])[0]?.fingerprint;
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(b).toMatch(/^[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });

  it('handles empty input and empty files', () => {
    expect(detectDuplicates([])).toEqual([]);
    expect(detectDuplicates([ts('a.ts', ''), ts('b.ts', '')])).toEqual([]);
  });

  it('rejects bad input with a typed error naming the problem', () => {
    expect(() => detectDuplicates([ts('a.ts', INVOICE)], { minTokens: 0 })).toThrow(DuplicationInputError);
    expect(() => detectDuplicates([ts('a.ts', INVOICE)], { minLines: 2.5 })).toThrow(
      /minLines must be a positive integer/,
    );
    expect(() => detectDuplicates('nope' as never)).toThrow(/expects an array of files/);
    expect(() => detectDuplicates([{ path: 'a.ts', text: 3 } as never])).toThrow(/file #0 must have/);
  });
});
