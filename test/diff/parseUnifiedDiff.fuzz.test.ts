import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiffParseError, PatchMismatchError, parseUnifiedDiff, reverseApply } from '../../src/diff';

/**
 * Corrupted diffs (lines dropped, duplicated, truncated, junk inserted) must never crash the parser:
 * it either returns files (some with `error`) or throws DiffParseError; reverseApply on anything it
 * returns either succeeds or throws PatchMismatchError.
 */

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const SOURCE = readFileSync(join(__dirname, '../fixtures/diff/all-variants.diff'), 'utf8');
const JUNK = [
  '@@ -1,2 +3 @@',
  '@@',
  '+',
  '-',
  '\\',
  '"',
  'diff --git',
  'diff --git "a/x',
  '--- ',
  '+++ ',
  '',
  '\r',
];

function corrupt(rand: () => number, text: string): string {
  const lines = text.split('\n');
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * lines.length);
    const r = rand();
    if (r < 0.3) lines.splice(at, 1);
    else if (r < 0.5) lines.splice(at, 0, lines[at] ?? '');
    else if (r < 0.8) lines.splice(at, 0, JUNK[Math.floor(rand() * JUNK.length)] as string);
    else lines[at] = (lines[at] ?? '').slice(0, Math.floor(rand() * 10));
  }
  const joined = lines.join('\n');
  return rand() < 0.2 ? joined.slice(0, Math.floor(rand() * joined.length)) : joined;
}

describe('parseUnifiedDiff on corrupted input', () => {
  it('never throws anything but typed errors over 2,000 random corruptions', () => {
    const rand = prng(42);
    let withErrors = 0;
    for (let i = 0; i < 2000; i++) {
      const text = corrupt(rand, SOURCE);
      let files;
      try {
        files = parseUnifiedDiff(text);
      } catch (err) {
        expect(err).toBeInstanceOf(DiffParseError);
        continue;
      }
      for (const fd of files) {
        if (fd.error) withErrors++;
        try {
          reverseApply('one\ntwo\n', fd);
        } catch (err) {
          expect(err).toBeInstanceOf(PatchMismatchError);
        }
      }
    }
    // The corruptions must actually exercise the error paths.
    expect(withErrors).toBeGreaterThan(100);
  });
});
