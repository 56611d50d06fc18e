import { buildCorpus, findClones, type CloneSearchWork } from './cloneDetector';
import { fileTokens, tokenTexts, type FileTokens } from './file-tokens';
import { fingerprintTokens } from './fingerprint';
import {
  DuplicationInputError,
  type DuplicateBlock,
  type DuplicationInput,
  type DuplicationOptions,
} from './types';

export type { CloneSearchWork } from './cloneDetector';
export { fileTokens, type FileTokens } from './file-tokens';
export {
  DuplicationInputError,
  type CloneLocation,
  type DuplicateBlock,
  type DuplicationInput,
  type DuplicationOptions,
} from './types';

/** jscpd's default `minTokens`. */
export const DEFAULT_MIN_TOKENS = 50;
/** Lines a copy must span to count (jscpd defaults to 5; 6 keeps short boilerplate out). */
export const DEFAULT_MIN_LINES = 6;
/** Codacy runs no duplication analysis beyond 5,000 files (docs/analysis-references.md §4). */
export const MAX_FILES = 5000;

/**
 * Token-based copy-paste detection across and within files. Why our own detector rather than
 * @jscpd/core 4.x: jscpd's tokenizer (reprism) runs at 15–20k lines/s with memory that grows with its
 * store (280 MB RSS at 100k lines, docs §5), below the 50k lines/s a PR run needs; this one does
 * several hundred thousand (bench/duplication.ts keeps the comparison and the agreement on found clones).
 *
 * Clones are type-1 by default: whitespace, line endings and comments are ignored, identifiers and
 * literals must match. `normalizeIdentifiers` also finds renamed copies (type-2).
 */
export function detectDuplicates(
  files: DuplicationInput[],
  opts: DuplicationOptions = {},
  work?: CloneSearchWork,
): DuplicateBlock[] {
  const minTokens = positiveInteger(opts.minTokens ?? DEFAULT_MIN_TOKENS, 'minTokens');
  const minLines = positiveInteger(opts.minLines ?? DEFAULT_MIN_LINES, 'minLines');
  validateFiles(files);
  const normalize = opts.normalizeIdentifiers === true;
  const streams = files.map((f) => fileTokens(f.text, f.language, normalize));
  const corpus = buildCorpus(streams);
  const position = (global: number): { stream: FileTokens; file: number; offset: number } => {
    const file = corpus.fileOf[global] as number;
    return {
      stream: streams[file] as FileTokens,
      file,
      offset: global - (corpus.fileStart[file] as number),
    };
  };
  const reach = tokensToSpan(streams, minLines);

  const blocks: DuplicateBlock[] = [];
  for (const clone of findClones(corpus, minTokens, reach, work)) {
    const first = position(clone.firstPos);
    const second = position(clone.secondPos);
    const secondSpan = locate(second.stream, second.offset, clone.length);
    blocks.push({
      tokens: clone.length,
      lines: secondSpan.endLine - secondSpan.startLine + 1,
      fingerprint: fingerprintTokens(
        tokenTexts(second.stream, second.offset, second.offset + clone.length),
        0,
        clone.length,
      ),
      first: {
        path: (files[first.file] as DuplicationInput).path,
        ...locate(first.stream, first.offset, clone.length),
      },
      second: { path: (files[second.file] as DuplicationInput).path, ...secondSpan },
    });
  }
  return blocks;
}

/**
 * For every token (indexed as in the corpus: files one after another), how many tokens from it a copy needs to span
 * `minLines` lines, or Infinity when its file ends first. Line numbers never decrease along a stream, so one pointer
 * sweep per file finds them all.
 */
function tokensToSpan(streams: readonly FileTokens[], minLines: number): Float64Array {
  const total = streams.reduce((sum, stream) => sum + stream.ids.length, 0);
  const reach = new Float64Array(total);
  let base = 0;
  for (const { startLines, endLines } of streams) {
    const count = startLines.length;
    let last = 0;
    for (let i = 0; i < count; i++) {
      const lastLineNeeded = (startLines[i] as number) + minLines - 1;
      if (last < i) last = i;
      while (last < count && (endLines[last] as number) < lastLineNeeded) last++;
      reach[base + i] = last < count ? last - i + 1 : Number.POSITIVE_INFINITY;
    }
    base += count;
  }
  return reach;
}

function locate(stream: FileTokens, offset: number, length: number): { startLine: number; endLine: number } {
  return {
    startLine: stream.startLines[offset] as number,
    endLine: stream.endLines[offset + length - 1] as number,
  };
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new DuplicationInputError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function validateFiles(files: unknown): asserts files is DuplicationInput[] {
  if (!Array.isArray(files)) throw new DuplicationInputError('detectDuplicates expects an array of files');
  if (files.length > MAX_FILES) {
    throw new DuplicationInputError(
      `detectDuplicates accepts at most ${MAX_FILES} files, got ${files.length}`,
    );
  }
  files.forEach((f: Partial<DuplicationInput> | null, i) => {
    if (!f || typeof f.path !== 'string' || typeof f.text !== 'string' || typeof f.language !== 'string') {
      throw new DuplicationInputError(`file #${i} must have string path, text and language`);
    }
  });
}
