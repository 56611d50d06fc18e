/** Repository-level diff and diffstat with Bitbucket's topic (merge-base) semantics and 555 on huge diffs. */
import { HttpError, badRequest, bitbucketError } from '../errors';
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

/** git reads `-U<n>` into an int: larger values wrap around and print garbage hunk headers. */
export const GIT_CONTEXT_MAX = 2_147_483_647;

function timeout(what: string, size: string, limit: string): HttpError {
  // Bitbucket gives up on very large diffs with 555 and no pagination (bitbucket-api.md §7).
  return new HttpError(
    555,
    'Service Timeout',
    bitbucketError(`Service Timeout: the ${what} has ${size}, more than the emulator's limit of ${limit}`),
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
  const options: DiffOptions = {
    paths: ctx.url.searchParams.getAll('path'),
    ignoreWhitespace: flag(ctx, 'ignore_whitespace', false),
    renames: flag(ctx, 'renames', true),
  };
  const context = contextOf(ctx);
  if (context !== undefined) options.context = context;
  return { repository, headRepository, baseRepository, git, base, head, options };
}

/**
 * The `context` lines asked for (an integer, the validator checked), cut to `diffContextMax` when a test makes the
 * emulator a server that sends less context than asked. Negative or beyond git's int: 400, where git would print
 * garbage hunk headers (what Bitbucket does with such values is unverified).
 */
function contextOf(ctx: RouteContext): number | undefined {
  const raw = ctx.url.searchParams.get('context');
  if (raw === null) return undefined;
  const context = Number(raw);
  if (!(context >= 0 && context <= GIT_CONTEXT_MAX)) {
    const problem = `must be from 0 to ${GIT_CONTEXT_MAX}, got ${raw}`;
    throw badRequest(`context ${problem}`, { context: [problem] });
  }
  return Math.min(context, ctx.env.diffContextMax);
}

/** The document: "The 'merge' and 'topic' parameters cannot be both used at the same time." */
function checkMergeAndTopic(ctx: RouteContext): void {
  const { searchParams } = ctx.url;
  if (searchParams.has('merge') && searchParams.has('topic')) {
    const problem = "'merge' (deprecated) and 'topic' cannot both be used";
    throw badRequest(`The ${problem}`, { merge: [problem] });
  }
}

/**
 * The changes a request selects. `path` names files, as the document says ("Limit the diff to a particular file"):
 * a file matches under its base or head name, and a directory matches nothing, so a client cannot come to rely on
 * directory filters Bitbucket does not promise. `binary=false` leaves binary files out.
 */
async function selectedChanges(d: ResolvedDiff, includeBinary: boolean): Promise<RawChange[]> {
  const all = parseRawNumstat((await d.git.rawNumstat(d.base, d.head, d.options)).toString('utf8'));
  const paths = new Set(d.options.paths ?? []);
  const named = (p: string | undefined) => p !== undefined && paths.has(p);
  return all.filter(
    (c) => (paths.size === 0 || named(c.oldPath) || named(c.newPath)) && (includeBinary || !c.binary),
  );
}

/** The git pathspecs that give exactly `changes` (both names of a rename, so git pairs them again). */
const pathsOf = (changes: readonly RawChange[]): string[] => [
  ...new Set(changes.flatMap((c) => [c.oldPath, c.newPath].filter((p): p is string => p !== undefined))),
];

/** 555 for a diff Bitbucket would not build in time: too many files or changed lines, before building it. */
function checkDiffSize(ctx: RouteContext, changes: readonly RawChange[]): void {
  const { diffFileLimit, diffLineLimit } = ctx.env;
  if (changes.length > diffFileLimit) {
    throw timeout('diff', `${changes.length} files`, `${diffFileLimit} files`);
  }
  const lines = changes.reduce((sum, c) => sum + c.linesAdded + c.linesRemoved, 0);
  if (lines > diffLineLimit)
    throw timeout('diff', `${lines} changed lines`, `${diffLineLimit} changed lines`);
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

export const diffRoutes: RouteTable = {
  [`GET ${REPO}/diff/{spec}`]: async (ctx) => {
    checkMergeAndTopic(ctx);
    const d = await resolveDiff(ctx);
    const includeBinary = flag(ctx, 'binary', true);
    const changes = await selectedChanges(d, includeBinary);
    checkDiffSize(ctx, changes);
    // Filtered: git is given exactly the selected files (none selected: an empty diff, as git prints for no change).
    const filtered = (d.options.paths ?? []).length > 0 || !includeBinary;
    const diff =
      filtered && changes.length === 0
        ? Buffer.alloc(0)
        : await d.git.diff(d.base, d.head, { ...d.options, paths: filtered ? pathsOf(changes) : [] });
    if (diff.length > ctx.env.diffByteLimit) {
      throw timeout('diff', `${diff.length} bytes`, `${ctx.env.diffByteLimit} bytes`);
    }
    // The repository's own bytes, no charset: clients decode (bitbucket-api.md §7).
    return { status: 200, body: diff, contentType: 'text/plain' };
  },

  [`GET ${REPO}/diffstat/{spec}`]: async (ctx) => {
    checkMergeAndTopic(ctx);
    const d = await resolveDiff(ctx);
    const changes = await selectedChanges(d, true);
    const lines = changes.reduce((sum, c) => sum + c.linesAdded + c.linesRemoved, 0);
    if (lines > ctx.env.diffstatLineLimit) {
      throw timeout('diffstat', `${lines} changed lines`, `${ctx.env.diffstatLineLimit} changed lines`);
    }
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
