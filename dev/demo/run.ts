/**
 * `npm run demo`: the main job on the embedded local platform. Builds a sample repository with an open pull
 * request, starts the Bitbucket emulator on it, fires the PR-created event into the local Forge runtime, runs the
 * app's real handlers (trigger → queue → consumer) and prints what happened and what was published.
 * It never prints a result it did not read back from the emulator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../bitbucket-emulator';
import { createForgeRuntime, mergeCheckEvent, pullRequestEvent } from '../forge-runtime';
import { prepareApp } from './prepare-app';
import { createSampleRepository } from './sample-repo';
import { printPublished, printRequests, section } from './print';
import { serveUi } from './serve-ui';
import { printSettings } from './settings-demo';

const APP_ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const app = prepareApp(APP_ROOT);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-demo-'));
  const sample = await createSampleRepository(workDir);
  const emulator = await startEmulator();
  try {
    const appUser = emulator.addUser({ displayName: 'Lintel', app: true });
    const author = emulator.addUser({ displayName: 'Dana Developer', nickname: 'dana' });
    const workspace = emulator.addWorkspace({ slug: 'acme' });
    const repo = emulator.addRepository({ workspace: 'acme', slug: 'payments', gitDir: sample.gitDir });
    // Dana opens the settings pages and the panel: the resolvers check her own access (docs/access-control.md).
    emulator.setWorkspaceRole({ workspace: 'acme', user: author, role: 'owner' });
    const pr = emulator.createPullRequest({
      workspace: 'acme',
      repo: 'payments',
      title: 'Retry failed payments, add reports',
      sourceBranch: sample.featureBranch,
      destinationBranch: sample.mainBranch,
      author,
    });

    section('Local platform');
    console.log(`Bitbucket emulator   ${emulator.baseUrl}/2.0  (workspace acme, repository payments)`);
    console.log(`Pull request         #${pr.id} ${sample.featureBranch} → ${sample.mainBranch}`);
    console.log(`Forge functions      ${app.describe}`);

    const runtime = createForgeRuntime({
      appRoot: APP_ROOT,
      // The functions as `forge deploy` ships them: Forge's bundler output, run with no node_modules beside it.
      functionsDir: app.functionsDir,
      bitbucket: { baseUrl: emulator.baseUrl, appToken: appUser.token },
      // Dana has allowed Lintel to act as her, so the pages' asUser() checks carry her token.
      userTokens: { [author.accountId]: author.token },
      installationContext: { workspaceId: workspace.uuid },
    });
    runtime.install();

    // The emulator's repository brings its project, which Forge's events name (`project.uuid`).
    const event = pullRequestEvent('created', {
      workspace: { uuid: workspace.uuid },
      repository: repo,
      pullRequest: pr,
      actor: author,
    });
    section('Event');
    console.log(`${event.eventType} for pull request #${pr.id} at ${pr.sourceShortHash}`);

    const before = emulator.requests.length;
    const triggered = await runtime.fireProductEvent(event);
    await runtime.idle();

    section('Handlers');
    for (const inv of runtime.invocations) {
      console.log(
        `${inv.ok ? 'ok  ' : 'FAIL'} ${inv.moduleKind.padEnd(10)} ${inv.functionKey.padEnd(14)} ${inv.durationMs} ms${inv.error ? `  ${inv.error}` : ''}`,
      );
    }
    for (const line of runtime.logs) console.log(`     log  ${line.functionKey}: ${line.message}`);
    console.log(
      `Queue pushes: ${runtime.queuePushes.length} (${runtime.queuePushes.map((p) => p.queue).join(', ')})`,
    );
    if (triggered.some((t) => !t.ok)) process.exitCode = 1;

    printRequests(emulator.requests.slice(before));
    printPublished(emulator, { workspace: 'acme', repo: 'payments', pullRequestId: pr.id });

    section('Merge check (on-merge)');
    const check = await runtime.invokeMergeCheck(
      'quality-gate-check',
      mergeCheckEvent('on-merge', {
        workspace: { uuid: workspace.uuid },
        repository: { uuid: repo.uuid },
        pullRequest: pr.id,
      }),
    );
    const answer = check.value as { success?: boolean; message?: string } | undefined;
    console.log(
      check.ok
        ? `${answer?.success ? 'merge allowed' : 'merge blocked'}: ${answer?.message ?? ''}`
        : `merge check failed: ${check.error}`,
    );

    section('The same head again (a duplicated event)');
    const callsBefore = emulator.requests.length;
    const [again] = await runtime.fireProductEvent(
      pullRequestEvent('updated', {
        workspace: { uuid: workspace.uuid },
        repository: repo,
        pullRequest: pr,
        actor: author,
      }),
    );
    await runtime.idle();
    const outcome = again?.value as { action?: string; reason?: string } | undefined;
    console.log(
      `trigger: ${outcome?.action ?? again?.error}: ${outcome?.reason ?? ''}; ${emulator.requests.length - callsBefore} Bitbucket calls`,
    );

    if (emulator.violations.length > 0) {
      console.log(`\n${emulator.violations.length} request(s) broke Bitbucket's OpenAPI document:`);
      for (const v of emulator.violations) console.log(`  ${JSON.stringify(v)}`);
      process.exitCode = 1;
    }
    if (!(await printSettings(runtime, { repositoryUuid: repo.uuid, accountId: author.accountId })))
      process.exitCode = 1;
    await serveUi(runtime, {
      repositoryUuid: repo.uuid,
      projectUuid: repo.project.uuid,
      workspaceUuid: workspace.uuid,
      pullRequestId: pr.id,
      accountId: author.accountId,
    });
    runtime.uninstall();
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
