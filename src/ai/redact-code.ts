/**
 * Redaction of code before it goes into a prompt. Two layers, because either alone misses secrets: the secret
 * scanner's own hits for the file (the lines Lintel reports as hard-coded secrets, suppressed or not), and a generic
 * pass over every line for values that look like credentials — high-entropy tokens and string literals assigned to
 * password/secret/token/key names — which also covers what the scanner was told to allow (`gitleaks:allow`) or a
 * disabled secret rule. Redaction keeps the line structure, so line numbers in the model's answer still match.
 */
import { shannonEntropy } from '../engine/secrets/entropy';

/** What replaces a secret. Distinctive, so a test (and the model) can tell redacted code from code. */
export const REDACTED = '«redacted»';

/** Lines the secret scanner flagged in the file (1-based, inclusive). */
export interface SecretSpan {
  line: number;
  endLine?: number;
}

/** Tokens at least this long are checked for entropy (gitleaks' generic-api-key starts at 16 too). */
const TOKEN_MIN_CHARS = 16;
/** Bits per character above which a mixed letters-and-digits token is treated as a credential. */
const TOKEN_MIN_ENTROPY = 3.3;
const TOKEN = /[A-Za-z0-9+/_~.-]{16,}={0,2}/g;

/** A string literal assigned to a name that says it holds a credential, whatever its entropy. */
const SECRET_NAME = String.raw`(?:passw(?:or)?d|pwd|passphrase|secret|token|api[_.-]?key|apikey|access[_.-]?key|auth|credential|private[_.-]?key|client[_.-]?secret)`;
const NAMED_LITERAL = new RegExp(
  String.raw`(${SECRET_NAME}[\w.-]{0,20}["'\x60]?\s{0,5}(?::=|=>|=|:)\s{0,5})(["'\x60])([^"'\x60\n]{4,})\2`,
  'gi',
);
const PEM_LINE = /-----BEGIN [A-Z ]*PRIVATE KEY-----|-----END [A-Z ]*PRIVATE KEY-----/;

function looksLikeCredential(token: string): boolean {
  const body = token.replace(/=+$/, '');
  if (body.length < TOKEN_MIN_CHARS) return false;
  if (!/\d/.test(body) || !/[A-Za-z]/.test(body)) return false;
  // Dotted or slashed paths of words (`a.b.c`, `src/foo/bar`) are code, not keys.
  if (/^[a-z]+(?:[./][a-z]+)+$/i.test(body)) return false;
  return shannonEntropy(body) >= TOKEN_MIN_ENTROPY;
}

/** The generic layer: credential-looking values in one line replaced by REDACTED. */
export function redactLine(line: string): string {
  if (PEM_LINE.test(line)) return line.replace(/\S.*$/, REDACTED);
  return line
    .replace(NAMED_LITERAL, (_, assign: string, quote: string) => `${assign}${quote}${REDACTED}${quote}`)
    .replace(TOKEN, (token) => (looksLikeCredential(token) ? REDACTED : token));
}

/**
 * A line the scanner flagged: the name it is assigned to stays (the model needs to know a secret is there and
 * what it is called), the value goes. Without an assignment the whole line goes, keeping its indentation.
 */
function redactFlaggedLine(line: string, first: boolean): string {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  if (!first) return `${indent}${REDACTED}`;
  const assign = /^(\s*[\w.$"'\x60[\] -]{1,80}?\s*(?::=|=>|=|:)\s*)/.exec(line);
  // The kept name still goes through the generic layer, in case the key itself is the secret.
  return assign?.[1] ? `${redactLine(assign[1])}${REDACTED}` : `${indent}${REDACTED}`;
}

/**
 * `lines` of a file, the first being line `firstLine`, with the scanner's spans and anything else that looks like
 * a credential redacted.
 */
export function redactCode(
  lines: readonly string[],
  firstLine: number,
  spans: readonly SecretSpan[],
): string[] {
  const flagged = new Map<number, boolean>();
  for (const span of spans) {
    const end = Math.max(span.line, span.endLine ?? span.line);
    for (let line = span.line; line <= end; line++)
      flagged.set(line, flagged.get(line) ?? line === span.line);
  }
  let inPrivateKey = false;
  return lines.map((text, i) => {
    const lineNumber = firstLine + i;
    const first = flagged.get(lineNumber);
    if (first !== undefined) return redactFlaggedLine(text, first);
    // The body of a PEM block the scanner did not flag (allowed, or outside its view) is base64: all of it goes.
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) inPrivateKey = true;
    if (inPrivateKey) {
      if (/-----END [A-Z ]*PRIVATE KEY-----/.test(text)) inPrivateKey = false;
      return text.replace(/\S.*$/, REDACTED);
    }
    return redactLine(text);
  });
}
