/** Pull request comments: create, edit, delete (soft), list with pagination, `q` filters and `sort`. */
import { HttpError, badRequest, bitbucketError, notFound } from '../errors';
import { queryCollection } from '../bbql';
import { DEFAULT_PAGE_LIMITS, paginate } from '../pagination';
import { HTML_BASE, accountJson, rendered, repoApi } from '../representations';
import { timestamp, type StoredComment, type StoredRepository } from '../store';
import type { EmulatorPullRequest, JsonObject } from '../types';
import { REPO, ok, param, type RouteContext, type RouteTable } from './context';
import { pullRequestOf } from './pullrequests';

const COMMENT_SCHEMA = 'pullrequest_comment';

export function commentJson(
  baseUrl: string,
  repository: StoredRepository,
  pr: EmulatorPullRequest,
  c: StoredComment,
): JsonObject {
  const prApi = `${repoApi(baseUrl, repository)}/pullrequests/${pr.id}`;
  const html = `${HTML_BASE}/${repository.fullName}/pull-requests/${pr.id}/_/diff#comment-${c.id}`;
  const json: JsonObject = {
    id: c.id,
    type: 'pullrequest_comment',
    created_on: c.createdOn,
    updated_on: c.updatedOn,
    // A deleted comment stays listed, with its content emptied.
    content: rendered(c.deleted ? '' : c.raw),
    user: accountJson(baseUrl, c.user),
    deleted: c.deleted,
    pending: false,
    pullrequest: {
      type: 'pullrequest',
      id: pr.id,
      title: pr.title,
      links: {
        self: { href: prApi },
        html: { href: `${HTML_BASE}/${repository.fullName}/pull-requests/${pr.id}` },
      },
    },
    links: { self: { href: `${prApi}/comments/${c.id}` }, html: { href: html } },
  };
  if (c.inline) {
    json.inline = c.inline;
    (json.links as JsonObject).code = {
      href: `${repoApi(baseUrl, repository)}/diff/${repository.fullName}:${pr.sourceShortHash}..${pr.destinationShortHash}?path=${encodeURIComponent(String(c.inline.path))}`,
    };
  }
  if (c.resolution) json.resolution = resolutionJson(baseUrl, c.resolution);
  if (c.parentId !== undefined)
    json.parent = { id: c.parentId, links: { self: { href: `${prApi}/comments/${c.parentId}` } } };
  return json;
}

function resolutionJson(baseUrl: string, r: NonNullable<StoredComment['resolution']>): JsonObject {
  return { type: 'comment_resolution', user: accountJson(baseUrl, r.user), created_on: r.createdOn };
}

function rawContent(body: unknown): string {
  const raw = (body as { content?: { raw?: unknown } } | undefined)?.content?.raw;
  if (typeof raw !== 'string' || raw.trim() === '')
    throw badRequest('content.raw: This field is required.', { 'content.raw': ['This field is required.'] });
  return raw;
}

function findComment(ctx: RouteContext, repository: StoredRepository, prId: number): StoredComment {
  const id = Number(param(ctx, 'comment_id'));
  const comment = ctx.env.store.commentsOf(repository, prId).find((c) => c.id === id);
  if (!comment) throw notFound(`Comment ${id} not found on pull request ${prId}`);
  return comment;
}

export const commentRoutes: RouteTable = {
  [`GET ${REPO}/pullrequests/{pull_request_id}/comments`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    const isField = (field: string): boolean => ctx.env.validator.schemaHasField(COMMENT_SCHEMA, field);
    const values = ctx.env.store
      .commentsOf(repository, pr.id)
      .map((c) => commentJson(ctx.env.baseUrl, repository, pr, c));
    return ok(paginate(queryCollection(values, ctx.url.searchParams, isField), ctx.url, DEFAULT_PAGE_LIMITS));
  },

  [`POST ${REPO}/pullrequests/{pull_request_id}/comments`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    const body = ctx.body as { inline?: JsonObject; parent?: { id?: number } };
    const raw = rawContent(body);
    let parentId: number | undefined;
    if (body.parent !== undefined) {
      parentId = body.parent.id;
      if (
        typeof parentId !== 'number' ||
        !ctx.env.store.commentsOf(repository, pr.id).some((c) => c.id === parentId)
      ) {
        throw badRequest(`parent.id: comment ${String(parentId)} does not exist on this pull request`, {
          'parent.id': ['Invalid parent'],
        });
      }
    }
    const now = timestamp();
    const comment: StoredComment = {
      id: ctx.env.store.allocateCommentId(),
      prId: pr.id,
      user: ctx.user,
      raw,
      inline: body.inline,
      parentId,
      deleted: false,
      createdOn: now,
      updatedOn: now,
    };
    ctx.env.store.commentsOf(repository, pr.id).push(comment);
    const json = commentJson(ctx.env.baseUrl, repository, pr, comment);
    return {
      status: 201,
      json,
      headers: { location: String((json.links as { self: { href: string } }).self.href) },
    };
  },

  [`GET ${REPO}/pullrequests/{pull_request_id}/comments/{comment_id}`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    return ok(commentJson(ctx.env.baseUrl, repository, pr, findComment(ctx, repository, pr.id)));
  },

  [`PUT ${REPO}/pullrequests/{pull_request_id}/comments/{comment_id}`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    const comment = findComment(ctx, repository, pr.id);
    // Bitbucket refuses `pending` on edit ("extra keys not allowed", bitbucket-api.md §4).
    if (ctx.body !== null && typeof ctx.body === 'object' && 'pending' in ctx.body)
      throw badRequest('extra keys not allowed', { pending: ['extra keys not allowed'] });
    if (comment.deleted) throw notFound(`Comment ${comment.id} has been deleted`);
    if (comment.user.uuid !== ctx.user.uuid)
      throw new HttpError(403, 'Forbidden', bitbucketError('You can only edit your own comments.'));
    comment.raw = rawContent(ctx.body);
    comment.updatedOn = timestamp();
    return ok(commentJson(ctx.env.baseUrl, repository, pr, comment));
  },

  // Bitbucket: only a top-level comment on the diff can be resolved (403 otherwise), once (409 when it already is).
  [`POST ${REPO}/pullrequests/{pull_request_id}/comments/{comment_id}/resolve`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    const comment = findComment(ctx, repository, pr.id);
    if (comment.deleted) throw notFound(`Comment ${comment.id} has been deleted`);
    if (!comment.inline || comment.parentId !== undefined) {
      throw new HttpError(
        403,
        'Forbidden',
        bitbucketError('Only top-level comments on the diff can be resolved.'),
      );
    }
    if (comment.resolution) {
      throw new HttpError(409, 'Conflict', bitbucketError('This comment has already been resolved.'));
    }
    comment.resolution = { user: ctx.user, createdOn: timestamp() };
    return ok(resolutionJson(ctx.env.baseUrl, comment.resolution));
  },

  [`DELETE ${REPO}/pullrequests/{pull_request_id}/comments/{comment_id}/resolve`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    const comment = findComment(ctx, repository, pr.id);
    if (!comment.resolution) throw notFound(`Comment ${comment.id} is not resolved`);
    delete comment.resolution;
    return { status: 204 };
  },

  [`DELETE ${REPO}/pullrequests/{pull_request_id}/comments/{comment_id}`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    const comment = findComment(ctx, repository, pr.id);
    if (comment.deleted) throw notFound(`Comment ${comment.id} has already been deleted`);
    if (comment.user.uuid !== ctx.user.uuid)
      throw new HttpError(403, 'Forbidden', bitbucketError('You can only delete your own comments.'));
    comment.deleted = true;
    comment.updatedOn = timestamp();
    return { status: 204 };
  },
};
