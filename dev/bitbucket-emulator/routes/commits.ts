/** Commits: hash resolution (short → full) and merge bases. */
import { HttpError, badRequest, bitbucketError } from '../errors';
import { isFullHash } from '../git';
import { commitJson } from '../representations';
import type { StoredRepository } from '../store';
import { REPO, ok, param, repositoryOf, type RouteTable } from './context';

export function commitNotFound(rev: string): HttpError {
  const body = bitbucketError(`Commit not found`);
  (body.error as Record<string, unknown>).data = { shas: [rev] };
  return new HttpError(404, `Commit ${rev} not found`, body);
}

export async function resolveOr404(repository: StoredRepository, rev: string): Promise<string> {
  const hash = await repository.git.resolveCommit(rev);
  if (!hash) throw commitNotFound(rev);
  return hash;
}

/**
 * Reports and statuses are stored under the exact 40-character hash: Bitbucket keys them by full SHA, so a
 * short hash names no commit there and answers 404 (bitbucket-api.md §2.3.5). Failing loudly catches
 * clients that forget to resolve the 12-character hashes found in pull request objects.
 */
export async function requireFullHash(repository: StoredRepository, rev: string): Promise<string> {
  if (!isFullHash(rev)) throw commitNotFound(rev);
  return resolveOr404(repository, rev);
}

/** `a..b` → [a, b]. */
export function splitRevspec(spec: string): [string, string] {
  const parts = spec.split('..');
  if (parts.length !== 2 || !parts[0] || !parts[1])
    throw badRequest(`Invalid revspec "${spec}": expected "<commit>..<commit>"`);
  return [parts[0], parts[1]];
}

export const commitRoutes: RouteTable = {
  [`GET ${REPO}/commit/{commit}`]: async (ctx) => {
    const repository = repositoryOf(ctx);
    const commit = await repository.git.readCommit(param(ctx, 'commit'));
    if (!commit) throw commitNotFound(param(ctx, 'commit'));
    return ok(commitJson(ctx.env.baseUrl, repository, commit, ctx.env.store.users.values()));
  },

  [`GET ${REPO}/merge-base/{revspec}`]: async (ctx) => {
    const repository = repositoryOf(ctx);
    const [a, b] = splitRevspec(param(ctx, 'revspec'));
    const base = await repository.git.mergeBase(
      await resolveOr404(repository, a),
      await resolveOr404(repository, b),
    );
    if (!base)
      throw new HttpError(404, 'No merge base', bitbucketError(`No merge base found for ${a} and ${b}`));
    const commit = await repository.git.readCommit(base);
    if (!commit) throw commitNotFound(base);
    return ok(commitJson(ctx.env.baseUrl, repository, commit, ctx.env.store.users.values()));
  },
};
