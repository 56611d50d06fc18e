/**
 * One pull request end to end on the local platform, for the end-to-end benchmarks: a real git repository with
 * `base` on main and `head` on a feature branch, the Bitbucket emulator over it, the app's real handlers under the
 * Forge runtime shim, and the PR-created event fired and drained. Wall time and peak RSS cover the event only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createGitRepository,
  startEmulator,
  type Emulator,
  type EmulatorPullRequest,
} from '../dev/bitbucket-emulator';
import { ensureForgeBundle } from '../dev/forge-bundle';
import { createForgeRuntime, pullRequestEvent } from '../dev/forge-runtime';

export interface LocalPrRun {
  emulator: Emulator;
  runtime: ReturnType<typeof createForgeRuntime>;
  pr: EmulatorPullRequest;
  gitDir: string;
  seconds: number;
  peakRssMb: number;
  /** Stops the emulator and removes the repository. */
  close(): Promise<void>;
}

export async function runPrOnLocalPlatform(
  base: Record<string, string>,
  head: Record<string, string>,
): Promise<LocalPrRun> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-bench-'));
  const { gitDir } = await createGitRepository(path.join(workDir, 'repo'), [
    { branch: 'main', message: 'base', files: base },
    { branch: 'feature', from: 'main', message: 'rewrite', files: head },
  ]);
  const emulator = await startEmulator();
  const app = emulator.addUser({ displayName: 'Lintel', app: true });
  const author = emulator.addUser({ displayName: 'Bench' });
  const ws = emulator.addWorkspace({ slug: 'bench' });
  const repo = emulator.addRepository({ workspace: 'bench', slug: 'repo', gitDir });
  const pr = emulator.createPullRequest({
    workspace: 'bench',
    repo: 'repo',
    title: 'bench',
    sourceBranch: 'feature',
    destinationBranch: 'main',
    author,
  });
  const appRoot = path.resolve(__dirname, '..');
  const runtime = createForgeRuntime({
    appRoot,
    // What `forge deploy` ships: the functions as Forge's bundler wrote them (dev/forge-bundle).
    functionsDir: ensureForgeBundle(appRoot).dir,
    bitbucket: { baseUrl: emulator.baseUrl, appToken: app.token },
    installationContext: { workspaceId: ws.uuid },
  });
  runtime.install();

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  await runtime.fireProductEvent(
    pullRequestEvent('created', { workspace: ws, repository: { uuid: repo.uuid }, pullRequest: pr }),
  );
  await runtime.idle();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  return {
    emulator,
    runtime,
    pr,
    gitDir,
    seconds,
    peakRssMb: peak / 1024 / 1024,
    close: async () => {
      runtime.uninstall();
      await emulator.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}
