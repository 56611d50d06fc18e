/** Edit distance counting a swap of neighbours as one edit (optimal string alignment): "fromat" is 1 from "format". */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

const bare = (name: string) => name.replace(/^-+/, '').toLowerCase();

/**
 * The candidate closest to what was typed, when it is close enough to be a typo: at most a third of the letters
 * (dashes aside) wrong, at least one for words of three letters or more and none for shorter ones, since every
 * one-letter option is one edit from every other. Undefined otherwise, so a wild guess is never offered.
 */
export function nearestName(typed: string, candidates: readonly string[]): string | undefined {
  const word = bare(typed);
  const allowed = word.length < 3 ? 0 : Math.max(1, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word, bare(name));
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
