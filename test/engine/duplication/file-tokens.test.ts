import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDuplicates, fileTokens, type DuplicationInput } from '../../../src/engine/duplication';
import { tokenize } from '../../../src/engine/duplication/tokenizer';
import { tokenTexts } from '../../../src/engine/duplication/file-tokens';

const INVOICE = readFileSync(join(__dirname, '../../fixtures/duplication/invoice.ts.txt'), 'utf8');
const ts = (path: string, text: string): DuplicationInput => ({ path, text, language: 'typescript' });

const files = [
  ts('a.ts', INVOICE),
  ts('b.ts', `import { x } from './x';\n\nconst y = 1;\n${INVOICE}`),
  ts('c.ts', `${INVOICE}\nconst between = [1, 2, 3];\n\n${INVOICE.replace('totalOf', 'totalOf2')}`),
];

describe('tokens made before the clone search (as the CLI workers make them)', () => {
  it('keep every token, its text and its lines, in a vocabulary of distinct texts', () => {
    const stream = tokenize(INVOICE, 'typescript', false);
    const tokens = fileTokens(INVOICE, 'typescript', false);
    expect(tokenTexts(tokens, 0, tokens.ids.length)).toEqual(stream.texts);
    expect([...tokens.startLines]).toEqual(stream.startLines);
    expect([...tokens.endLines]).toEqual(stream.endLines);
    expect(new Set(tokens.vocabulary).size).toBe(tokens.vocabulary.length);
    expect(tokens.vocabulary.length).toBeLessThan(stream.texts.length);
  });

  it('give exactly the clones, lines and fingerprints of tokenizing in the search', () => {
    const made = files.map((f) => ({ ...f, tokens: fileTokens(f.text, f.language, false) }));
    const expected = detectDuplicates(files);
    expect(expected.length).toBeGreaterThan(1);
    expect(detectDuplicates(made)).toEqual(expected);
    const normalized = files.map((f) => ({ ...f, tokens: fileTokens(f.text, f.language, true) }));
    expect(detectDuplicates(normalized, { normalizeIdentifiers: true })).toEqual(
      detectDuplicates(files, { normalizeIdentifiers: true }),
    );
  });

  it('are used only by the kind of search they were made for', () => {
    // Tokens of another text stand in for each file: used, they would move or hide the copies.
    const foreign = fileTokens('const nothing = 0;\n', 'typescript', false);
    const asNormalized = files.map((f) => ({ ...f, tokens: { ...foreign, normalized: true } }));
    expect(detectDuplicates(asNormalized)).toEqual(detectDuplicates(files));
    const asPlain = files.map((f) => ({ ...f, tokens: foreign }));
    expect(detectDuplicates(asPlain)).toEqual([]);
  });
});
