/** Pull requests: the object itself, listings, and the 302s from PR diff/diffstat to the repository-level resources. */
import { notFound } from '../errors';
import { pullRequestJson, pullRequestSpec, repoApi } from '../representations';
import type { Store, StoredRepository } from '../store';
import type { EmulatorPullRequest } from '../types';
import { DEFAULT_PAGE_LIMITS, paginate } from '../pagination';
import { REPO, ok, param, repositoryOf, type RouteContext, type RouteTable } from './context';

/**
 * An open pull request follows its branches (the source's in its own repository, maybe a fork); a closed one keeps
 * the heads it had when it was closed, and so does the source side of a deleted fork.
 */
export async function refreshHeads(
  store: Store,
  repository: StoredRepository,
  pr: EmulatorPullRequest,
): Promise<void> {
  if (pr.state !== 'OPEN') return;
  const from = store.sourceOf(repository, pr);
  const source = store.isDeleted(from) ? null : await from.git.resolveCommit(pr.sourceBranch);
  const destination = await repository.git.resolveCommit(pr.destinationBranch);
  if (source && source !== pr.sourceCommit) {
    pr.sourceCommit = source;
    pr.sourceShortHash = source.slice(0, 12);
  }
  if (destination && destination !== pr.destinationCommit) {
    pr.destinationCommit = destination;
    pr.destinationShortHash = destination.slice(0, 12);
  }
}

export async function pullRequestOf(
  ctx: RouteContext,
): Promise<{ repository: StoredRepository; pr: EmulatorPullRequest }> {
  const repository = repositoryOf(ctx);
  const id = Number(param(ctx, 'pull_request_id'));
  const pr = ctx.env.store.findPullRequest(repository, id);
  if (!pr) throw notFound(`Pull request ${id} not found in ${repository.fullName}`);
  await refreshHeads(ctx.env.store, repository, pr);
  return { repository, pr };
}

const commentCount = (store: Store, repository: StoredRepository, prId: number): number =>
  store.commentsOf(repository, prId).filter((c) => !c.deleted).length;

function redirectTo(
  ctx: RouteContext,
  resource: 'diff' | 'diffstat' | 'patch',
  repository: StoredRepository,
  pr: EmulatorPullRequest,
): { status: number; headers: Record<string, string> } {
  const query = new URLSearchParams(ctx.url.search);
  query.set('from_pullrequest_id', String(pr.id));
  if (!query.has('topic')) query.set('topic', 'true');
  const spec = pullRequestSpec(ctx.env.store.sourceOf(repository, pr), pr);
  const location = `${repoApi(ctx.env.baseUrl, repository)}/${resource}/${spec}?${query.toString()}`;
  return { status: 302, headers: { location } };
}

export const pullRequestRoutes: RouteTable = {
  [`GET ${REPO}/pullrequests/{pull_request_id}`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    return ok(
      pullRequestJson(
        ctx.env.baseUrl,
        repository,
        pr,
        { commentCount: commentCount(ctx.env.store, repository, pr.id), single: true },
        ctx.env.store.sourceOf(repository, pr),
      ),
    );
  },

  [`GET ${REPO}/pullrequests`]: async (ctx) => {
    const repository = repositoryOf(ctx);
    // Without `state`, Bitbucket lists only OPEN pull requests; `state` may repeat.
    const states = ctx.url.searchParams.getAll('state');
    const wanted = states.length > 0 ? states : ['OPEN'];
    const prs = ctx.env.store.pullRequestsOf(repository).filter((pr) => wanted.includes(pr.state));
    for (const pr of prs) await refreshHeads(ctx.env.store, repository, pr);
    const values = prs.map((pr) =>
      pullRequestJson(
        ctx.env.baseUrl,
        repository,
        pr,
        { commentCount: commentCount(ctx.env.store, repository, pr.id), single: false },
        ctx.env.store.sourceOf(repository, pr),
      ),
    );
    return ok(paginate(values, ctx.url, DEFAULT_PAGE_LIMITS));
  },

  [`GET ${REPO}/pullrequests/{pull_request_id}/diff`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    return redirectTo(ctx, 'diff', repository, pr);
  },

  [`GET ${REPO}/pullrequests/{pull_request_id}/diffstat`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    return redirectTo(ctx, 'diffstat', repository, pr);
  },
};
