/** Repository-level diff and diffstat with Bitbucket's topic (merge-base) semantics and 555 on huge diffs. */
import { HttpError, bitbucketError } from '../errors';
import {
  diffstatStatus,
  escapedPath,
  fileAttribute,
  parseDiffSpec,
  parseRawNumstat,
  type RawChange,
} from '../diff-spec';
import type { DiffOptions, GitRepository } from '../git';
import { DIFFSTAT_PAGE_LIMITS, paginate } from '../pagination';
import { repoApi } from '../representations';
import type { StoredRepository } from '../store';
import type { JsonObject } from '../types';
import { REPO, param, repositoryOf, type RouteContext, type RouteTable } from './context';
import { resolveOr404 } from './commits';

interface ResolvedDiff {
  /** The repository the request addresses (a pull request's destination). */
  repository: StoredRepository;
  /** Where each side lives: `repository`, or a fork of its network that the spec names (`ws/repo:`). */
  headRepository: StoredRepository;
  baseRepository: StoredRepository;
  /** Git that can read both sides' objects. */
  git: GitRepository;
  /** null: the head is a root commit, diffed against the empty tree. */
  base: string | null;
  head: string;
  options: DiffOptions;
}

function timeout(what: string, lines: number, limit: number): HttpError {
  // Bitbucket gives up on very large diffs with 555 and no pagination (bitbucket-api.md §7).
  return new HttpError(
    555,
    'Service Timeout',
    bitbucketError(
      `Service Timeout: the ${what} has ${lines} changed lines, more than the emulator's limit of ${limit}`,
    ),
  );
}

const flag = (ctx: RouteContext, name: string, fallback: boolean): boolean => {
  const value = ctx.url.searchParams.get(name);
  return value === null ? fallback : value === 'true';
};

/**
 * The repository a spec side names: the addressed one, or another of its fork network. Anything else — unknown,
 * deleted, unrelated — names no repository this diff can read: 404. Access to the fork is not checked: the
 * destination serves its pull requests' diffs (Bitbucket shows a fork's pull request diff to readers of the
 * destination, nishio-dens/bitbucket-pullrequest-builder-plugin#23).
 */
function sideRepository(ctx: RouteContext, addressed: StoredRepository, fullName?: string): StoredRepository {
  if (fullName === undefined) return addressed;
  const [workspace = '', slug = ''] = fullName.split('/');
  const named = ctx.env.store.findRepository(workspace, slug);
  if (!named || !ctx.env.store.sameNetwork(named, addressed))
    throw new HttpError(
      404,
      `Repository ${fullName} not found`,
      bitbucketError(`Repository ${fullName} not found`),
    );
  return named;
}

async function resolveDiff(ctx: RouteContext): Promise<ResolvedDiff> {
  const repository = repositoryOf(ctx);
  const spec = parseDiffSpec(param(ctx, 'spec'));
  const headRepository = sideRepository(ctx, repository, spec.headRepository);
  const baseRepository = sideRepository(ctx, repository, spec.baseRepository);
  const git = ctx.env.store.gitAcross(repository, [headRepository, baseRepository]);
  const head = await resolveOr404(headRepository, spec.head);
  let base: string | null;
  if (spec.base === undefined) {
    base = (await headRepository.git.readCommit(head))?.parents[0] ?? null;
  } else {
    const other = await resolveOr404(baseRepository, spec.base);
    // topic=true (default): only what the head side added since it branched off the base (three-dot).
    base = flag(ctx, 'topic', true) ? ((await git.mergeBase(head, other)) ?? other) : other;
  }
  const context = ctx.url.searchParams.get('context');
  const options: DiffOptions = {
    paths: ctx.url.searchParams.getAll('path'),
    ignoreWhitespace: flag(ctx, 'ignore_whitespace', false),
    renames: flag(ctx, 'renames', true),
  };
  if (context !== null) options.context = Math.max(0, Number(context));
  return { repository, headRepository, baseRepository, git, base, head, options };
}

function fileJson(
  ctx: RouteContext,
  repository: StoredRepository,
  commit: string | null,
  path: string | undefined,
  mode: string,
  binary: boolean,
): JsonObject | null {
  if (path === undefined || commit === null) return null;
  const json: JsonObject = {
    path,
    escaped_path: escapedPath(path),
    type: 'commit_file',
    links: {
      self: {
        href: `${repoApi(ctx.env.baseUrl, repository)}/src/${commit}/${path.split('/').map(encodeURIComponent).join('/')}`,
      },
    },
  };
  const attribute = fileAttribute(mode, binary);
  if (attribute) json.attributes = attribute;
  return json;
}

function diffstatJson(ctx: RouteContext, d: ResolvedDiff, change: RawChange): JsonObject {
  return {
    type: 'diffstat',
    status: diffstatStatus(change.status),
    lines_added: change.linesAdded,
    lines_removed: change.linesRemoved,
    old: fileJson(ctx, d.baseRepository, d.base, change.oldPath, change.oldMode, change.binary),
    new: fileJson(ctx, d.headRepository, d.head, change.newPath, change.newMode, change.binary),
  };
}

function countLines(buffer: Buffer): number {
  let lines = 0;
  for (let at = buffer.indexOf(0x0a); at >= 0; at = buffer.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

export const diffRoutes: RouteTable = {
  [`GET ${REPO}/diff/{spec}`]: async (ctx) => {
    const d = await resolveDiff(ctx);
    const diff = await d.git.diff(d.base, d.head, d.options);
    const lines = countLines(diff);
    if (lines > ctx.env.diffLineLimit) throw timeout('diff', lines, ctx.env.diffLineLimit);
    // The repository's own bytes, no charset: clients decode (bitbucket-api.md §7).
    return { status: 200, body: diff, contentType: 'text/plain' };
  },

  [`GET ${REPO}/diffstat/{spec}`]: async (ctx) => {
    const d = await resolveDiff(ctx);
    const changes = parseRawNumstat((await d.git.rawNumstat(d.base, d.head, d.options)).toString('utf8'));
    const lines = changes.reduce((sum, c) => sum + c.linesAdded + c.linesRemoved, 0);
    if (lines > ctx.env.diffstatLineLimit) throw timeout('diffstat', lines, ctx.env.diffstatLineLimit);
    return {
      status: 200,
      json: paginate(
        changes.map((c) => diffstatJson(ctx, d, c)),
        ctx.url,
        DIFFSTAT_PAGE_LIMITS,
      ),
    };
  },
};
