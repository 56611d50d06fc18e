/**
 * The analysers the facade composes, as one injectable record. index.ts wires the real tree-sitter,
 * secretlint and jscpd modules; tests pass fakes to exercise failures that real inputs rarely cause.
 */
import type { DuplicateBlockInput, SecretHitInput } from './rules/rule-types';
import type { DuplicationInput } from './duplication';
import type { FileMetrics, SourceFile } from './types';
import type { DuplicationOptions } from './engine-options';

export interface EnginePorts {
  analyzeFileMetrics(file: SourceFile): Promise<FileMetrics>;
  scanSecrets(file: SourceFile): Promise<readonly SecretHitInput[]>;
  /**
   * How many files these ports analyse at once (default 1). Above 1 the facade hands them every file together,
   * the ports queue the work themselves (the CLI's worker threads, src/cli/parallel/), and the facade searches for
   * copies and judges each file while the metrics come in.
   */
  parallelism?: number;
  /**
   * Called once every file's metrics and secrets are in: ports holding workers stop them here (and start again if
   * more files come), so their memory is not held through the rest of the run.
   */
  idle?(): Promise<void>;
  detectDuplicates(
    files: DuplicationInput[],
    options?: DuplicationOptions,
  ): readonly DuplicateBlockInput[] | Promise<readonly DuplicateBlockInput[]>;
}
