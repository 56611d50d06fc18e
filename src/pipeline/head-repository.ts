/**
 * Where a pull request's head commit lives. Usually the destination repository; for a pull request from a fork,
 * the fork, which alone has the commit (the destination answers 404 for it). Events name only the destination
 * (`repository`), so the fork is read from the pull request's `source.repository` — and only when the destination
 * does not know the head, which costs a same-repository pull request no extra call. docs/forks.md.
 */
import type { BitbucketApi } from '../bitbucket/api';
import { BitbucketError } from '../bitbucket/errors';
import type { PullRequestInfo, RepoRef } from '../bitbucket/models';
import { sameCommit } from './commits';
import { describeFailure } from '../publish/failures';

export type SourceRepository =
  | { kind: 'same' }
  | { kind: 'fork'; repo: RepoRef; fullName: string }
  /** Bitbucket names no source repository (deleted), or names it too vaguely to address. */
  | { kind: 'gone' };

const sameUuid = (a?: string, b?: string): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** The repository the pull request's source branch lives in, from the pull request as Bitbucket returns it. */
export function sourceRepositoryOf(pr: Pick<PullRequestInfo, 'source' | 'destination'>): SourceRepository {
  const source = pr.source.repository;
  const destination = pr.destination.repository;
  if (source === undefined) return { kind: 'same' };
  if (source === null) return { kind: 'gone' };
  if (
    sameUuid(source.uuid, destination?.uuid) ||
    (source.full_name && source.full_name === destination?.full_name)
  )
    return { kind: 'same' };
  // `full_name` is `workspace-slug/repo-slug`: what Bitbucket itself writes in a fork's diff spec.
  const [workspace, repository, ...rest] = (source.full_name ?? '').split('/');
  if (!workspace || !repository || rest.length > 0) return { kind: 'gone' };
  return { kind: 'fork', repo: { workspace, repository }, fullName: `${workspace}/${repository}` };
}

export type HeadLocation =
  | {
      found: true;
      /** Full 40-character hash of the head. */
      headHash: string;
      /** The repository holding it: the destination, or the fork. */
      headRepo: RepoRef;
      /** Set for a pull request from a fork: the fork's `workspace/repo`. */
      fork?: string;
    }
  | { found: false; action: 'superseded' | 'failed'; reason: string };

const isNotFound = (error: unknown): boolean => error instanceof BitbucketError && error.kind === 'not-found';

const cannotRead = (error: unknown): boolean =>
  error instanceof BitbucketError && ['not-found', 'forbidden', 'unauthorized'].includes(error.kind);

/**
 * Resolves the job's abbreviated head hash where the commit lives. Not found in the destination means one of two
 * things, told apart by reading the pull request: the head was force-pushed away (superseded: a newer event covers
 * it), or the pull request comes from a fork. A fork Lintel cannot read (deleted, or private to a workspace the app
 * is not installed in) ends the run with the reason: nothing can be written on a commit Lintel cannot see.
 */
export async function locateHead(
  api: BitbucketApi,
  destination: RepoRef,
  job: { pullRequestId: number; sourceHash: string },
): Promise<HeadLocation> {
  const { pullRequestId: id, sourceHash } = job;
  try {
    return { found: true, headHash: await api.fullHash(destination, sourceHash), headRepo: destination };
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const pr = await api.pullRequest(destination, id);
  const source = sourceRepositoryOf(pr);
  if (source.kind === 'same')
    return {
      found: false,
      action: 'superseded',
      reason: `commit ${sourceHash} no longer exists (force-pushed?)`,
    };
  if (!sameCommit(pr.source.commit.hash, sourceHash))
    return {
      found: false,
      action: 'superseded',
      reason: `pull request #${id} is now at ${pr.source.commit.hash}; a newer event covers it`,
    };
  if (source.kind === 'gone')
    return {
      found: false,
      action: 'failed',
      reason: `the repository pull request #${id} comes from no longer exists (a deleted fork?), so its files cannot be read`,
    };
  try {
    const headHash = await api.fullHash(source.repo, sourceHash);
    return { found: true, headHash, headRepo: source.repo, fork: source.fullName };
  } catch (error) {
    if (!cannotRead(error)) throw error;
    const detail = describeFailure(error);
    return {
      found: false,
      action: 'failed',
      reason:
        `pull request #${id} comes from the fork ${source.fullName}, which Lintel cannot read (${detail}); ` +
        'forks that are deleted, or private outside the workspace Lintel is installed in, cannot be analysed',
    };
  }
}
