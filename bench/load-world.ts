/**
 * Many pull requests at once on the local platform (issue 10.5), shared by `bench/load.ts` and
 * test/integration/load-flow.test.ts so the benchmark and the test measure the same thing: one workspace with
 * `repositories` repositories over real git, `pullRequestsPerRepository` open pull requests in each, Lintel's real
 * handlers (as Forge's bundler packs them) under the runtime shim, and one `created` event per pull request.
 *
 * Every pull request changes its own module: a new branchy function (a HIGH complexity finding, so an inline
 * comment) next to a small clean one, so each run reads, analyses and writes every part Lintel publishes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createGitRepository,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type EmulatorPullRequest,
} from '../dev/bitbucket-emulator';
import {
  createForgeRuntime,
  pullRequestEvent,
  type ForgeRuntime,
  type ForgeRuntimeOptions,
} from '../dev/forge-runtime';

export const LOAD_WORKSPACE = 'acme';
/** The workspace's hourly API budget in the load world: Bitbucket's largest scaled limit (bitbucket-api.md §8). */
export const LOAD_REQUESTS_PER_HOUR = 10_000;

export interface LoadPullRequest {
  repository: string;
  ids: { workspace: string; project: string; repository: string };
  pr: EmulatorPullRequest;
  /** Its `avi:bitbucket:created:pullrequest` event. */
  event: object;
}

export interface LoadWorld {
  emulator: Emulator;
  runtime: ForgeRuntime;
  pullRequests: LoadPullRequest[];
  /** Uninstalls the runtime, stops the emulator and removes the repositories. */
  close(): Promise<void>;
}

export interface LoadWorldOptions {
  repositories: number;
  pullRequestsPerRepository: number;
  /** The bundled functions (dev/forge-bundle). */
  functionsDir: string;
  appRoot: string;
  emulator?: EmulatorOptions;
  runtime?: Partial<ForgeRuntimeOptions>;
}

function baseModule(repo: number): string {
  return `export function total(values: number[]): number {\n  return values.reduce((a, b) => a + b, ${repo});\n}\n`;
}

/** A function with 15 decisions (cyclomatic complexity 16, HIGH) and a clean one; distinct per repository and PR. */
function featureModule(repo: number, n: number): string {
  const cases = Array.from({ length: 15 }, (_, i) => `  if (code === ${i + n}) return 'r${repo}-${i}';`);
  return [
    `export function route${n}(code: number): string {`,
    ...cases,
    `  return 'none';`,
    `}`,
    ``,
    `export function label${n}(name: string): string {`,
    `  return \`\${name}-${repo}-${n}\`;`,
    `}`,
    ``,
  ].join('\n');
}

export async function startLoadWorld(options: LoadWorldOptions): Promise<LoadWorld> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-load-'));
  // Fifty pull requests at once belong to a large workspace: Bitbucket's scaled limit, not the base 1,000 an hour,
  // whose exhaustion (and waiting for the hour to roll) is the rate-budget tests' subject, not this one's.
  const emulator = await startEmulator({
    ...options.emulator,
    rateLimit: { requestsPerHour: LOAD_REQUESTS_PER_HOUR, ...options.emulator?.rateLimit },
  });
  const app = emulator.addUser({ displayName: 'Lintel', app: true });
  const ws = emulator.addWorkspace({ slug: LOAD_WORKSPACE });
  const pullRequests: LoadPullRequest[] = [];
  for (let r = 0; r < options.repositories; r++) {
    const slug = `service-${r}`;
    const branches = Array.from({ length: options.pullRequestsPerRepository }, (_, n) => `feature/${n}`);
    const { gitDir } = await createGitRepository(path.join(workDir, slug), [
      { branch: 'main', message: 'base', files: { 'src/total.ts': baseModule(r) } },
      ...branches.map((branch, n) => ({
        branch,
        from: 'main',
        message: `route ${n}`,
        files: { [`src/route${n}.ts`]: featureModule(r, n) },
      })),
    ]);
    const repo = emulator.addRepository({ workspace: LOAD_WORKSPACE, slug, gitDir });
    const ids = { workspace: ws.uuid, project: repo.project.uuid, repository: repo.uuid };
    for (const branch of branches) {
      const pr = emulator.createPullRequest({
        workspace: LOAD_WORKSPACE,
        repo: slug,
        title: `Add ${branch}`,
        sourceBranch: branch,
        destinationBranch: 'main',
        author: emulator.addUser({ displayName: `Dev ${slug} ${branch}` }),
      });
      const event = pullRequestEvent('created', {
        workspace: { uuid: ws.uuid },
        repository: { uuid: repo.uuid, slug, project: { uuid: repo.project.uuid } },
        pullRequest: pr,
      });
      pullRequests.push({ repository: slug, ids, pr, event });
    }
  }
  const runtime = createForgeRuntime({
    appRoot: options.appRoot,
    functionsDir: options.functionsDir,
    bitbucket: { baseUrl: emulator.baseUrl, appToken: app.token },
    installationContext: { workspaceId: ws.uuid },
    ...options.runtime,
  });
  runtime.install();
  return {
    emulator,
    runtime,
    pullRequests,
    close: async () => {
      runtime.uninstall();
      await emulator.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Fires every pull request's event at once, as Bitbucket delivers a busy workspace's pushes, and waits for the queue. */
export async function deliverConcurrently(world: LoadWorld): Promise<void> {
  await Promise.all(world.pullRequests.map((p) => world.runtime.fireProductEvent(p.event)));
  await world.runtime.idle();
}
