/**
 * Reads one chunk of a large pull request: its files' text from path-filtered full-context diffs (one request for a
 * chunk the planner sized to fit one, split on a 555), `src` only for a file the diff cannot give whole; a single
 * file Bitbucket cannot diff is skipped with that reason (read-whole-files.ts).
 */
import type { BitbucketApi } from '../bitbucket/api';
import type { ChangeSource, FetchedChange } from './fetch-change';
import type { ChunkFile } from './job';
import { readWholeFiles } from './read-whole-files';

export async function fetchChunk(
  api: BitbucketApi,
  source: ChangeSource,
  files: readonly ChunkFile[],
): Promise<FetchedChange> {
  return { ...(await readWholeFiles(api, source, files, false)), filesChanged: files.length };
}
