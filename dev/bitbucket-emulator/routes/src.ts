/** File contents and metadata at a commit, and directory listings. */
import { requireAcceptable } from '../content-negotiation';
import { notFound } from '../errors';
import { fileAttribute, escapedPath } from '../diff-spec';
import type { TreeEntry } from '../git';
import { DEFAULT_PAGE_LIMITS, paginate } from '../pagination';
import { repoApi, shortCommitJson } from '../representations';
import type { StoredRepository } from '../store';
import type { JsonObject } from '../types';
import { REPO, param, repositoryOf, type RouteContext, type RouteTable } from './context';
import { resolveOr404 } from './commits';

/** Git's own binary heuristic: a NUL byte in the first 8,000 bytes. */
const BINARY_SNIFF_BYTES = 8000;
/**
 * Bitbucket guesses content types from the extension (Python's mimetypes table, hence video/mp2t for .ts)
 * and sends no charset. A short table covers what Lintel reads.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.ts': 'video/mp2t',
  '.js': 'application/javascript',
  '.mjs': 'application/javascript',
  '.json': 'application/json',
  '.md': 'text/markdown',
  '.txt': 'text/plain',
  '.py': 'text/x-python',
  '.html': 'text/html',
  '.css': 'text/css',
  '.xml': 'application/xml',
  '.yml': 'application/x-yaml',
  '.yaml': 'application/x-yaml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.java': 'text/x-java',
  '.c': 'text/x-c',
  '.sh': 'application/x-sh',
};

const isBinary = (content: Buffer): boolean => content.subarray(0, BINARY_SNIFF_BYTES).includes(0);

function contentType(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? CONTENT_TYPES[path.slice(dot).toLowerCase()] : undefined;
}

function srcUrl(ctx: RouteContext, repository: StoredRepository, commit: string, path: string): string {
  return `${repoApi(ctx.env.baseUrl, repository)}/src/${commit}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

function entryJson(
  ctx: RouteContext,
  repository: StoredRepository,
  commit: string,
  entry: TreeEntry,
  binary: boolean,
): JsonObject {
  const self = srcUrl(ctx, repository, commit, entry.path);
  if (entry.type === 'tree') {
    return {
      type: 'commit_directory',
      path: entry.path,
      commit: shortCommitJson(ctx.env.baseUrl, repository, commit),
      links: { self: { href: `${self}/` }, meta: { href: `${self}/?format=meta` } },
    };
  }
  const json: JsonObject = {
    type: 'commit_file',
    path: entry.path,
    escaped_path: escapedPath(entry.path),
    commit: shortCommitJson(ctx.env.baseUrl, repository, commit),
    size: entry.size ?? 0,
    mimetype: contentType(entry.path) ?? null,
    links: {
      self: { href: self },
      meta: { href: `${self}?format=meta` },
      history: { href: `${repoApi(ctx.env.baseUrl, repository)}/filehistory/${commit}/${entry.path}` },
    },
  };
  const attribute = fileAttribute(entry.mode, binary);
  if (attribute) json.attributes = attribute;
  return json;
}

async function listDirectory(
  ctx: RouteContext,
  repository: StoredRepository,
  commit: string,
  dir: string,
): Promise<JsonObject> {
  const depth = Math.max(1, Number(ctx.url.searchParams.get('max_depth') ?? '1'));
  const all = await repository.git.listTree(commit, dir === '' ? '' : `${dir}/`, depth > 1);
  const baseDepth = dir === '' ? 0 : dir.split('/').length;
  const entries = all.filter((e) => e.path.split('/').length - baseDepth <= depth);
  // Directory listings do not read every blob: `binary` is only reported by format=meta on a file.
  return paginate(
    entries.map((e) => entryJson(ctx, repository, commit, e, false)),
    ctx.url,
    DEFAULT_PAGE_LIMITS,
  );
}

export const srcRoutes: RouteTable = {
  [`GET ${REPO}/src/{commit}/{path}`]: async (ctx) => {
    const repository = repositoryOf(ctx);
    const commit = await resolveOr404(repository, param(ctx, 'commit'));
    const path = param(ctx, 'path').replace(/\/+$/, '');
    const object = await repository.git.readPath(commit, path);
    if (!object || (object.type !== 'blob' && object.type !== 'tree'))
      throw notFound(`No such file or directory: ${path}`);
    const meta = ctx.url.searchParams.get('format') === 'meta';
    // A directory or `format=meta` answers JSON; a file its own bytes, typed by name (or sniffed when unknown).
    const type =
      meta || object.type === 'tree'
        ? 'application/json'
        : (contentType(path) ?? (isBinary(object.content) ? 'application/octet-stream' : 'text/plain'));
    requireAcceptable(ctx.accept, [type]);
    if (object.type === 'tree') {
      if (meta)
        return {
          status: 200,
          json: {
            type: 'commit_directory',
            path,
            commit: shortCommitJson(ctx.env.baseUrl, repository, commit),
            links: { self: { href: `${srcUrl(ctx, repository, commit, path)}/` } },
          },
        };
      return { status: 200, json: await listDirectory(ctx, repository, commit, path) };
    }
    if (meta) {
      const [entry] = await repository.git.listTree(commit, path);
      const fileEntry: TreeEntry = entry ?? {
        mode: '100644',
        type: 'blob',
        sha: object.sha,
        size: object.content.length,
        path,
      };
      return { status: 200, json: entryJson(ctx, repository, commit, fileEntry, isBinary(object.content)) };
    }
    const name = path.slice(path.lastIndexOf('/') + 1);
    return {
      status: 200,
      body: object.content,
      contentType: type,
      headers: {
        etag: `"${object.sha}"`,
        'content-disposition': `attachment; filename="${name.replace(/["\\\r\n]/g, '_')}"`,
      },
    };
  },
};
