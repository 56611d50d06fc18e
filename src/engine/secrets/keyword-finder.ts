/**
 * Which of a list of literal keywords a text holds, in one pass. The pattern rules are gated by keywords (a rule
 * runs only where one of its keywords occurs); testing each of the ~50 keywords with `includes` scanned every file
 * ~50 times and was half of the secret scan of ESLint's lib/ (bench/secrets.ts). One regex shaped as a trie of the
 * keywords finds every position where one starts, and the keywords starting there are checked one by one.
 */

interface TrieNode {
  end: boolean;
  readonly children: Map<string, TrieNode>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Where a keyword ends, longer ones need not be matched: the position is found, `startsWith` tells which. */
function trieSource(node: TrieNode): string {
  if (node.end) return '';
  const branches = [...node.children].map(([ch, child]) => escapeRegExp(ch) + trieSource(child));
  return branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
}

export type KeywordFinder = (text: string) => Set<string>;

export function keywordFinder(keywords: readonly string[]): KeywordFinder {
  const distinct = [...new Set(keywords)].filter((k) => k.length > 0);
  if (distinct.length === 0) return () => new Set();
  const root: TrieNode = { end: false, children: new Map() };
  for (const keyword of distinct) {
    let node = root;
    for (const ch of keyword) {
      let next = node.children.get(ch);
      if (!next) node.children.set(ch, (next = { end: false, children: new Map() }));
      node = next;
    }
    node.end = true;
  }
  const finder = new RegExp(trieSource(root), 'g');
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
