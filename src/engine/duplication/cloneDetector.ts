import type { FileTokens } from './file-tokens';

/**
 * Rabin–Karp clone search over interned token ids (the algorithm jscpd uses, without its store).
 * Every window of `minTokens` consecutive tokens is hashed with a rolling polynomial hash; the first
 * occurrence of each hash is remembered. When a later window hits, the tokens are compared (hashes
 * collide), the match is extended forward as far as it goes, and the windows it covers are skipped
 * so a long copy is reported once rather than once per window.
 */

export interface RawClone {
  /** Global token index of the earlier occurrence. */
  firstPos: number;
  /** Global token index of the later occurrence. */
  secondPos: number;
  length: number;
}

export interface TokenCorpus {
  /** Interned token ids of all files, concatenated. */
  ids: Int32Array;
  /** fileOf[i] = index of the file that token i belongs to. */
  fileOf: Int32Array;
  /** fileEnd[f] = global index just past the last token of file f. */
  fileEnd: number[];
  /** fileStart[f] = global index of the first token of file f. */
  fileStart: number[];
}

/** Interns the vocabularies of all files into one id space, so comparisons are integer compares. */
export function buildCorpus(files: readonly FileTokens[]): TokenCorpus {
  const total = files.reduce((sum, f) => sum + f.ids.length, 0);
  const ids = new Int32Array(total);
  const fileOf = new Int32Array(total);
  const fileStart: number[] = [];
  const fileEnd: number[] = [];
  const intern = new Map<string, number>();
  let p = 0;
  files.forEach((file, f) => {
    fileStart.push(p);
    const global = new Int32Array(file.vocabulary.length);
    file.vocabulary.forEach((text, local) => {
      let id = intern.get(text);
      if (id === undefined) {
        id = intern.size + 1;
        intern.set(text, id);
      }
      global[local] = id;
    });
    for (const local of file.ids) {
      ids[p] = global[local] as number;
      fileOf[p] = f;
      p++;
    }
    fileEnd.push(p);
  });
  return { ids, fileOf, fileStart, fileEnd };
}

/** Odd multiplier of the polynomial hash; arithmetic is modulo 2^32 via Math.imul. */
const HASH_BASE = 0x01000193;

function power(base: number, exp: number): number {
  let result = 1;
  for (let i = 0; i < exp; i++) result = Math.imul(result, base);
  return result;
}

/**
 * Earlier occurrences remembered per window hash. More than one lets a copy be paired with the
 * occurrence it matches longest; the cap keeps repetitive code (tables, generated files) linear.
 */
const MAX_CANDIDATES_PER_HASH = 8;

/**
 * reach[i]: the fewest tokens from global position i a copy must have to be worth reporting (it must span enough
 * lines), or Infinity when the file ends first; a match at a and b needs max(reach[a], reach[b]). Knowing it before
 * comparing is what keeps the search linear: on a minified line or any other repetitive text nearly every window
 * hits, and measuring each hit's match only to refuse it afterwards cost O(n²) (a 60 KB line of `() => ` took a
 * minute; test/fuzz/engine-hostile-input.fuzz.test.ts).
 */
export type TokenReach = Float64Array;

/** Work a search did, for the tests that bound it (test/fuzz/engine-hostile-input.fuzz.test.ts). */
export interface CloneSearchWork {
  /** Token pairs compared while measuring matches. */
  tokensCompared: number;
  /** Window hashes compared before measuring (mayMatch). */
  windowsCompared: number;
}

export function findClones(
  corpus: TokenCorpus,
  minTokens: number,
  reach: TokenReach,
  work: CloneSearchWork = { tokensCompared: 0, windowsCompared: 0 },
): RawClone[] {
  const { fileStart, fileEnd } = corpus;
  const windows = windowHashes(corpus, minTokens);
  const seen = new WindowIndex(corpus.ids.length);
  const clones: RawClone[] = [];

  for (let f = 0; f < fileStart.length; f++) {
    const start = fileStart[f] as number;
    const end = fileEnd[f] as number;
    let skipUntil = start;
    for (let p = start; p + minTokens <= end; p++) {
      const hash = windows[p] as number;
      const slot = seen.slotOf(hash);
      // A position whose own side can never span enough lines is skipped without looking at its candidates.
      if (p >= skipUntil && seen.has(slot) && Number.isFinite(reach[p])) {
        const best = bestMatch(corpus, windows, seen, slot, p, minTokens, reach, work);
        if (best) {
          clones.push(best);
          // Windows inside the copy just reported would report parts of it again.
          skipUntil = p + best.length;
        }
      }
      seen.remember(slot, hash, p);
    }
  }
  return clones;
}

/**
 * The earlier positions of each window hash, oldest first, at most MAX_CANDIDATES_PER_HASH: an open-addressing table
 * over typed arrays with the positions chained through `next`. A Map of every window cost half of the search's time
 * (one hashed get and set per token) and an array per repeated hash.
 */
class WindowIndex {
  private readonly shift: number;
  private readonly mask: number;
  private readonly keys: Int32Array;
  /** First and last remembered position of the slot's hash, plus one: 0 marks an empty slot. */
  private readonly heads: Int32Array;
  private readonly tails: Int32Array;
  private readonly counts: Uint8Array;
  /** next[p]: the position remembered after p with the same hash, plus one (0: none). */
  private readonly next: Int32Array;

  constructor(positions: number) {
    // At most half full, so probes stay short.
    let bits = 4;
    while (1 << bits < positions * 2) bits++;
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.keys = new Int32Array(1 << bits);
    this.heads = new Int32Array(1 << bits);
    this.tails = new Int32Array(1 << bits);
    this.counts = new Uint8Array(1 << bits);
    this.next = new Int32Array(positions);
  }

  /** The slot holding `hash`, or the empty slot where it would go. */
  slotOf(hash: number): number {
    // The rolling hash's low bits are weak for short alphabets: Fibonacci hashing spreads them over the table.
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    while (this.heads[slot] !== 0 && this.keys[slot] !== hash) slot = (slot + 1) & this.mask;
    return slot;
  }

  has(slot: number): boolean {
    return this.heads[slot] !== 0;
  }

  /** The oldest remembered position in the slot, or -1. */
  first(slot: number): number {
    return (this.heads[slot] as number) - 1;
  }

  /** The position remembered after `position` with the same hash, or -1. */
  after(position: number): number {
    return (this.next[position] as number) - 1;
  }

  remember(slot: number, hash: number, position: number): void {
    const count = this.counts[slot] as number;
    if (count === 0) {
      this.keys[slot] = hash;
      this.heads[slot] = position + 1;
    } else if (count < MAX_CANDIDATES_PER_HASH) {
      this.next[(this.tails[slot] as number) - 1] = position + 1;
    } else {
      return;
    }
    this.tails[slot] = position + 1;
    this.counts[slot] = count + 1;
  }
}

/** windows[i] = rolling hash of the `minTokens` tokens from i, for every i whose window stays inside its file. */
function windowHashes(corpus: TokenCorpus, minTokens: number): Int32Array {
  const { ids, fileStart, fileEnd } = corpus;
  const windows = new Int32Array(ids.length);
  const dropFactor = power(HASH_BASE, minTokens - 1);
  for (let f = 0; f < fileStart.length; f++) {
    const start = fileStart[f] as number;
    const end = fileEnd[f] as number;
    if (end - start < minTokens) continue;
    let hash = 0;
    for (let i = start; i < start + minTokens; i++)
      hash = (Math.imul(hash, HASH_BASE) + (ids[i] as number)) | 0;
    for (let p = start; ; p++) {
      windows[p] = hash;
      if (p + minTokens >= end) break;
      hash =
        (Math.imul(hash - Math.imul(ids[p] as number, dropFactor), HASH_BASE) +
          (ids[p + minTokens] as number)) |
        0;
    }
  }
  return windows;
}

function bestMatch(
  corpus: TokenCorpus,
  windows: Int32Array,
  seen: WindowIndex,
  slot: number,
  p: number,
  minTokens: number,
  reach: TokenReach,
  work: CloneSearchWork,
): RawClone | undefined {
  let best: RawClone | undefined;
  for (let a = seen.first(slot); a >= 0; a = seen.after(a)) {
    const needed = Math.max(minTokens, reach[a] as number, reach[p] as number);
    if (!mayMatch(corpus, windows, a, p, needed, minTokens, work)) continue;
    const length = matchLength(corpus, a, p);
    work.tokensCompared += length + 1;
    if (length >= needed && length > (best?.length ?? 0)) best = { firstPos: a, secondPos: p, length };
  }
  return best;
}

/** Limits of a match at a and b: its end on each side. */
function matchLimits(c: TokenCorpus, a: number, b: number): { limitA: number; limitB: number } {
  const sameFile = c.fileOf[a] === c.fileOf[b];
  // Within one file the earlier copy may not run into the later one: "x x x x" is not two clones.
  const limitA = sameFile ? b : (c.fileEnd[c.fileOf[a] as number] as number);
  return { limitA, limitB: c.fileEnd[c.fileOf[b] as number] as number };
}

/**
 * False when a match of `needed` tokens at a and b is impossible: it would run past a limit, or one of the windows
 * that tile it hashes differently (equal tokens hash equally, so this never refuses a real match). The window that
 * ends the needed span is tried first: in repetitive text that is where two look-alike spots part.
 */
function mayMatch(
  c: TokenCorpus,
  windows: Int32Array,
  a: number,
  b: number,
  needed: number,
  minTokens: number,
  work: CloneSearchWork,
): boolean {
  if (!Number.isFinite(needed)) return false;
  const { limitA, limitB } = matchLimits(c, a, b);
  if (a + needed > limitA || b + needed > limitB) return false;
  const last = needed - minTokens;
  work.windowsCompared++;
  if (windows[a + last] !== windows[b + last]) return false;
  for (let k = minTokens; k < last; k += minTokens) {
    work.windowsCompared++;
    if (windows[a + k] !== windows[b + k]) return false;
  }
  return true;
}

/** Tokens the two positions share (0 on a hash collision). */
function matchLength(c: TokenCorpus, a: number, b: number): number {
  const { limitA, limitB } = matchLimits(c, a, b);
  let length = 0;
  while (a + length < limitA && b + length < limitB && c.ids[a + length] === c.ids[b + length]) length++;
  return length;
}
