/** Read-only views of what clients wrote, in the same JSON the API returns, for tests and the demo. */
import type { EmulatorEnv } from './routes/context';
import { annotationJson, reportJson } from './routes/reports';
import { statusJson } from './routes/statuses';
import { commentJson } from './routes/comments';
import type { EmulatorStateView, JsonObject } from './types';
import type { StoredRepository } from './store';

export function createStateView(env: EmulatorEnv): EmulatorStateView {
  const repo = (workspace: string, slug: string): StoredRepository => {
    const repository = env.store.findRepository(workspace, slug);
    if (!repository) throw new Error(`Unknown repository ${workspace}/${slug}`);
    return repository;
  };
  return {
    reports: (ws, slug, commit) => {
      const repository = repo(ws, slug);
      return env.store
        .reportsOf(repository, commit)
        .map((r) => reportJson(env.baseUrl, repository, commit, r));
    },
    annotations: (ws, slug, commit, reportId): JsonObject[] => {
      const repository = repo(ws, slug);
      const report = env.store
        .reportsOf(repository, commit)
        .find((r) => r.uuid === reportId || r.externalId === reportId);
      return report
        ? [...report.annotations.values()].map((a) =>
            annotationJson(env.baseUrl, repository, commit, report, a),
          )
        : [];
    },
    statuses: (ws, slug, commit) => {
      const repository = repo(ws, slug);
      return env.store
        .statusesOf(repository, commit)
        .map((s) => statusJson(env.baseUrl, repository, commit, s));
    },
    comments: (ws, slug, prId) => {
      const repository = repo(ws, slug);
      const pr = env.store.findPullRequest(repository, prId);
      if (!pr) throw new Error(`Unknown pull request ${ws}/${slug}#${prId}`);
      return env.store.commentsOf(repository, prId).map((c) => commentJson(env.baseUrl, repository, pr, c));
    },
    pullRequest: (ws, slug, prId) => env.store.findPullRequest(repo(ws, slug), prId),
  };
}
