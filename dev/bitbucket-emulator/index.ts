/**
 * Bitbucket Cloud API 2.0 emulator: a real HTTP server on 127.0.0.1 over real git repositories, validating
 * every request against Bitbucket's OpenAPI document. See README.md in this folder.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults';
import { OpenApiValidator, DEFAULT_OPENAPI_PATH } from './openapi-validator';
import { RateLimits } from './rate-limit';
import { createStateView } from './state-view';
import { Store } from './store';
import { createRequestHandler } from './server';
import { allRoutes, bodyPrechecks } from './routes';
import type { EmulatorEnv } from './routes/context';
import type { Emulator, EmulatorOptions, OpenApiViolation, RequestLogEntry } from './types';

export type * from './types';

/**
 * Bitbucket documents at most 200 files, and 100 KB of raw diff per file, for a pull request's diff
 * (support.atlassian.com/bitbucket-cloud/docs/limits-for-viewing-content-and-diffs); the API answers 555 when a
 * diff times out (a 250-file diff did: mibexsoftware/sonar-bitbucket-plugin#44). The emulator's 555 thresholds.
 */
export const DIFF_FILE_LIMIT = 200;
export const DIFF_BYTE_LIMIT = DIFF_FILE_LIMIT * 102_400;
export { createGitRepository } from './git-fixture';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  if (opts.diffLineLimit !== undefined && !(opts.diffLineLimit > 0))
    throw new Error('startEmulator: diffLineLimit must be a positive number');
  if (opts.diffstatLineLimit !== undefined && !(opts.diffstatLineLimit > 0))
    throw new Error('startEmulator: diffstatLineLimit must be a positive number');
  for (const name of ['diffFileLimit', 'diffByteLimit'] as const) {
    const value = opts[name];
    if (value !== undefined && !(value > 0))
      throw new Error(`startEmulator: ${name} must be a positive number`);
  }
  if (
    opts.diffContextMax !== undefined &&
    !(Number.isInteger(opts.diffContextMax) && opts.diffContextMax >= 0)
  )
    throw new Error('startEmulator: diffContextMax must be a whole number of 0 or more');
  const validator = new OpenApiValidator(opts.openApiPath ?? DEFAULT_OPENAPI_PATH);
  const store = new Store();
  const env: EmulatorEnv = {
    store,
    validator,
    baseUrl: '',
    diffLineLimit: opts.diffLineLimit ?? Number.POSITIVE_INFINITY,
    diffstatLineLimit: opts.diffstatLineLimit ?? opts.diffLineLimit ?? Number.POSITIVE_INFINITY,
    diffFileLimit: opts.diffFileLimit ?? DIFF_FILE_LIMIT,
    diffByteLimit: opts.diffByteLimit ?? DIFF_BYTE_LIMIT,
    diffContextMax: opts.diffContextMax ?? Number.POSITIVE_INFINITY,
  };
  const faults = new Faults();
  const rateLimits = new RateLimits(opts.rateLimit);
  const violations: OpenApiViolation[] = [];
  const requests: RequestLogEntry[] = [];
  const server = createServer(
    createRequestHandler({
      env,
      routes: allRoutes(),
      prechecks: bodyPrechecks(),
      faults,
      rateLimits,
      violations,
      requests,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  env.baseUrl = `http://127.0.0.1:${port}`;

  const workspaceUuid = (workspace: string): string => {
    const found = store.findWorkspace(workspace);
    if (!found) throw new Error(`rateLimits: unknown workspace "${workspace}"`);
    return found.uuid;
  };
  const repositoryOrThrow = (workspace: string, repo: string) => {
    const repository = store.findRepository(workspace, repo);
    if (!repository) throw new Error(`Unknown repository ${workspace}/${repo}`);
    return repository;
  };

  return {
    baseUrl: env.baseUrl,
    addUser: (u) => store.addUser(u),
    addWorkspace: (w) => store.addWorkspace(w),
    addProject: (p) => store.addProject(p),
    addRepository: (r) => {
      const { git: _git, ...repository } = store.addRepository(r);
      return repository;
    },
    grantRepositoryPermission: (g) =>
      store.grantRepositoryPermission(repositoryOrThrow(g.workspace, g.repo), g.user, g.permission),
    grantProjectPermission: (g) => {
      const project = store.findProject(g.workspace, g.project);
      if (!project)
        throw new Error(
          `grantProjectPermission: unknown project "${g.project}" in workspace "${g.workspace}"`,
        );
      store.projects.grant(project, g.user, g.permission);
    },
    setWorkspaceRole: (r) => {
      const workspace = store.findWorkspace(r.workspace);
      if (!workspace) throw new Error(`setWorkspaceRole: unknown workspace "${r.workspace}"`);
      store.setWorkspaceRole(workspace, r.user, r.role);
    },
    deleteRepository: (workspace, slug) => store.deleteRepository(repositoryOrThrow(workspace, slug)),
    createPullRequest: (p) =>
      store.createPullRequest(
        repositoryOrThrow(p.workspace, p.repo),
        p,
        p.sourceRepository && repositoryOrThrow(p.sourceRepository.workspace, p.sourceRepository.slug),
      ),
    setPullRequestDraft: (workspace, repo, id, draft) => {
      const pr = store.findPullRequest(repositoryOrThrow(workspace, repo), id);
      if (!pr) throw new Error(`Unknown pull request ${workspace}/${repo}#${id}`);
      pr.draft = draft;
      pr.updatedOn = new Date().toISOString().replace('Z', '000+00:00');
    },
    setPullRequestState: (workspace, repo, id, state) => {
      const repository = repositoryOrThrow(workspace, repo);
      const pr = store.findPullRequest(repository, id);
      if (!pr) throw new Error(`Unknown pull request ${workspace}/${repo}#${id}`);
      if (state !== 'MERGED' && state !== 'DECLINED')
        throw new Error(`setPullRequestState: state must be MERGED or DECLINED, got ${String(state)}`);
      // Freeze the heads at closing time: a closed PR no longer follows its branches.
      const source = store.sourceOf(repository, pr);
      if (!store.isDeleted(source)) {
        pr.sourceCommit = source.git.resolveSync(pr.sourceBranch);
        pr.sourceShortHash = pr.sourceCommit.slice(0, 12);
      }
      pr.destinationCommit = repository.git.resolveSync(pr.destinationBranch);
      pr.destinationShortHash = pr.destinationCommit.slice(0, 12);
      pr.state = state;
      pr.updatedOn = new Date().toISOString().replace('Z', '000+00:00');
    },
    state: createStateView(env),
    violations,
    requests,
    faults,
    rateLimits: {
      setLimit: (workspace, n) => rateLimits.setLimit(workspaceUuid(workspace), n),
      spend: (workspace, n) => rateLimits.spend(workspaceUuid(workspace), n),
      used: (workspace) => rateLimits.used(workspaceUuid(workspace)),
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        store.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
