/**
 * Lintel installed on a fresh Bitbucket emulator: one workspace (`acme`) with one repository over a real git
 * repository, Lintel's app user, and the local Forge runtime running the functions as `forge deploy` ships them
 * (Forge's bundler output, no node_modules beside it). The end-to-end tests open pull requests on it and read back
 * what Bitbucket would show.
 */
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type EmulatorPullRequest,
} from '../../dev/bitbucket-emulator';
import {
  createForgeRuntime,
  pullRequestEvent,
  type ForgeRuntime,
  type ForgeRuntimeOptions,
} from '../../dev/forge-runtime';
import { APP_ROOT, bundledFunctionsDir } from './forge-app';

export const WORKSPACE = 'acme';

export interface LocalApp {
  emulator: Emulator;
  appToken: string;
  /** The repository's slug in `acme`. */
  repository: string;
  /** UUIDs; `project` is the project the repository is in (the workspace's default one). */
  ids: { workspace: string; project: string; repository: string };
  /** A new local Forge runtime over this emulator, installed; bundled functions unless `functionsDir` says else. */
  runtime(options?: Partial<ForgeRuntimeOptions>): ForgeRuntime;
  /** Opens a pull request from `branch` into `main` (or `into`), by a new author. */
  openPullRequest(branch: string, into?: string): EmulatorPullRequest;
  /** The pull request's `avi:bitbucket:created:pullrequest` event, with top-level fields overridden. */
  created(pr: EmulatorPullRequest, extra?: Record<string, unknown>): ReturnType<typeof pullRequestEvent>;
  /** What Bitbucket shows on the pull request's head commit and in its comments. */
  published(pr: EmulatorPullRequest): {
    reports: ReturnType<Emulator['state']['reports']>;
    statuses: ReturnType<Emulator['state']['statuses']>;
    summaries: ReturnType<Emulator['state']['comments']>;
    inline: ReturnType<Emulator['state']['comments']>;
  };
}

export async function startLocalApp(
  gitDir: string,
  options: { repository?: string; emulator?: EmulatorOptions } = {},
): Promise<LocalApp> {
  const repository = options.repository ?? 'payments';
  const emulator = await startEmulator(options.emulator);
  const appToken = emulator.addUser({ displayName: 'Lintel', app: true }).token;
  const ws = emulator.addWorkspace({ slug: WORKSPACE });
  const repo = emulator.addRepository({ workspace: WORKSPACE, slug: repository, gitDir });
  const ids = { workspace: ws.uuid, project: repo.project.uuid, repository: repo.uuid };
  const comments = (pr: EmulatorPullRequest) =>
    emulator.state.comments(WORKSPACE, repository, pr.id).filter((c) => !c.deleted);
  return {
    emulator,
    appToken,
    repository,
    ids,
    runtime(runtimeOptions = {}) {
      const runtime = createForgeRuntime({
        appRoot: APP_ROOT,
        functionsDir: bundledFunctionsDir(),
        bitbucket: { baseUrl: emulator.baseUrl, appToken },
        installationContext: { workspaceId: ids.workspace },
        ...runtimeOptions,
      });
      runtime.install();
      return runtime;
    },
    openPullRequest: (branch, into = 'main') =>
      emulator.createPullRequest({
        workspace: WORKSPACE,
        repo: repository,
        title: `Rewrite ${branch}`,
        sourceBranch: branch,
        destinationBranch: into,
        author: emulator.addUser({ displayName: `Dev ${branch}` }),
      }),
    created: (pr, extra = {}) => ({
      ...pullRequestEvent('created', {
        workspace: { uuid: ids.workspace },
        // As Forge sends it: the event names the repository's project.
        repository: { uuid: ids.repository, slug: repository, project: { uuid: ids.project } },
        pullRequest: pr,
      }),
      ...extra,
    }),
    published: (pr) => ({
      reports: emulator.state.reports(WORKSPACE, repository, pr.sourceCommit),
      statuses: emulator.state.statuses(WORKSPACE, repository, pr.sourceCommit),
      summaries: comments(pr).filter((c) => !c.inline),
      inline: comments(pr).filter((c) => c.inline),
    }),
  };
}
