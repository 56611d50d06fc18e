/** The clone search as one run uses it: over its code files, its blocks indexed by the files they touch. */
import { MAX_DUPLICATION_FILES, type EngineOptions } from './engine-options';
import type { EnginePorts } from './engine-ports';
import type { DuplicationInput } from './duplication';
import { describeError } from './judge-file';
import { detectLanguage } from './languages/detect';
import { languageSpec } from './languages/registry';
import type { DuplicateBlockInput } from './rules/rule-types';
import { WHOLE_RUN_PATH, type LanguageId, type SkipReason, type SourceFile } from './types';

/** The clone search over a run's code files: its blocks by path, and why it did not run, if it did not. */
export interface CopySearch {
  code: DuplicationInput[];
  byPath: Map<string, DuplicateBlockInput[]>;
  skipped: SkipReason[];
}

export async function searchCopies(
  ports: EnginePorts,
  code: DuplicationInput[],
  options: EngineOptions,
): Promise<CopySearch> {
  const search: CopySearch = { code, byPath: new Map(), skipped: [] };
  if (code.length > MAX_DUPLICATION_FILES) {
    search.skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `duplication not analysed: ${code.length} files exceed the limit of ${MAX_DUPLICATION_FILES}`,
    });
    return search;
  }
  if (code.length === 0) return search;
  try {
    search.byPath = indexByPath(await ports.detectDuplicates(code, options.duplication ?? {}));
  } catch (error) {
    search.skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `duplication analysis failed: ${describeError(error)}`,
      kind: 'not-analysed',
    });
  }
  return search;
}

/** Clones in prose, data and config are noise; only parsed code takes part. */
export function codeOf(
  files: ReadonlyArray<{ source: SourceFile; language: LanguageId | 'text' }>,
): DuplicationInput[] {
  return files
    .filter((file) => file.language !== 'text')
    .map((file) => ({ ...file.source, language: file.language as LanguageId }));
}

/** The language a file's metrics will report: its detected one when the engine parses it, else text. */
export function expectedLanguage(source: SourceFile): LanguageId | 'text' {
  const language = detectLanguage(source.path, source.text);
  return languageSpec(language) ? language : 'text';
}

export function sameFiles(a: readonly DuplicationInput[], b: readonly DuplicationInput[]): boolean {
  return (
    a.length === b.length &&
    a.every((file, i) => file.path === b[i]?.path && file.language === b[i]?.language)
  );
}

/** Clone blocks per file they touch; a block within one file is listed once for it. */
function indexByPath(blocks: readonly DuplicateBlockInput[]): Map<string, DuplicateBlockInput[]> {
  const byPath = new Map<string, DuplicateBlockInput[]>();
  for (const block of blocks) {
    for (const path of new Set([block.first.path, block.second.path])) {
      const list = byPath.get(path) ?? [];
      list.push(block);
      byPath.set(path, list);
    }
  }
  return byPath;
}
