/**
 * Path syntax of git diff headers. Git C-quotes a path (`"a/t\303\274r.txt"`) when it contains
 * control characters, `"`, `\` or non-ASCII bytes (core.quotePath, on by default); octal escapes are
 * UTF-8 bytes. Unquoted `---`/`+++` paths containing a space get a trailing TAB so GNU patch can find
 * the end of the name; non-git diffs put a timestamp after that TAB.
 */

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92,
};

const utf8 = new TextDecoder('utf-8');

export interface QuotedPath {
  path: string;
  /** Index in the input just after the closing quote. */
  end: number;
}

/** Decodes a C-quoted path starting at `start` (which must be `"`); null when unterminated or malformed. */
export function readQuotedPath(input: string, start: number): QuotedPath | null {
  if (input[start] !== '"') return null;
  const bytes: number[] = [];
  let i = start + 1;
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === '"') return { path: utf8.decode(new Uint8Array(bytes)), end: i + 1 };
    if (ch === '\\') {
      const next = input[i + 1];
      if (next === undefined) return null;
      const octal = /^[0-7]{3}/.exec(input.slice(i + 1, i + 4));
      if (octal) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        i += 4;
        continue;
      }
      const code = SIMPLE_ESCAPES[next];
      if (code === undefined) return null;
      bytes.push(code);
      i += 2;
      continue;
    }
    // Unescaped characters are copied as their UTF-8 bytes so mixed input decodes consistently.
    const cp = input.codePointAt(i) as number;
    const encoded = new TextEncoder().encode(String.fromCodePoint(cp));
    for (const b of encoded) bytes.push(b);
    i += cp > 0xffff ? 2 : 1;
  }
  return null;
}

/** Removes one leading `a/` or `b/` style prefix; `/dev/null` becomes null. */
export function stripPrefix(path: string, prefix: string): string | null {
  if (path === '/dev/null') return null;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Path operand of a `---`/`+++`/`rename from`/`Binary files` header, quoted or not. */
export function readHeaderPath(operand: string): string | null {
  if (operand.startsWith('"')) {
    const quoted = readQuotedPath(operand, 0);
    return quoted ? quoted.path : null;
  }
  const tab = operand.indexOf('\t');
  const path = tab >= 0 ? operand.slice(0, tab) : operand;
  return path.length > 0 ? path : null;
}

/**
 * The two paths of `diff --git <a> <b>`. Unquoted names may contain spaces, so when both sides are
 * unquoted we use git's own rule: the names are equal except for the prefix, so split where they match.
 * Returns null when that is ambiguous (a rename with spaces); later headers then supply the paths.
 */
export function readDiffGitPaths(operands: string): { a: string; b: string } | null {
  if (operands.startsWith('"')) {
    const first = readQuotedPath(operands, 0);
    if (!first || operands[first.end] !== ' ') return null;
    const rest = operands.slice(first.end + 1);
    const second = rest.startsWith('"') ? readQuotedPath(rest, 0)?.path : rest;
    return second ? { a: first.path, b: second } : null;
  }
  const quoteAt = operands.indexOf(' "');
  if (quoteAt >= 0) {
    const second = readQuotedPath(operands, quoteAt + 1);
    if (second && second.end === operands.length) return { a: operands.slice(0, quoteAt), b: second.path };
  }
  // Equal-name split: "<p1>X <p2>X" where p1/p2 are same-length prefixes like a/ and b/.
  if (operands.length % 2 === 1) {
    const half = (operands.length - 1) / 2;
    const a = operands.slice(0, half);
    const b = operands.slice(half + 1);
    if (operands[half] === ' ' && a.slice(a.indexOf('/') + 1) === b.slice(b.indexOf('/') + 1))
      return { a, b };
  }
  const parts = operands.split(' ');
  return parts.length === 2 ? { a: parts[0] as string, b: parts[1] as string } : null;
}
