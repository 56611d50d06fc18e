/**
 * One cold start of the bundled consumer, in this fresh process: the demo's pull request (three TypeScript files)
 * through trigger → queue → consumer on the local platform, with the functions as Forge's bundler wrote them.
 * The first consumer invocation includes loading its 2–3 MB module and decoding and compiling the grammars it
 * needs; a second pull request in the same process shows the warm cost. Prints one JSON line (bench/forge-bundle.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../dev/bitbucket-emulator';
import { createSampleRepository } from '../dev/demo/sample-repo';
import { ensureForgeBundle } from '../dev/forge-bundle';
import { createForgeRuntime, pullRequestEvent } from '../dev/forge-runtime';

async function main(): Promise<void> {
  const appRoot = path.resolve(__dirname, '..');
  const functionsDir = ensureForgeBundle(appRoot).dir;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-cold-'));
  const sample = await createSampleRepository(workDir);
  const emulator = await startEmulator();
  try {
    const app = emulator.addUser({ displayName: 'Lintel', app: true });
    const author = emulator.addUser({ displayName: 'Bench' });
    const ws = emulator.addWorkspace({ slug: 'bench' });
    const repo = emulator.addRepository({ workspace: 'bench', slug: 'repo', gitDir: sample.gitDir });
    const runtime = createForgeRuntime({
      appRoot,
      functionsDir,
      bitbucket: { baseUrl: emulator.baseUrl, appToken: app.token },
      installationContext: { workspaceId: ws.uuid },
    });
    runtime.install();
    const consumerRuns: number[] = [];
    for (let i = 0; i < 2; i++) {
      const pr = emulator.createPullRequest({
        workspace: 'bench',
        repo: 'repo',
        title: `cold start ${i}`,
        sourceBranch: sample.featureBranch,
        destinationBranch: sample.mainBranch,
        author,
      });
      await runtime.fireProductEvent(
        pullRequestEvent('created', { workspace: ws, repository: { uuid: repo.uuid }, pullRequest: pr }),
      );
      await runtime.idle();
      const run = runtime.invocations.filter((inv) => inv.functionKey === 'run-analysis').at(-1);
      if (!run?.ok) throw new Error(`the consumer failed: ${run?.error ?? 'it never ran'}`);
      consumerRuns.push(run.durationMs);
    }
    runtime.uninstall();
    const [firstMs, warmMs] = consumerRuns;
    process.stdout.write(
      `${JSON.stringify({ firstMs, warmMs, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
    );
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`cold start failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
