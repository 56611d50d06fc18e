/**
 * The analysers the facade composes, as one injectable record. index.ts wires the real tree-sitter,
 * secretlint and jscpd modules; tests pass fakes to exercise failures that real inputs rarely cause.
 */
import type { DuplicateBlockInput, SecretHitInput } from './rules/rule-types';
import type { FileMetrics, LanguageId, SourceFile } from './types';
import type { DuplicationOptions } from './engine-options';

export interface EnginePorts {
  analyzeFileMetrics(file: SourceFile): Promise<FileMetrics>;
  scanSecrets(file: SourceFile): Promise<readonly SecretHitInput[]>;
  detectDuplicates(
    files: Array<SourceFile & { language: LanguageId }>,
    options?: DuplicationOptions,
  ): readonly DuplicateBlockInput[] | Promise<readonly DuplicateBlockInput[]>;
}
