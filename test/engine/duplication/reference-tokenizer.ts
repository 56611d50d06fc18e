import type { LanguageId } from '../../../src/engine/types';
import type { TokenStream } from '../../../src/engine/duplication/tokenizer';

/*
 * The clone tokenizer as it was before it interned while scanning (git history of
 * src/engine/duplication/tokenizer.ts, before the worker-speed work of December 2026): one loop building arrays of
 * token texts. Kept verbatim as the oracle of the property that the faster scan yields the same tokens.
 */
const HASH_COMMENT_LANGUAGES: ReadonlySet<LanguageId> = new Set(['python', 'ruby', 'php']);
const SLASH_COMMENT_LANGUAGES: ReadonlySet<LanguageId> = new Set([
  'javascript',
  'typescript',
  'tsx',
  'java',
  'go',
  'csharp',
  'php',
  'rust',
  'c',
  'cpp',
  'kotlin',
  'swift',
]);

const TEMPLATE_LITERAL_LANGUAGES: ReadonlySet<LanguageId> = new Set(['javascript', 'typescript', 'tsx']);

/** Keywords shared by most supported languages; kept verbatim when identifiers are normalised. */
const KEYWORDS: ReadonlySet<string> = new Set(
  (
    'if else for while do switch case default break continue return function class def fn func new ' +
    'try catch finally throw throws const let var public private protected static void import export from ' +
    'package struct interface enum async await yield in of is not and or this self super true false null ' +
    'nil None True False undefined typeof instanceof extends implements lambda with as elif end begin'
  ).split(' '),
);

const CH_LF = 10;
const CH_CR = 13;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xfeff || c === 0xa0;
}

export function referenceTokenize(text: string, language: LanguageId, normalize: boolean): TokenStream {
  const texts: string[] = [];
  const startLines: number[] = [];
  const endLines: number[] = [];
  const hashComments = HASH_COMMENT_LANGUAGES.has(language);
  const slashComments = SLASH_COMMENT_LANGUAGES.has(language);
  const multilineBackticks = language !== 'python' && language !== 'text';
  const splitTemplates = TEMPLATE_LITERAL_LANGUAGES.has(language);
  const n = text.length;
  let line = 1;
  let i = 0;

  const push = (value: string, start: number, end: number): void => {
    texts.push(value);
    startLines.push(start);
    endLines.push(end);
  };

  // JS/TS template literals are split at `${…}` so the code inside counts as tokens, as in jscpd.
  // Each entry is the brace depth inside one open interpolation.
  const interpolations: number[] = [];
  const scanTemplateChunk = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 96 || (c === 36 && text.charCodeAt(j + 1) === 123)) break;
      else j++;
    }
    const startLine = line;
    line += countLineBreaks(text, from, Math.min(j, n));
    const closes = j < n && text.charCodeAt(j) === 96;
    const end = j >= n ? n : closes ? j + 1 : j + 2;
    push(normalize ? '$str' : '`' + text.slice(from, end), startLine, line);
    if (!closes && j < n) interpolations.push(0);
    return end;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === CH_LF) {
      line++;
      i++;
    } else if (c === CH_CR) {
      // Lines are counted by LF, as git, Bitbucket and tree-sitter count them: a lone CR breaks no line.
      i++;
    } else if (isSpace(c)) {
      i++;
    } else if (slashComments && c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== CH_LF && text.charCodeAt(i) !== CH_CR) i++;
    } else if (hashComments && c === 35) {
      while (i < n && text.charCodeAt(i) !== CH_LF && text.charCodeAt(i) !== CH_CR) i++;
    } else if (slashComments && c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      line += countLineBreaks(text, i, end);
      i = end;
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      push(normalize && !KEYWORDS.has(word) ? '$id' : word, line, line);
    } else if (c >= 48 && c <= 57) {
      const start = i;
      while (i < n && (isIdentPart(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      push(normalize ? '$num' : text.slice(start, i), line, line);
    } else if (c === 96 && splitTemplates) {
      i = scanTemplateChunk(i + 1);
    } else if (c === 123 && interpolations.length > 0) {
      interpolations[interpolations.length - 1] = (interpolations[interpolations.length - 1] as number) + 1;
      push('{', line, line);
      i++;
    } else if (c === 125 && interpolations.length > 0) {
      const depth = interpolations[interpolations.length - 1] as number;
      if (depth === 0) {
        interpolations.pop();
        i = scanTemplateChunk(i + 1);
      } else {
        interpolations[interpolations.length - 1] = depth - 1;
        push('}', line, line);
        i++;
      }
    } else if (c === 34 || c === 39 || c === 96) {
      const start = i;
      const startLine = line;
      i = endOfString(text, i, c === 96 && multilineBackticks);
      line += countLineBreaks(text, start, i);
      push(normalize ? '$str' : text.slice(start, i), startLine, line);
    } else {
      push(text[i] as string, line, line);
      i++;
    }
  }
  return { texts, startLines, endLines };
}

/** Index just after the closing quote; single-line strings stop at the end of the line if unterminated. */
function endOfString(text: string, open: number, multiline: boolean): number {
  const quote = text.charCodeAt(open);
  let i = open + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === quote) return i + 1;
    else if (!multiline && (c === CH_LF || c === CH_CR)) return i;
    else i++;
  }
  return text.length;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === CH_LF) breaks++;
  }
  return breaks;
}
