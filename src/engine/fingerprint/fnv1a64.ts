/**
 * FNV-1a, 64-bit (http://www.isthe.com/chongo/tech/comp/fnv/): a tiny, dependency-free, portable hash.
 * It is not cryptographic; fingerprints only need to be stable and rarely collide among one repository's
 * findings. Computed on two 32-bit halves so it runs on plain numbers (no BigInt, no Node crypto).
 */

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
// 64-bit FNV prime 0x100000001b3 = 2^40 + 0x1b3.
const PRIME_LO = 0x1b3;
const PRIME_HI_SHIFT = 8; // 2^40 contributes (lo << 8) to the high word.

const encoder = new TextEncoder();

/** FNV-1a 64 of the UTF-8 bytes of `text`, as 16 lower-case hex characters. */
export function fnv1a64(text: string): string {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  for (const byte of encoder.encode(text)) {
    lo ^= byte;
    // (hi:lo) * (2^40 + 0x1b3) mod 2^64, in 16-bit pieces to stay exact in doubles.
    const loLow = lo & 0xffff;
    const loHigh = lo >>> 16;
    const productLow = loLow * PRIME_LO;
    const productHigh = loHigh * PRIME_LO + (productLow >>> 16);
    const newLo = ((productHigh & 0xffff) << 16) | (productLow & 0xffff);
    const carry = productHigh >>> 16;
    hi = (Math.imul(hi, PRIME_LO) + carry + (lo << PRIME_HI_SHIFT)) >>> 0;
    lo = newLo >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
