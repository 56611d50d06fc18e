import type { TokenStream } from './tokenizer';

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

/** Interns token texts of all files into one id array, so comparisons are integer compares. */
export function buildCorpus(streams: TokenStream[]): TokenCorpus {
  const total = streams.reduce((sum, s) => sum + s.texts.length, 0);
  const ids = new Int32Array(total);
  const fileOf = new Int32Array(total);
  const fileStart: number[] = [];
  const fileEnd: number[] = [];
  const intern = new Map<string, number>();
  let p = 0;
  streams.forEach((stream, f) => {
    fileStart.push(p);
    for (const text of stream.texts) {
      let id = intern.get(text);
      if (id === undefined) {
        id = intern.size + 1;
        intern.set(text, id);
      }
      ids[p] = id;
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

/** Decides whether a match of `length` tokens at global positions a and b is worth reporting. */
export type CloneFilter = (a: number, b: number, length: number) => boolean;

export function findClones(corpus: TokenCorpus, minTokens: number, accept: CloneFilter): RawClone[] {
  const { ids, fileStart, fileEnd } = corpus;
  const seen = new Map<number, number | number[]>();
  const clones: RawClone[] = [];
  const dropFactor = power(HASH_BASE, minTokens - 1);

  for (let f = 0; f < fileStart.length; f++) {
    const start = fileStart[f] as number;
    const end = fileEnd[f] as number;
    if (end - start < minTokens) continue;
    let hash = 0;
    for (let i = start; i < start + minTokens; i++)
      hash = (Math.imul(hash, HASH_BASE) + (ids[i] as number)) | 0;
    let skipUntil = start;
    for (let p = start; ; p++) {
      const earlier = seen.get(hash);
      if (p >= skipUntil && earlier !== undefined) {
        const best = bestMatch(corpus, earlier, p, minTokens, accept);
        if (best) {
          clones.push(best);
          // Windows inside the copy just reported would report parts of it again.
          skipUntil = p + best.length;
        }
      }
      remember(seen, hash, earlier, p);
      if (p + minTokens >= end) break;
      hash =
        (Math.imul(hash - Math.imul(ids[p] as number, dropFactor), HASH_BASE) +
          (ids[p + minTokens] as number)) |
        0;
    }
  }
  return clones;
}

function remember(
  seen: Map<number, number | number[]>,
  hash: number,
  earlier: number | number[] | undefined,
  p: number,
): void {
  if (earlier === undefined) seen.set(hash, p);
  else if (typeof earlier === 'number') seen.set(hash, [earlier, p]);
  else if (earlier.length < MAX_CANDIDATES_PER_HASH) earlier.push(p);
}

function bestMatch(
  corpus: TokenCorpus,
  earlier: number | number[],
  p: number,
  minTokens: number,
  accept: CloneFilter,
): RawClone | undefined {
  let best: RawClone | undefined;
  for (const a of typeof earlier === 'number' ? [earlier] : earlier) {
    const length = matchLength(corpus, a, p);
    if (length >= minTokens && length > (best?.length ?? 0) && accept(a, p, length)) {
      best = { firstPos: a, secondPos: p, length };
    }
  }
  return best;
}

/** Tokens the two positions share (0 on a hash collision). */
function matchLength(c: TokenCorpus, a: number, b: number): number {
  const sameFile = c.fileOf[a] === c.fileOf[b];
  // Within one file the earlier copy may not run into the later one: "x x x x" is not two clones.
  const limitA = sameFile ? b : (c.fileEnd[c.fileOf[a] as number] as number);
  const limitB = c.fileEnd[c.fileOf[b] as number] as number;
  let length = 0;
  while (a + length < limitA && b + length < limitB && c.ids[a + length] === c.ids[b + length]) length++;
  return length;
}
