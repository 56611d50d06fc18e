import type { LanguageId } from '../types';
import type { FileTokens } from './file-tokens';

/**
 * A deliberately small tokenizer for clone detection: it only has to agree with itself. It drops
 * whitespace and comments (so re-indenting, CRLF and comment edits do not hide a copy), keeps string
 * literals whole, and splits everything else into identifiers, numbers and single punctuation
 * characters. No grammar is needed, which keeps it at several hundred thousand lines per second.
 *
 * It interns as it scans, straight into typed arrays (`FileTokens`): no array of token strings is built and walked
 * again. The scanning loop is one small method and every longer construct (comments, strings, templates) is a method
 * of its own, because `lintel analyze` runs it in each worker thread from cold: the optimising compiler's work on it,
 * paid per thread, is what a smaller loop saves (docs/cli.md, Speed).
 */

export interface TokenStream {
  /** Token texts (or placeholders, when normalised). */
  texts: string[];
  /** 1-based line where each token starts. */
  startLines: number[];
  /** 1-based line where each token ends (differs for multi-line strings). */
  endLines: number[];
}

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

/** One file's scan: the text, the position, and the tokens interned so far. */
class TokenScan {
  private readonly n: number;
  private readonly hashComments: boolean;
  private readonly slashComments: boolean;
  private readonly multilineBackticks: boolean;
  private readonly splitTemplates: boolean;
  /** 1-based line of the position. */
  private line = 1;
  private count = 0;
  private ids: Int32Array;
  private startLines: Int32Array;
  private endLines: Int32Array;
  private readonly vocabulary: string[] = [];
  private readonly known = new Map<string, number>();
  /** Ids of single ASCII characters (punctuation), by code; -1 until seen. */
  private readonly asciiIds = new Int32Array(128).fill(-1);
  /**
   * JS/TS template literals are split at `${…}` so the code inside counts as tokens, as in jscpd. Each entry is the
   * brace depth inside one open interpolation.
   */
  private readonly interpolations: number[] = [];

  constructor(
    private readonly text: string,
    language: LanguageId,
    private readonly normalize: boolean,
  ) {
    this.n = text.length;
    this.hashComments = HASH_COMMENT_LANGUAGES.has(language);
    this.slashComments = SLASH_COMMENT_LANGUAGES.has(language);
    this.multilineBackticks = language !== 'python' && language !== 'text';
    this.splitTemplates = TEMPLATE_LITERAL_LANGUAGES.has(language);
    // About one token per five characters in ordinary code; the arrays double when that is short.
    const capacity = Math.max(16, Math.ceil(this.n / 5));
    this.ids = new Int32Array(capacity);
    this.startLines = new Int32Array(capacity);
    this.endLines = new Int32Array(capacity);
  }

  run(): FileTokens {
    const text = this.text;
    const n = this.n;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === CH_LF) {
        this.line++;
        i++;
      } else if (c === CH_CR || isSpace(c)) {
        // Lines are counted by LF, as git, Bitbucket and tree-sitter count them: a lone CR breaks no line.
        i++;
      } else if (isIdentStart(c)) {
        i = this.word(i);
      } else if (c >= 48 && c <= 57) {
        i = this.number(i);
      } else if (c < 128 && !isSpecial(c)) {
        this.addAscii(c);
        i++;
      } else {
        i = this.special(i, c);
      }
    }
    return {
      vocabulary: this.vocabulary,
      ids: this.ids.slice(0, this.count),
      startLines: this.startLines.slice(0, this.count),
      endLines: this.endLines.slice(0, this.count),
    };
  }

  private word(start: number): number {
    const text = this.text;
    let i = start + 1;
    while (i < this.n && isIdentPart(text.charCodeAt(i))) i++;
    const word = text.slice(start, i);
    this.add(this.normalize && !KEYWORDS.has(word) ? '$id' : word, this.line);
    return i;
  }

  private number(start: number): number {
    const text = this.text;
    let i = start + 1;
    for (; i < this.n; i++) {
      const c = text.charCodeAt(i);
      if (!isIdentPart(c) && c !== 46) break;
    }
    this.add(this.normalize ? '$num' : text.slice(start, i), this.line);
    return i;
  }

  /** Comments, strings, template literals, and braces inside an interpolation. */
  private special(i: number, c: number): number {
    const text = this.text;
    if (this.slashComments && c === 47 && text.charCodeAt(i + 1) === 47) return this.lineComment(i);
    if (this.hashComments && c === 35) return this.lineComment(i);
    if (this.slashComments && c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? this.n : close + 2;
      this.line += countLineBreaks(text, i, end);
      return end;
    }
    if (c === 96 && this.splitTemplates) return this.templateChunk(i + 1);
    const open = this.interpolations.length - 1;
    if (c === 123 && open >= 0) {
      this.interpolations[open] = (this.interpolations[open] as number) + 1;
      this.addAscii(c);
      return i + 1;
    }
    if (c === 125 && open >= 0) {
      const depth = this.interpolations[open] as number;
      if (depth === 0) {
        this.interpolations.pop();
        return this.templateChunk(i + 1);
      }
      this.interpolations[open] = depth - 1;
      this.addAscii(c);
      return i + 1;
    }
    if (c === 34 || c === 39 || c === 96) {
      const startLine = this.line;
      const end = endOfString(text, i, c === 96 && this.multilineBackticks);
      this.line += countLineBreaks(text, i, end);
      this.add(this.normalize ? '$str' : text.slice(i, end), startLine);
      return end;
    }
    // Any other special character (a `#` or `/` that opens nothing here, a lone brace) is punctuation. Every
    // character from 128 up is an identifier start or a space, so none arrives here.
    this.addAscii(c);
    return i + 1;
  }

  private lineComment(from: number): number {
    const text = this.text;
    let i = from;
    while (i < this.n) {
      const c = text.charCodeAt(i);
      if (c === CH_LF || c === CH_CR) break;
      i++;
    }
    return i;
  }

  /** A template literal's text from `from` up to its end or its next `${`, as one token. */
  private templateChunk(from: number): number {
    const text = this.text;
    const n = this.n;
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 96 || (c === 36 && text.charCodeAt(j + 1) === 123)) break;
      else j++;
    }
    const startLine = this.line;
    this.line += countLineBreaks(text, from, Math.min(j, n));
    const closes = j < n && text.charCodeAt(j) === 96;
    const end = j >= n ? n : closes ? j + 1 : j + 2;
    this.add(this.normalize ? '$str' : '`' + text.slice(from, end), startLine);
    if (!closes && j < n) this.interpolations.push(0);
    return end;
  }

  private addAscii(c: number): void {
    let id = this.asciiIds[c] as number;
    if (id < 0) {
      id = this.intern(String.fromCharCode(c));
      this.asciiIds[c] = id;
    }
    this.push(id, this.line);
  }

  /** A token that starts on `startLine` and ends on the current line. */
  private add(value: string, startLine: number): void {
    this.push(this.intern(value), startLine);
  }

  private intern(value: string): number {
    let id = this.known.get(value);
    if (id === undefined) {
      id = this.vocabulary.length;
      this.vocabulary.push(value);
      this.known.set(value, id);
    }
    return id;
  }

  private push(id: number, startLine: number): void {
    if (this.count === this.ids.length) this.grow();
    const k = this.count++;
    this.ids[k] = id;
    this.startLines[k] = startLine;
    this.endLines[k] = this.line;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const bigger = (from: Int32Array): Int32Array => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.ids = bigger(this.ids);
    this.startLines = bigger(this.startLines);
    this.endLines = bigger(this.endLines);
  }
}

/**
 * ASCII characters that may start something other than a one-character token: comment, string and template
 * openers, and the braces that close an interpolation. Everything else below 128 that is not a space, a line
 * break, a letter or a digit is punctuation.
 */
const SPECIAL_ASCII = new Uint8Array(128);
for (const ch of '/#`\'"{}') SPECIAL_ASCII[ch.charCodeAt(0)] = 1;

function isSpecial(c: number): boolean {
  return SPECIAL_ASCII[c] === 1;
}

/** The file's tokens, interned within the file. */
export function scanTokens(text: string, language: LanguageId, normalize: boolean): FileTokens {
  return new TokenScan(text, language, normalize).run();
}

/** The tokens as parallel arrays of texts and lines. */
export function tokenize(text: string, language: LanguageId, normalize: boolean): TokenStream {
  const tokens = scanTokens(text, language, normalize);
  return {
    texts: Array.from(tokens.ids, (id) => tokens.vocabulary[id] as string),
    startLines: Array.from(tokens.startLines),
    endLines: Array.from(tokens.endLines),
  };
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
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) breaks++;
  return breaks;
}
