import { tokenize } from '../../../src/engine/duplication/tokenizer';

describe('duplication tokenizer', () => {
  it('drops whitespace and comments, keeps strings whole', () => {
    const { texts } = tokenize('a = "x // y"; // gone\n/* gone\n too */ b', 'javascript', false);
    expect(texts).toEqual(['a', '=', '"x // y"', ';', 'b']);
  });

  it('tracks lines through CRLF and multi-line comments; a lone CR breaks no line, as in git', () => {
    const { texts, startLines } = tokenize('a\r\nb\rc\n/*\n\n*/d', 'c', false);
    expect(texts).toEqual(['a', 'b', 'c', 'd']);
    expect(startLines).toEqual([1, 2, 2, 5]);
  });

  it('splits JS template literals at interpolations, including nested braces and templates', () => {
    const { texts, startLines, endLines } = tokenize(
      't = `a${ {k: 1}.k }b${`in${x}`}\nc`;',
      'typescript',
      false,
    );
    // Chunks are '`' + raw text up to and including their delimiter ('${' or the closing backtick).
    expect(texts).toEqual([
      't',
      '=',
      '`a${',
      '{',
      'k',
      ':',
      '1',
      '}',
      '.',
      'k',
      '`b${',
      '`in${',
      'x',
      '``',
      '`\nc`',
      ';',
    ]);
    expect(startLines.at(-2)).toBe(1);
    expect(endLines.at(-2)).toBe(2);
  });

  it('uses # comments only for languages that have them', () => {
    expect(tokenize('x = 1 # note', 'python', false).texts).toEqual(['x', '=', '1']);
    expect(tokenize('#include <a.h>', 'c', false).texts[0]).toBe('#');
  });

  it('replaces identifiers and literals, not keywords, when normalising', () => {
    expect(tokenize('return foo(1, "s");', 'javascript', true).texts).toEqual([
      'return',
      '$id',
      '(',
      '$num',
      ',',
      '$str',
      ')',
      ';',
    ]);
  });

  it('survives unterminated strings, comments and templates', () => {
    expect(() => tokenize('"abc\n/* never closed', 'javascript', false)).not.toThrow();
    expect(tokenize('`a${b', 'typescript', false).texts).toEqual(['`a${', 'b']);
    expect(tokenize("'abc\nd", 'python', false).texts).toEqual(["'abc", 'd']);
  });
});
