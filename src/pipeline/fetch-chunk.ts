/**
 * Reads one chunk of a large pull request: the diff restricted to the chunk's paths (one request), then head
 * contents and base by reverse patch as fetch-change.ts does. When even the chunk's diff is too large (HTTP 555),
 * each file's diff is read alone; a single file Bitbucket cannot diff is skipped with that reason.
 */
import type { BitbucketApi } from '../bitbucket/api';
import { BitbucketError } from '../bitbucket/errors';
import type { SkipReason } from '../engine/types';
import { mapLimit } from './concurrency';
import { FILE_FETCH_CONCURRENCY, fetchFiles, type ChangeSource, type FetchedChange } from './fetch-change';
import type { ChunkFile } from './job';

const namesOf = (f: ChunkFile): string[] => (f.oldPath ? [f.path, f.oldPath] : [f.path]);

const isTooLarge = (error: unknown): boolean => error instanceof BitbucketError && error.kind === 'too-large';

/** The diff of `files`, in one request or, after a 555, one request per file. */
export async function diffOfFiles(
  api: BitbucketApi,
  source: ChangeSource,
  files: readonly ChunkFile[],
): Promise<{ diff: string; readable: ChunkFile[]; skipped: SkipReason[] }> {
  const { repo, fork, headHash, destinationHash } = source;
  try {
    const diff = await api.diffOfPaths(repo, headHash, destinationHash, files.flatMap(namesOf), fork);
    return { diff, readable: [...files], skipped: [] };
  } catch (error) {
    if (!isTooLarge(error) || files.length === 1) {
      if (isTooLarge(error) && files[0]) {
        const reason = 'Bitbucket could not build its diff (HTTP 555: too large)';
        return { diff: '', readable: [], skipped: [{ path: files[0].path, reason }] };
      }
      throw error;
    }
  }
  const parts = await mapLimit(files, FILE_FETCH_CONCURRENCY, (file) => diffOfFiles(api, source, [file]));
  return {
    diff: parts.map((p) => p.diff).join(''),
    readable: parts.flatMap((p) => p.readable),
    skipped: parts.flatMap((p) => p.skipped),
  };
}

export async function fetchChunk(
  api: BitbucketApi,
  source: ChangeSource,
  files: readonly ChunkFile[],
): Promise<FetchedChange> {
  const { diff, readable, skipped } = await diffOfFiles(api, source, files);
  const fetched = await fetchFiles(api, source, readable, diff);
  return { ...fetched, diff, skipped, filesChanged: files.length };
}
