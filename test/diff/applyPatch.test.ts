import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PatchMismatchError,
  parseUnifiedDiff,
  reverseApply,
  forwardApply,
  type FileDiff,
} from '../../src/diff';

const files = parseUnifiedDiff(readFileSync(join(__dirname, '../fixtures/diff/all-variants.diff'), 'utf8'));
const get = (path: string): FileDiff => files.find((f) => (f.newPath ?? f.oldPath) === path) as FileDiff;

describe('reverseApply', () => {
  it('rebuilds an added file as empty and a removed file from nothing', () => {
    expect(reverseApply('brand\nnew\n', get('added.txt'))).toBe('');
    expect(reverseApply('', get('gone.txt'))).toBe('to be deleted\nline 2\n');
    expect(forwardApply('to be deleted\nline 2\n', get('gone.txt'))).toBe('');
  });

  it('returns the head unchanged for a mode-only change', () => {
    expect(reverseApply('mode only\n', get('script.sh'))).toBe('mode only\n');
  });

  it('throws PatchMismatchError naming the file and line when the head does not match', () => {
    const head = 'one\nTWO\nthree\nfour\nFIVE\nsix\nseven\neight\n';
    expect(() => reverseApply(head, get('keep.txt'))).toThrow(PatchMismatchError);
    expect(() => reverseApply(head, get('keep.txt'))).toThrow(/keep\.txt at line 5: the text differs/);
  });

  it('throws when the head is shorter than the hunks need', () => {
    expect(() => reverseApply('one\nTWO\n', get('keep.txt'))).toThrow(/the text ends early/);
  });

  it('throws when a final newline differs from what the diff says', () => {
    expect(() => reverseApply('no eol changed\n', get('noeol.txt'))).toThrow(PatchMismatchError);
  });

  it('refuses binary files and files whose section did not parse', () => {
    expect(() => reverseApply('x', get('blob.bin'))).toThrow(/binary files have no text hunks/);
    const [broken] = parseUnifiedDiff('diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n');
    expect(() => reverseApply('b\n', broken as FileDiff)).toThrow(/did not parse/);
  });
});
