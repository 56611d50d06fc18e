/**
 * Stable 64-bit FNV-1a hash (as 16 hex digits) of a token sequence. Token ids are per-run, so the
 * fingerprint is taken over token texts: the same duplicated code gives the same fingerprint in every run.
 */
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

export function fingerprintTokens(texts: readonly string[], from: number, to: number): string {
  let hash = FNV_OFFSET;
  for (let i = from; i < to; i++) {
    const text = texts[i] as string;
    for (let j = 0; j < text.length; j++) hash = ((hash ^ BigInt(text.charCodeAt(j))) * FNV_PRIME) & MASK_64;
    // Separator so that ["ab","c"] and ["a","bc"] differ.
    hash = ((hash ^ 0xffn) * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}
