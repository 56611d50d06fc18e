/** Build statuses on commits, and the statuses of a pull request's source head. */
import { randomUUID } from 'node:crypto';
import { badRequest, notFound } from '../errors';
import { queryCollection } from '../bbql';
import { DEFAULT_PAGE_LIMITS, paginate } from '../pagination';
import { repoApi } from '../representations';
import { timestamp, type StoredRepository, type StoredStatus } from '../store';
import type { Json, JsonObject } from '../types';
import { REPO, ok, param, repositoryOf, type RouteContext, type RouteTable } from './context';
import { requireFullHash } from './commits';
import { pullRequestOf } from './pullrequests';

/** Bitbucket's limit on status keys (buildbot/buildbot#7049; bitbucket-api.md §3). */
export const MAX_STATUS_KEY_CHARS = 40;
const STATUS_SCHEMA = 'commitstatus';
const WRITABLE = ['key', 'state', 'name', 'description', 'url', 'refname'];

export function statusJson(
  baseUrl: string,
  repository: StoredRepository,
  commit: string,
  s: StoredStatus,
): JsonObject {
  const commitUrl = `${repoApi(baseUrl, repository)}/commit/${commit}`;
  return {
    type: 'build',
    uuid: s.uuid,
    ...s.fields,
    key: s.key,
    commit: { type: 'commit', hash: commit, links: { self: { href: commitUrl } } },
    repository: { type: 'repository', full_name: repository.fullName, uuid: repository.uuid },
    created_on: s.createdOn,
    updated_on: s.updatedOn,
    links: {
      self: { href: `${commitUrl}/statuses/build/${encodeURIComponent(s.key)}` },
      commit: { href: commitUrl },
    },
  };
}

/** Django-style field errors, the messages Bitbucket really answers with. */
function checkFields(fields: JsonObject): void {
  const key = fields.key;
  if (typeof key === 'string' && key.length > MAX_STATUS_KEY_CHARS) {
    const message = `Ensure this value has at most ${MAX_STATUS_KEY_CHARS} characters (it has ${key.length}).`;
    throw badRequest(message, { key: [message] });
  }
  const url = fields.url;
  if (url !== undefined) {
    // `{repository.full_name}` and `{commit}` placeholders are allowed (commitstatus.url description).
    const expanded = typeof url === 'string' ? url.replace(/\{repository\.full_name\}|\{commit\}/g, 'x') : '';
    let valid: boolean;
    try {
      valid = ['http:', 'https:'].includes(new URL(expanded).protocol);
    } catch {
      valid = false;
    }
    if (!valid) throw badRequest('url: Enter a valid URL.', { url: ['Enter a valid URL.'] });
  }
}

const pick = (body: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(body).filter(([k]) => WRITABLE.includes(k) && k !== 'key'));

async function statusesAt(
  ctx: RouteContext,
): Promise<{ repository: StoredRepository; commit: string; statuses: StoredStatus[] }> {
  const repository = repositoryOf(ctx);
  const commit = await requireFullHash(repository, param(ctx, 'commit'));
  return { repository, commit, statuses: ctx.env.store.statusesOf(repository, commit) };
}

function listing(ctx: RouteContext, values: JsonObject[]): Json {
  const isField = (field: string): boolean => ctx.env.validator.schemaHasField(STATUS_SCHEMA, field);
  return paginate(
    queryCollection(values, ctx.url.searchParams, isField, 'created_on'),
    ctx.url,
    DEFAULT_PAGE_LIMITS,
  );
}

export const statusRoutes: RouteTable = {
  [`POST ${REPO}/commit/{commit}/statuses/build`]: async (ctx) => {
    const { repository, commit, statuses } = await statusesAt(ctx);
    const body = ctx.body as JsonObject;
    checkFields(body);
    const key = body.key as string; // required by the commitstatus schema, checked before the handler
    const now = timestamp();
    const existing = statuses.find((s) => s.key === key);
    // Same key overwrites (answering 201 all the same), so one stable key keeps merge checks clean.
    if (existing) {
      existing.fields = pick(body);
      existing.updatedOn = now;
      return ok(statusJson(ctx.env.baseUrl, repository, commit, existing), 201);
    }
    const status: StoredStatus = {
      uuid: `{${randomUUID()}}`,
      key,
      fields: pick(body),
      createdOn: now,
      updatedOn: now,
    };
    statuses.push(status);
    const json = statusJson(ctx.env.baseUrl, repository, commit, status);
    return {
      status: 201,
      json,
      headers: { location: String((json.links as { self: { href: string } }).self.href) },
    };
  },

  [`GET ${REPO}/commit/{commit}/statuses/build/{key}`]: async (ctx) => {
    const { repository, commit, statuses } = await statusesAt(ctx);
    const status = statuses.find((s) => s.key === param(ctx, 'key'));
    if (!status) throw notFound(`Build status ${param(ctx, 'key')} not found on commit ${commit}`);
    return ok(statusJson(ctx.env.baseUrl, repository, commit, status));
  },

  [`PUT ${REPO}/commit/{commit}/statuses/build/{key}`]: async (ctx) => {
    const { repository, commit, statuses } = await statusesAt(ctx);
    const status = statuses.find((s) => s.key === param(ctx, 'key'));
    if (!status) throw notFound(`Build status ${param(ctx, 'key')} not found on commit ${commit}`);
    const body = (ctx.body ?? {}) as JsonObject;
    checkFields({ ...body, key: status.key });
    // PUT updates everything except the key.
    status.fields = { ...status.fields, ...pick(body) };
    status.updatedOn = timestamp();
    return ok(statusJson(ctx.env.baseUrl, repository, commit, status));
  },

  [`GET ${REPO}/commit/{commit}/statuses`]: async (ctx) => {
    const { repository, commit, statuses } = await statusesAt(ctx);
    const refname = ctx.url.searchParams.get('refname');
    // With refname: statuses created with that refname or with none (commitstatus list description).
    const matching = statuses.filter(
      (s) =>
        refname === null ||
        s.fields.refname === undefined ||
        s.fields.refname === null ||
        s.fields.refname === refname,
    );
    return ok(
      listing(
        ctx,
        matching.map((s) => statusJson(ctx.env.baseUrl, repository, commit, s)),
      ),
    );
  },

  [`GET ${REPO}/pullrequests/{pull_request_id}/statuses`]: async (ctx) => {
    const { repository, pr } = await pullRequestOf(ctx);
    const statuses = ctx.env.store.statusesOf(repository, pr.sourceCommit);
    // Only statuses without a refname or for the PR's source branch attach to the PR (bitbucket-api.md §3).
    const attached = statuses.filter(
      (s) =>
        s.fields.refname === undefined || s.fields.refname === null || s.fields.refname === pr.sourceBranch,
    );
    return ok(
      listing(
        ctx,
        attached.map((s) => statusJson(ctx.env.baseUrl, repository, pr.sourceCommit, s)),
      ),
    );
  },
};
