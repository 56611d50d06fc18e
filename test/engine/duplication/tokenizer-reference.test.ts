import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { tokenize } from '../../../src/engine/duplication/tokenizer';
import type { LanguageId } from '../../../src/engine/types';
import { referenceTokenize } from './reference-tokenizer';

const LANGUAGES: LanguageId[] = ['javascript', 'typescript', 'python', 'ruby', 'php', 'c', 'go', 'text'];

/** Pieces that start or end every construct the tokenizer knows, so random joins of them meet each edge case. */
const PIECES = [
  'a',
  'if',
  'return',
  '$x',
  '_y',
  'é',
  '9',
  '1.5e3',
  '0x1F',
  '.',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u00a0',
  '\ufeff',
  '//',
  '/*',
  '*/',
  '/',
  '*',
  '#',
  '"',
  "'",
  '`',
  '${',
  '{',
  '}',
  '\\',
  '(',
  ')',
  ';',
  '+',
  '?',
  '\ud83d',
  '\ude00',
];

describe('clone tokenizer', () => {
  it('gives the same tokens and lines as the reference tokenizer, on any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }),
        fc.constantFrom(...LANGUAGES),
        fc.boolean(),
        (pieces, language, normalize) => {
          const text = pieces.join('');
          expect(tokenize(text, language, normalize)).toEqual(referenceTokenize(text, language, normalize));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives the same tokens as the reference on real source files', () => {
    const engine = join(__dirname, '../../../src/engine');
    const sources: Array<[string, LanguageId]> = [
      ...readdirSync(join(engine, 'duplication')).map((name): [string, LanguageId] => [
        join(engine, 'duplication', name),
        'typescript',
      ]),
      [join(engine, 'metrics/functionWalker.ts'), 'typescript'],
      [join(__dirname, '../../fixtures/duplication/helpers.py'), 'python'],
      [join(__dirname, '../../fixtures/duplication/invoice.ts.txt'), 'typescript'],
    ];
    for (const [path, language] of sources) {
      const text = readFileSync(path, 'utf8');
      for (const normalize of [false, true]) {
        const ours = tokenize(text, language, normalize);
        expect(ours.texts.length).toBeGreaterThan(50);
        expect(ours).toEqual(referenceTokenize(text, language, normalize));
      }
    }
  });
});
