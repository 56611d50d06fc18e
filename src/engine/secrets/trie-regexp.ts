/**
 * One global regex that matches wherever any of a set of keywords starts: the keywords as a trie, so the regex engine
 * walks their shared prefixes once instead of trying each keyword in turn. A match stops where the shortest keyword
 * on its path ends; the caller checks which keywords start at the match (secretlint-prefilter.ts, keyword-finder.ts).
 */

interface TrieNode {
  end: boolean;
  readonly children: Map<string, TrieNode>;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Where a keyword ends, longer ones need not be matched: the position is found. */
function trieSource(node: TrieNode): string {
  if (node.end) return '';
  const branches = [...node.children].map(([token, child]) => token + trieSource(child));
  return branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
}

/** `keywords`: each keyword as its regex elements, one per character (an escaped character, or e.g. `[aA]`). */
export function trieRegExp(keywords: ReadonlyArray<readonly string[]>): RegExp {
  const root: TrieNode = { end: false, children: new Map() };
  for (const keyword of keywords) {
    let node = root;
    for (const token of keyword) {
      let next = node.children.get(token);
      if (!next) node.children.set(token, (next = { end: false, children: new Map() }));
      node = next;
    }
    node.end = true;
  }
  return new RegExp(trieSource(root), 'g');
}
