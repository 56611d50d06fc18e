/**
 * Which of a list of literal keywords a text holds, in one pass. The pattern rules are gated by keywords (a rule
 * runs only where one of its keywords occurs); testing each of the ~50 keywords with `includes` scanned every file
 * ~50 times and was half of the secret scan of ESLint's lib/ (bench/secrets.ts). One regex shaped as a trie of the
 * keywords (trie-regexp.ts) finds every position where one starts, and the keywords starting there are checked one
 * by one.
 */
import { escapeRegExp, trieRegExp } from './trie-regexp';

export type KeywordFinder = (text: string) => Set<string>;

export function keywordFinder(keywords: readonly string[]): KeywordFinder {
  const distinct = [...new Set(keywords)].filter((k) => k.length > 0);
  if (distinct.length === 0) return () => new Set();
  const finder = trieRegExp(distinct.map((keyword) => [...keyword].map(escapeRegExp)));
  const byFirstChar = new Map<string, string[]>();
  for (const k of distinct) byFirstChar.set(k.charAt(0), [...(byFirstChar.get(k.charAt(0)) ?? []), k]);
  return (text) => {
    const found = new Set<string>();
    finder.lastIndex = 0;
    for (let m = finder.exec(text); m !== null; m = finder.exec(text)) {
      for (const k of byFirstChar.get(text.charAt(m.index)) ?? []) {
        if (!found.has(k) && text.startsWith(k, m.index)) found.add(k);
      }
      // Overlapping keywords must be found too: resume one character later.
      finder.lastIndex = m.index + 1;
    }
    return found;
  };
}
