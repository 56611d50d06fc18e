/** What every route handler receives and returns. */
import type { OpenApiValidator } from '../openapi-validator';
import type { Store, StoredRepository } from '../store';
import type { EmulatorUser, EmulatorWorkspace, Json } from '../types';
import { notFound } from '../errors';

export interface EmulatorEnv {
  store: Store;
  validator: OpenApiValidator;
  baseUrl: string;
  diffLineLimit: number;
  diffstatLineLimit: number;
  /** Diffs of more files, or more bytes, answer 555 (README: "555"). */
  diffFileLimit: number;
  diffByteLimit: number;
  /** Most context lines a diff carries, whatever `context` asks. */
  diffContextMax: number;
}

export interface RouteContext {
  env: EmulatorEnv;
  method: string;
  /** OpenAPI path template, e.g. /repositories/{workspace}/{repo_slug}/commit/{commit}. */
  template: string;
  /** Percent-decoded path parameters. */
  params: Record<string, string>;
  /** The request URL made absolute against the emulator's base URL (for `next` links). */
  url: URL;
  body: unknown;
  user: EmulatorUser;
  /** The request's `Accept` header, for routes whose answer's type depends on the resource (`src`). */
  accept: string | undefined;
  /** Set when the template addresses a repository that exists. */
  repository: StoredRepository | undefined;
}

export interface Reply {
  status: number;
  json?: Json;
  body?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => Promise<Reply>;
export type RouteTable = Record<string, Handler>;

export const REPO = '/repositories/{workspace}/{repo_slug}';

export function repositoryOf(ctx: RouteContext): StoredRepository {
  if (!ctx.repository)
    throw notFound(`Repository ${ctx.params.workspace ?? ''}/${ctx.params.repo_slug ?? ''} not found`);
  return ctx.repository;
}

/** The `{workspace}` of the path (slug or brace-wrapped UUID); 404 when there is none. */
export function workspaceOf(ctx: RouteContext): EmulatorWorkspace {
  const slugOrUuid = param(ctx, 'workspace');
  const workspace = ctx.env.store.findWorkspace(slugOrUuid);
  if (!workspace) throw notFound(`Workspace ${slugOrUuid} not found`);
  return workspace;
}

export function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`route ${ctx.template} has no parameter ${name}`);
  return value;
}

export const ok = (json: Json, status = 200): Reply => ({ status, json });
