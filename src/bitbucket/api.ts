/**
 * Bitbucket API 2.0 operations Lintel uses, each one request (or one listing) with an operation name that says
 * what failed. Paths follow the OpenAPI document; limits are enforced by the callers in src/publish/.
 */
import type { BitbucketClient } from './client';
import { BitbucketError } from './errors';
import { COMMENTS_PAGELEN_MAX, DIFFSTAT_PAGELEN_MAX } from './limits';
import type {
  AnnotationBody,
  BuildStatusBody,
  CommentInfo,
  DiffstatEntry,
  PullRequestInfo,
  RepoRef,
  ReportBody,
} from './models';
import { ACCEPT_ANY, ACCEPT_JSON, ACCEPT_TEXT, type ApiPath, type PathSegment } from './types';

const repoPath = (r: RepoRef, ...rest: PathSegment[]): ApiPath['segments'] => [
  'repositories',
  r.workspace,
  r.repository,
  ...rest,
];

/**
 * The diff spec of `source` against `destination`. A fork's head commit exists only in the fork, so the spec names
 * the fork as Bitbucket's own pull-request diff link does; the request still addresses the destination repository.
 */
export interface DiffOptions {
  /** The fork the source commit lives in, for a pull request from one. */
  fork?: RepoRef;
  /** Lines of context around each change. */
  context?: number;
  /** Only these files (both names of a renamed one). */
  paths?: readonly string[];
}

const diffSpec = (source: string, destination: string, sourceRepo?: RepoRef): PathSegment =>
  sourceRepo
    ? { forkRange: { repo: sourceRepo, from: source, to: destination } }
    : { range: [source, destination] };

export class BitbucketApi {
  constructor(readonly client: BitbucketClient) {}

  pullRequest(r: RepoRef, id: number): Promise<PullRequestInfo> {
    return this.client.json({
      method: 'GET',
      operation: `read pull request #${id}`,
      target: { segments: repoPath(r, 'pullrequests', id) },
    });
  }

  /** Resolves an abbreviated hash (events and PR objects carry 12 characters) to the full 40-character one. */
  async fullHash(r: RepoRef, commit: string): Promise<string> {
    const c = await this.client.json<{ hash: string }>({
      method: 'GET',
      operation: `resolve commit ${commit}`,
      target: { segments: repoPath(r, 'commit', commit) },
    });
    return c.hash;
  }

  /**
   * What a pull request from `source` into `destination` changes: the repository diff of `source..destination`
   * with topic semantics (against their merge base), i.e. where the PR diff redirects to — without the redirect.
   * `r` is the destination repository; `fork` names the repository `source` lives in, for a pull request from one.
   * `context` asks for that many lines around each change (Bitbucket's default is 3; more than a file has gives
   * it whole); `paths` restricts the diff to those files (Bitbucket's repeatable `path`: pass both names of a
   * renamed file), how a diff too large for one request (HTTP 555, no pagination) is read in slices.
   */
  diff(r: RepoRef, source: string, destination: string, options: DiffOptions = {}): Promise<string> {
    const { fork, context, paths } = options;
    const slice =
      paths === undefined ? '' : paths.length === 1 ? ` of ${paths[0]}` : ` of ${paths.length} files`;
    return this.client.text({
      method: 'GET',
      operation: `read the diff${slice} of ${source.slice(0, 12)} against ${destination.slice(0, 12)}`,
      target: {
        segments: repoPath(r, 'diff', diffSpec(source, destination, fork)),
        query: {
          topic: true,
          ...(context === undefined ? {} : { context }),
          ...(paths === undefined ? {} : { path: paths }),
        },
      },
      accept: ACCEPT_TEXT,
    });
  }

  diffstat(r: RepoRef, source: string, destination: string, sourceRepo?: RepoRef): Promise<DiffstatEntry[]> {
    return this.client.all({
      method: 'GET',
      operation: `read the diffstat of ${source.slice(0, 12)} against ${destination.slice(0, 12)}`,
      target: {
        segments: repoPath(r, 'diffstat', diffSpec(source, destination, sourceRepo)),
        query: { topic: true, pagelen: DIFFSTAT_PAGELEN_MAX },
      },
    });
  }

  /** Raw file contents: Bitbucket sends them with a content type guessed from the name (`.ts` → video/mp2t). */
  fileAt(r: RepoRef, commit: string, filePath: string): Promise<string> {
    return this.client.text({
      method: 'GET',
      operation: `read ${filePath} at ${commit.slice(0, 12)}`,
      target: { segments: repoPath(r, 'src', commit), filePath },
      accept: ACCEPT_ANY,
    });
  }

  async mergeBase(r: RepoRef, a: string, b: string): Promise<string> {
    const c = await this.client.json<{ hash: string }>({
      method: 'GET',
      operation: `find the merge base of ${a.slice(0, 12)} and ${b.slice(0, 12)}`,
      target: { segments: repoPath(r, 'merge-base', { range: [a, b] }) },
    });
    return c.hash;
  }

  /**
   * Live comments, optionally only one user's and only those containing `contains`. The filter runs on the server
   * (BBQL `q`) to keep listings short; where Bitbucket refuses the combined query (it is untested there,
   * bitbucket-api.md §4) the listing is read unfiltered and filtered here, so callers always get the same answer.
   */
  async comments(
    r: RepoRef,
    id: number,
    filter: { userUuid?: string; contains?: string } = {},
  ): Promise<CommentInfo[]> {
    const clauses = ['deleted = false'];
    if (filter.userUuid) clauses.push(`user.uuid = ${JSON.stringify(filter.userUuid)}`);
    if (filter.contains) clauses.push(`content.raw ~ ${JSON.stringify(filter.contains)}`);
    const list = (q?: string) =>
      this.client.all<CommentInfo>({
        method: 'GET',
        operation: `list comments of pull request #${id}`,
        target: {
          segments: repoPath(r, 'pullrequests', id, 'comments'),
          query: { ...(q ? { q } : {}), pagelen: COMMENTS_PAGELEN_MAX },
        },
      });
    try {
      return await list(clauses.join(' AND '));
    } catch (error) {
      if (!(error instanceof BitbucketError && error.status === 400)) throw error;
    }
    const needle = filter.contains?.toLowerCase();
    return (await list()).filter(
      (c) =>
        !c.deleted &&
        (!filter.userUuid || c.user?.uuid === filter.userUuid) &&
        (!needle || (c.content?.raw ?? '').toLowerCase().includes(needle)),
    );
  }

  createComment(
    r: RepoRef,
    id: number,
    raw: string,
    inline?: { path: string; to: number },
  ): Promise<CommentInfo> {
    return this.client.json({
      method: 'POST',
      operation: inline
        ? `comment on ${inline.path}:${inline.to} in pull request #${id}`
        : `comment on pull request #${id}`,
      target: { segments: repoPath(r, 'pullrequests', id, 'comments') },
      body: inline ? { content: { raw }, inline } : { content: { raw } },
      // Each applied POST is a new comment; a lost answer is found out by the next run's listing (markers).
      repeatable: false,
    });
  }

  updateComment(r: RepoRef, id: number, commentId: number, raw: string): Promise<CommentInfo> {
    return this.client.json({
      method: 'PUT',
      operation: `edit comment ${commentId} on pull request #${id}`,
      target: { segments: repoPath(r, 'pullrequests', id, 'comments', commentId) },
      body: { content: { raw } },
    });
  }

  /** Resolves a top-level inline comment; one Bitbucket already shows resolved (409) counts as done. */
  async resolveComment(r: RepoRef, id: number, commentId: number): Promise<void> {
    try {
      await this.client.send({
        method: 'POST',
        operation: `resolve comment ${commentId} on pull request #${id}`,
        target: { segments: repoPath(r, 'pullrequests', id, 'comments', commentId, 'resolve') },
        accept: ACCEPT_JSON,
      });
    } catch (error) {
      if (error instanceof BitbucketError && error.status === 409) return;
      throw error;
    }
  }

  async deleteReport(r: RepoRef, commit: string, reportId: string): Promise<void> {
    await this.client.send(
      {
        method: 'DELETE',
        operation: `delete report ${reportId}`,
        target: { segments: repoPath(r, 'commit', commit, 'reports', reportId) },
      },
      true,
    );
  }

  async putReport(r: RepoRef, commit: string, reportId: string, report: ReportBody): Promise<void> {
    await this.client.send({
      method: 'PUT',
      operation: `write report ${reportId}`,
      target: { segments: repoPath(r, 'commit', commit, 'reports', reportId) },
      body: report,
    });
  }

  async postAnnotations(
    r: RepoRef,
    commit: string,
    reportId: string,
    annotations: AnnotationBody[],
  ): Promise<void> {
    await this.client.send({
      method: 'POST',
      operation: `add ${annotations.length} annotations to report ${reportId}`,
      target: { segments: repoPath(r, 'commit', commit, 'reports', reportId, 'annotations') },
      body: annotations,
    });
  }

  async postBuildStatus(r: RepoRef, commit: string, status: BuildStatusBody): Promise<void> {
    await this.client.send({
      method: 'POST',
      operation: `set build status ${status.key} to ${status.state}`,
      target: { segments: repoPath(r, 'commit', commit, 'statuses', 'build') },
      body: status,
    });
  }
}
