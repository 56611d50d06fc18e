import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTokens, tokenTexts } from '../../../src/engine/duplication/file-tokens';
import { referenceTokenize } from './reference-tokenizer';

const INVOICE = readFileSync(join(__dirname, '../../fixtures/duplication/invoice.ts.txt'), 'utf8');

describe('tokens as the clone search takes them', () => {
  it('keep every token, its text and its lines, in a vocabulary of distinct texts', () => {
    const stream = referenceTokenize(INVOICE, 'typescript', false);
    const tokens = fileTokens(INVOICE, 'typescript', false);
    expect(tokenTexts(tokens, 0, tokens.ids.length)).toEqual(stream.texts);
    expect([...tokens.startLines]).toEqual(stream.startLines);
    expect([...tokens.endLines]).toEqual(stream.endLines);
    expect(new Set(tokens.vocabulary).size).toBe(tokens.vocabulary.length);
    expect(tokens.vocabulary.length).toBeLessThan(stream.texts.length);
  });

  it('hold exactly as many ids and lines as there are tokens, however long the file', () => {
    // Past the first guess of one token per five characters, the arrays grow; none keeps spare room.
    const dense = 'a+b;'.repeat(5000);
    const tokens = fileTokens(dense, 'javascript', false);
    expect(tokens.ids).toHaveLength(20000);
    expect(tokens.startLines).toHaveLength(20000);
    expect(tokens.endLines).toHaveLength(20000);
    expect(tokens.vocabulary).toEqual(['a', '+', 'b', ';']);
  });
});
