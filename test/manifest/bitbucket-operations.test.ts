/**
 * Every Bitbucket call the app makes, mapped to its OpenAPI operation, must be callable from Forge: the operation's
 * `x-atlassian-auth-types` lists `forge-oauth2` and one of its `x-atlassian-oauth2-scopes` sets is declared in
 * manifest.yml. @forge/lint cannot check this for the pipeline, whose routes are built at run time (routeOf), so:
 *
 * - statically, every BitbucketApi method and every literal `route` in src/ must have a mapping below: a new method
 *   or call site without one fails;
 * - from real runs of the end-to-end flows on the local platform (the bundled handlers, the emulator, the access
 *   world's resolvers acting as users), every request the runtime recorded must match a mapped operation, and every
 *   mapped operation must have been seen (but the one the flows cannot reach, named with its reason).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { startEmulator, type Emulator, type EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { forkGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import { DEFAULT_OPENAPI_PATH, OpenApiValidator } from '../../dev/bitbucket-emulator/openapi-validator';
import { createSampleRepository } from '../../dev/demo/sample-repo';
import {
  createForgeRuntime,
  extensions,
  mergeCheckEvent,
  pullRequestEvent,
  type BitbucketRequestRecord,
} from '../../dev/forge-runtime';
import { BitbucketApi } from '../../src/bitbucket/api';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import { CORE_PROJECT_UUID, startAccessWorld, WIDGETS_UUID, WORKSPACE_UUID } from '../support/access-world';
import { APP_ROOT, bundledFunctionsDir } from '../support/forge-app';

const REPO = '/repositories/{workspace}/{repo_slug}';

/** Each BitbucketApi method → the operation it calls ("METHOD /template", as the OpenAPI document spells it). */
const API_METHODS: Record<string, string> = {
  pullRequest: `GET ${REPO}/pullrequests/{pull_request_id}`,
  fullHash: `GET ${REPO}/commit/{commit}`,
  diff: `GET ${REPO}/diff/{spec}`,
  diffstat: `GET ${REPO}/diffstat/{spec}`,
  fileAt: `GET ${REPO}/src/{commit}/{path}`,
  mergeBase: `GET ${REPO}/merge-base/{revspec}`,
  comments: `GET ${REPO}/pullrequests/{pull_request_id}/comments`,
  createComment: `POST ${REPO}/pullrequests/{pull_request_id}/comments`,
  updateComment: `PUT ${REPO}/pullrequests/{pull_request_id}/comments/{comment_id}`,
  resolveComment: `POST ${REPO}/pullrequests/{pull_request_id}/comments/{comment_id}/resolve`,
  deleteReport: `DELETE ${REPO}/commit/{commit}/reports/{reportId}`,
  putReport: `PUT ${REPO}/commit/{commit}/reports/{reportId}`,
  postAnnotations: `POST ${REPO}/commit/{commit}/reports/{reportId}/annotations`,
  postBuildStatus: `POST ${REPO}/commit/{commit}/statuses/build`,
};

/** Calls made with a literal `route` outside BitbucketApi: file → the operations its literals address. */
const ROUTE_LITERALS: Record<string, string[]> = {
  // The resolvers' access checks, as the user (asUser): docs/access-control.md.
  'src/forge/resolvers/authorize.ts': [
    `GET ${REPO}/pullrequests/{pull_request_id}`,
    'GET /user/workspaces/{workspace}/permissions/repositories',
    'GET /user/workspaces/{workspace}/permission',
    'GET /workspaces/{workspace}/projects/{project_key}/permissions-config/users',
  ],
  // The settings pages, as the user: the repository's project and main branch, its .lintel.yml, the ignore preview.
  'src/forge/resolvers/settings-page-access.ts': [`GET ${REPO}`],
  'src/forge/resolvers/settings-view.ts': [`GET ${REPO}/src/{commit}/{path}`],
  'src/forge/resolvers/preview-ignore.ts': [`GET ${REPO}/src/{commit}/{path}`],
  // "Re-analyse" in the panel, as the app: the repository's project, so the job reads its project settings.
  'src/forge/resolvers/reanalyze.ts': [`GET ${REPO}`],
};

/** Files that may send Bitbucket requests at all: the Forge transport (BitbucketApi) and the route literals above. */
const REQUEST_SITES = ['src/forge/bitbucket-transport.ts', ...Object.keys(ROUTE_LITERALS)];

/**
 * Calls through the client outside BitbucketApi that never run on Forge: the CLI's `lintel pr` reads the token's
 * own user (GET /user is API-token only, not forge-oauth2: bitbucket-api.md §0).
 */
const CLI_ONLY_CLIENT_CALLS = ['src/cli/pr/command.ts'];

/** Mapped operations the flows below cannot reach, each with the reason. */
const NOT_EXERCISED: Record<string, string> = {
  [API_METHODS.mergeBase as string]:
    "read only when a file's diff does not reverse-apply to its head text, which Bitbucket's (and git's) exact diffs always do",
  [API_METHODS.resolveComment as string]:
    'sent only when a later push fixes a finding that has an inline comment (test/integration/resolve-fixed-comments.test.ts)',
};

interface OperationDoc {
  'x-atlassian-auth-types'?: string[];
  'x-atlassian-oauth2-scopes'?: Array<{ state?: string; scopes?: string[] }>;
}

const openapi = JSON.parse(fs.readFileSync(DEFAULT_OPENAPI_PATH, 'utf8')) as {
  paths: Record<string, Record<string, OperationDoc>>;
};
const validator = new OpenApiValidator(DEFAULT_OPENAPI_PATH);
const manifestScopes = (
  YAML.parse(fs.readFileSync(path.join(APP_ROOT, 'manifest.yml'), 'utf8')) as {
    permissions: { scopes: string[] };
  }
).permissions.scopes;

const mapped = new Set([...Object.values(API_METHODS), ...Object.values(ROUTE_LITERALS).flat()]);

/** "METHOD /template" of a request path as sent (`/2.0/…?query`), or why it matches no documented operation. */
function operationOf(method: string, requestPath: string): string {
  const bare = requestPath.split('?')[0] ?? '';
  const match = validator.match(method, bare.replace(/^\/2\.0\//, '').split('/'));
  return match.kind === 'ok' ? `${method} ${match.template}` : `${method} ${bare} (${match.kind})`;
}

/** Why an operation cannot be called from Forge with the manifest's scopes, or undefined when it can. */
function forgeProblem(operation: string): string | undefined {
  const [method = '', template = ''] = operation.split(' ');
  const doc = openapi.paths[template]?.[method.toLowerCase()];
  if (!doc) return 'not in the OpenAPI document';
  if (!doc['x-atlassian-auth-types']?.includes('forge-oauth2'))
    return `not callable from Forge (auth types: ${(doc['x-atlassian-auth-types'] ?? []).join(', ') || 'none'})`;
  const sets = (doc['x-atlassian-oauth2-scopes'] ?? []).filter((s) => (s.state ?? 'Current') === 'Current');
  if (!sets.some((s) => (s.scopes ?? []).every((scope) => manifestScopes.includes(scope))))
    return `needs ${sets.map((s) => (s.scopes ?? []).join(' + ')).join(' or ')}, manifest.yml declares ${manifestScopes.join(', ')}`;
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(APP_ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.ts'));
}

const read = (file: string) => fs.readFileSync(path.join(APP_ROOT, file), 'utf8');

describe('the mapping of every Bitbucket call to its OpenAPI operation', () => {
  it('has an entry for every BitbucketApi method, and none for a method that is gone', () => {
    const methods = Object.getOwnPropertyNames(BitbucketApi.prototype).filter((m) => m !== 'constructor');
    expect(methods.sort()).toEqual(Object.keys(API_METHODS).sort());
  });

  it('has an entry for every literal route in src/, and requests leave only from the known places', () => {
    const literals: Record<string, string[]> = {};
    for (const file of sourceFiles('src')) {
      const found = [...read(file).matchAll(/route`(\/2\.0\/[^`]*)`/g)].map((m) =>
        // A `${…}` parameter stands for one segment (or a query value, cut off with the query).
        operationOf('GET', (m[1] ?? '').replace(/\$\{[^}]*\}/g, 'x')).replace(/^GET /, ''),
      );
      if (found.length > 0) literals[file] = [...new Set(found)].sort();
    }
    const expected = Object.fromEntries(
      Object.entries(ROUTE_LITERALS).map(([file, ops]) => [
        file,
        [...new Set(ops.map((op) => op.replace(/^\S+ /, '')))].sort(),
      ]),
    );
    expect(literals).toEqual(expected);
    const senders = sourceFiles('src').filter((f) => /\.requestBitbucket\(/.test(read(f)));
    expect(senders.sort()).toEqual([...REQUEST_SITES].sort());
    const clientCalls = sourceFiles('src').filter(
      (f) =>
        !f.startsWith('src/bitbucket/') && /\.client\.(json|text|send|all|jsonOrUndefined)\b/.test(read(f)),
    );
    expect(clientCalls).toEqual(CLI_ONLY_CLIENT_CALLS);
  });

  it('maps only operations callable from Forge with the scopes manifest.yml declares', () => {
    const problems = [...mapped].map((op) => [op, forgeProblem(op)]).filter(([, problem]) => problem);
    expect(problems).toEqual([]);
  });

  it('refuses an operation Forge cannot call, or one needing an undeclared scope (negative control)', () => {
    expect(forgeProblem('GET /user')).toMatch(/not callable from Forge/);
    expect(forgeProblem(`POST ${REPO}/pullrequests/{pull_request_id}/merge`)).toMatch(
      /needs .*write:pullrequest:bitbucket/,
    );
  });
});

describe('the Bitbucket calls of real runs on the local platform', () => {
  let workDir: string;
  let emulator: Emulator;
  let appToken: string;
  let ids: { workspace: string; repository: string };
  const recorded: BitbucketRequestRecord[] = [];
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-operations-'));
    const sample = await createSampleRepository(workDir);
    const fork = await forkGitRepository(sample.gitDir, path.join(workDir, 'payments-fork'), [
      {
        branch: 'fork/retries',
        from: sample.featureBranch,
        message: 'fork',
        files: { 'NOTES.md': 'notes\n' },
      },
    ]);
    emulator = await startEmulator();
    appToken = emulator.addUser({ displayName: 'Lintel', app: true }).token;
    const author = emulator.addUser({ displayName: 'Dana' });
    const ws = emulator.addWorkspace({ slug: 'acme' });
    const repo = emulator.addRepository({ workspace: 'acme', slug: 'payments', gitDir: sample.gitDir });
    emulator.addRepository({
      workspace: 'acme',
      slug: 'payments-fork',
      gitDir: fork.gitDir,
      forkOf: { workspace: 'acme', slug: 'payments' },
    });
    ids = { workspace: ws.uuid, repository: repo.uuid };
    const open = (title: string, sourceBranch: string, fromFork = false): EmulatorPullRequest =>
      emulator.createPullRequest({
        workspace: 'acme',
        repo: 'payments',
        title,
        sourceBranch,
        destinationBranch: sample.mainBranch,
        author,
        ...(fromFork ? { sourceRepository: { workspace: 'acme', slug: 'payments-fork' } } : {}),
      });
    const pr = open('Retries', sample.featureBranch);
    const forked = open('Retries from a fork', 'fork/retries', true);

    const runtime = createForgeRuntime({
      appRoot: APP_ROOT,
      functionsDir: bundledFunctionsDir(),
      bitbucket: { baseUrl: emulator.baseUrl, appToken },
      installationContext: { workspaceId: ids.workspace },
    });
    runtime.install();
    const event = (kind: 'created' | 'updated', p: EmulatorPullRequest, sourceCommit = p.sourceCommit) =>
      pullRequestEvent(kind, {
        workspace: { uuid: ids.workspace },
        repository: { uuid: ids.repository, slug: 'payments' },
        pullRequest: { ...p, sourceCommit },
      });
    const run = async (e: object) => {
      await runtime.fireProductEvent(e);
      await runtime.idle();
    };
    try {
      // A run that fails on reading (STOPPED), then one on the same head: it clears the old report first.
      // 555 rather than 500: Bitbucket's timeout is retried only briefly, so the failing run ends quickly.
      emulator.faults.inject({ status: 555, path: /\/src\//, times: 1000 });
      await run(event('created', pr));
      emulator.faults.clear();
      await run(event('created', pr));
      // A new commit: the summary comment is edited, not posted again.
      const tree = path.dirname(sample.gitDir);
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=Dana', '-c', 'user.email=dana@example.invalid', ...args], {
          cwd: tree,
          env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
        });
      git('checkout', '--quiet', sample.featureBranch);
      fs.writeFileSync(path.join(tree, 'src/limits.ts'), 'export const maxAttempts = 5;\n');
      git('add', '-A');
      git('commit', '--quiet', '--no-gpg-sign', '-m', 'Limits');
      const newHead = git('rev-parse', 'HEAD').toString().trim();
      // A budget of one file per run: the next pull request is analysed in chunks (path-filtered diffs).
      process.env[BUDGET_VARIABLES.maxFiles] = '1';
      process.env[BUDGET_VARIABLES.filesPerChunk] = '2';
      await run(event('updated', pr, newHead));
      await run(event('created', forked));
      process.env = { ...savedEnv };
      await runtime.invokeMergeCheck(
        'quality-gate-check',
        mergeCheckEvent('on-merge', {
          workspaceUuid: ids.workspace,
          repositoryUuid: ids.repository,
          pullRequest: pr.id,
        }),
      );
      recorded.push(...runtime.bitbucketRequests);
    } finally {
      process.env = { ...savedEnv };
      runtime.uninstall();
    }

    // The resolvers, acting as users with their own tokens (asUser).
    const world = await startAccessWorld();
    try {
      const as = (person: 'owner' | 'admin' | 'projectAdmin' | 'reader' | 'writer') => ({
        accountId: world.people[person].accountId,
      });
      await world.runtime.invokeResolver(
        'pr-panel',
        { functionKey: 'getPanelState' },
        { ...as('reader'), extension: extensions.pullRequestPanel(WIDGETS_UUID, 1) },
      );
      await world.runtime.invokeResolver(
        'pr-panel',
        { functionKey: 'reanalyzePullRequest' },
        { ...as('writer'), extension: extensions.pullRequestPanel(WIDGETS_UUID, 1) },
      );
      // The queued re-analysis runs as a Bitbucket event's would (its calls are the app's, mapped above).
      await world.runtime.idle();
      await world.runtime.invokeResolver(
        'repo-settings',
        { functionKey: 'getSettings' },
        { ...as('admin'), extension: extensions.repoSettings(WIDGETS_UUID) },
      );
      await world.runtime.invokeResolver(
        'project-settings',
        { functionKey: 'getSettings' },
        { ...as('projectAdmin'), extension: extensions.projectSettings(CORE_PROJECT_UUID) },
      );
      await world.runtime.invokeResolver(
        'workspace-settings',
        { functionKey: 'getSettings' },
        { ...as('owner'), extension: extensions.workspaceSettings(WORKSPACE_UUID) },
      );
      recorded.push(...world.runtime.bitbucketRequests);
      expect(world.emulator.violations).toEqual([]);
    } finally {
      await world.stop();
    }
  }, 180_000);

  afterAll(async () => {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('sent only requests the OpenAPI document allows, with an Accept each endpoint serves', () => {
    expect(emulator.violations).toEqual([]);
  });

  it('made every call through an operation of the mapping', () => {
    const unmapped = recorded
      .map((r) => ({ op: operationOf(r.method, r.path), by: `${r.functionKey ?? '?'} (${r.provider})` }))
      .filter(({ op }) => !mapped.has(op));
    expect(unmapped).toEqual([]);
  });

  it('exercised every mapped operation, as the app and as users', () => {
    const seen = new Set(recorded.map((r) => operationOf(r.method, r.path)));
    const unseen = [...mapped].filter((op) => !seen.has(op) && !(op in NOT_EXERCISED));
    expect(unseen).toEqual([]);
    expect(recorded.some((r) => r.provider === 'user')).toBe(true);
    expect(recorded.some((r) => r.provider === 'app')).toBe(true);
    // The fork's head was resolved in the fork, and its diff (the files' text) read through the destination naming
    // the fork.
    expect(recorded.some((r) => r.path.includes('/payments-fork/commit/'))).toBe(true);
    expect(recorded.some((r) => /\/diff\/acme\/payments-fork:/.test(r.path))).toBe(true);
  });
});
