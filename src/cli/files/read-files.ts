import { readFile, stat } from 'node:fs/promises';
import type { SkipReason, SourceFile } from '../../engine/types';
import type { CollectedFile } from './collect-files';
import { decodeSource, MAX_FILE_BYTES, tooLarge } from './decode-source';

/** Reads collected files as bytes and decodes them; unreadable, binary and non-UTF-8 files are skipped with a reason. */
export async function readSourceFiles(
  files: readonly CollectedFile[],
): Promise<{ sources: SourceFile[]; skipped: SkipReason[] }> {
  const sources: SourceFile[] = [];
  const skipped: SkipReason[] = [];
  for (const file of files) {
    const path = file.reportPath;
    try {
      // Check the size first so a huge file is never read just to be skipped.
      const { size } = await stat(file.absolutePath);
      if (size > MAX_FILE_BYTES) {
        skipped.push(tooLarge(path, size));
        continue;
      }
      const decoded = decodeSource(path, await readFile(file.absolutePath));
      if ('file' in decoded) sources.push(decoded.file);
      else skipped.push(decoded.skipped);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      skipped.push({ path, reason: `could not be read (${code ?? 'unknown error'})` });
    }
  }
  return { sources, skipped };
}
