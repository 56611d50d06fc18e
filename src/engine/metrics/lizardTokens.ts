/**
 * Lizard's TypeScript/JavaScript tokenizer (lizard_languages/typescript.py, 1.24) adds the pattern
 * `\w+\?` before plain words, so a `?` written right after a word character is glued to that word
 * and is not a condition token. Every other `?` is a token of its own and adds 1 to the CCN: a
 * ternary `a ? b : c` adds 1, `a ?? b` adds 2 (lizard has no `??` token), `f()?.x` adds 1, while
 * `a?.b`, `x?: T` and `a??b` hide their first `?`.
 */
export function lizardQuestionMarks(text: string, start: number, token: string): number {
  let count = 0;
  for (let i = 0; i < token.length; i++) {
    if (token.charCodeAt(i) !== QUESTION) continue;
    const before = i === 0 ? text.charCodeAt(start - 1) : token.charCodeAt(i - 1);
    if (!isWordChar(before)) count++;
  }
  return count;
}

const QUESTION = 0x3f;

/** Python's `\w` on ASCII source: letters, digits, underscore (lizard's regex word class). */
function isWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}
