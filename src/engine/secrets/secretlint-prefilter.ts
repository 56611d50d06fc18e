import { SECRETLINT_RULE_GATES } from './secretlint-keywords';
import { escapeRegExp, trieRegExp } from './trie-regexp';

/**
 * Chooses which secretlint rules to run on a file from the keywords in `secretlint-keywords.ts`. Running the
 * whole preset costs ~0.3 ms per file even where nothing looks secret (28 rules set up, a line index built,
 * ~40 regexes run; bench/secrets.ts), and most source files hold no keyword, or only "://" in URLs without
 * credentials.
 *
 * The keywords (about 75) are found in one pass: a regex shaped as a trie of all of them finds every position where
 * one starts (searching each keyword with `includes` cost as much as the rules it was meant to skip), then
 * the keywords starting there are checked one by one.
 */

interface Keyword {
  readonly text: string;
  /** Compared with the `i` flag's folding: ASCII letters only (see `startsAt`). */
  readonly ignoringCase: boolean;
}

const ASCII_UPPER_A = 65;
const ASCII_UPPER_Z = 90;
const ASCII_CASE_BIT = 0x20;

function foldAscii(code: number): number {
  return code >= ASCII_UPPER_A && code <= ASCII_UPPER_Z ? code | ASCII_CASE_BIT : code;
}

/**
 * Without the `u` flag, `i` folds a character only to and from ASCII when both sides are ASCII
 * (ECMA-262 Canonicalize), so folding A–Z in the text matches an ASCII keyword exactly as the rule does.
 */
function startsAt(text: string, at: number, { text: keyword, ignoringCase }: Keyword): boolean {
  if (!ignoringCase) return text.startsWith(keyword, at);
  if (at + keyword.length > text.length) return false;
  for (let i = 0; i < keyword.length; i++) {
    if (foldAscii(text.charCodeAt(at + i)) !== keyword.charCodeAt(i)) return false;
  }
  return true;
}

/** One regex element per character: the character, or `[aA]` for a letter of an ignoring-case keyword. */
function tokensOf({ text, ignoringCase }: Keyword): string[] {
  return [...text].map((ch) =>
    ignoringCase && ch.toUpperCase() !== ch ? `[${ch}${ch.toUpperCase()}]` : escapeRegExp(ch),
  );
}

interface RuleGate {
  readonly kind: 'keywords' | 'always' | 'with-other-rules';
  readonly keywords: readonly Keyword[];
  readonly onlyExtensions?: readonly string[];
  readonly alwaysForExtensions?: readonly string[];
  readonly confirm?: RegExp;
}

const keywordsByKey = new Map<string, Keyword>();
function keyword(literal: string, ignoringCase: boolean): Keyword {
  // Lower-cased so `startsAt` and BY_FIRST_CHAR can compare with folded text (the keywords are ASCII).
  const text = ignoringCase ? literal.toLowerCase() : literal;
  const key = `${ignoringCase ? 'i' : 's'}:${text}`;
  let found = keywordsByKey.get(key);
  if (!found) keywordsByKey.set(key, (found = { text, ignoringCase }));
  return found;
}

/** A Map, not the record itself, so a rule id can never hit an Object.prototype key. */
const GATES = new Map<string, RuleGate>(
  Object.entries(SECRETLINT_RULE_GATES).map(([id, gate]) => [
    id,
    gate.kind === 'keywords'
      ? {
          kind: gate.kind,
          keywords: [
            ...gate.anyOf.map((k) => keyword(k, false)),
            ...(gate.anyOfIgnoringCase ?? []).map((k) => keyword(k, true)),
          ],
          ...(gate.onlyExtensions ? { onlyExtensions: gate.onlyExtensions } : {}),
          ...(gate.alwaysForExtensions ? { alwaysForExtensions: gate.alwaysForExtensions } : {}),
          ...(gate.confirm ? { confirm: gate.confirm } : {}),
        }
      : { kind: gate.kind, keywords: [] },
  ]),
);

const KEYWORDS = [...keywordsByKey.values()];
const FINDER = trieRegExp(KEYWORDS.map(tokensOf));
/** Keywords by the (ASCII-folded) code of their first character, to check only those at a found position. */
const BY_FIRST_CHAR = new Map<number, Keyword[]>();
for (const k of KEYWORDS) {
  const first = k.ignoringCase ? k.text.charCodeAt(0) : foldAscii(k.text.charCodeAt(0));
  BY_FIRST_CHAR.set(first, [...(BY_FIRST_CHAR.get(first) ?? []), k]);
}

/** Every keyword of the table that occurs in `text`. */
function keywordsIn(text: string): Set<Keyword> {
  const found = new Set<Keyword>();
  FINDER.lastIndex = 0;
  for (let m = FINDER.exec(text); m !== null; m = FINDER.exec(text)) {
    for (const k of BY_FIRST_CHAR.get(foldAscii(text.charCodeAt(m.index))) ?? []) {
      if (!found.has(k) && startsAt(text, m.index, k)) found.add(k);
    }
    // Overlapping keywords ("://" inside "mysql://") must be found too: resume one character later.
    FINDER.lastIndex = m.index + 1;
  }
  return found;
}

function canMatch(gate: RuleGate, ext: string, text: string, found: ReadonlySet<Keyword>): boolean {
  switch (gate.kind) {
    case 'always':
      return true;
    case 'with-other-rules':
      return false;
    case 'keywords':
      if (gate.onlyExtensions && !gate.onlyExtensions.includes(ext)) return false;
      if (gate.alwaysForExtensions?.includes(ext)) return true;
      return gate.keywords.some((k) => found.has(k)) && (gate.confirm?.test(text) ?? true);
  }
}

/**
 * The rules of `ruleIds` (short ids, in the preset's order) that can report something on this file, in
 * the same order, plus the comment filter when any can; `[]` when none can, so secretlint need not run.
 * A rule missing from the table always runs: an upgrade may add findings, never lose them.
 */
export function secretlintRulesToRun(ruleIds: readonly string[], ext: string, text: string): string[] {
  const found = keywordsIn(text);
  const scanning = ruleIds.filter((id) => {
    const gate = GATES.get(id);
    return gate === undefined || canMatch(gate, ext, text, found);
  });
  if (scanning.length === 0) return [];
  return ruleIds.filter((id) => scanning.includes(id) || GATES.get(id)?.kind === 'with-other-rules');
}
