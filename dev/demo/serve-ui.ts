/**
 * Serves the settings page and the PR panel through the bridge shim, printing their local URLs. In a terminal it
 * keeps serving until Ctrl-C; otherwise (CI, pipes) it closes at once so `npm run demo` always terminates.
 */
import path from 'node:path';
import { startBridgeServer } from '../forge-bridge';
import type { createForgeRuntime } from '../forge-runtime';
import { section } from './print';

interface UiTarget {
  repositoryUuid: string;
  /** The repository's project, for the project settings page. */
  projectUuid: string;
  workspaceUuid: string;
  pullRequestId: number;
  accountId: string;
}

export async function serveUi(
  runtime: ReturnType<typeof createForgeRuntime>,
  target: UiTarget,
): Promise<void> {
  const server = await startBridgeServer({
    appRoot: path.resolve(__dirname, '../..'),
    invoke: (moduleKey, call, ctx) => runtime.invokeResolver(moduleKey, call, ctx),
    account: { accountId: target.accountId },
    workspaceId: target.workspaceUuid,
  });
  section('Custom UI (local bridge)');
  console.log(`repository settings  ${server.url('repo-settings', { repository: target.repositoryUuid })}`);
  console.log(`project settings     ${server.url('project-settings', { project: target.projectUuid })}`);
  console.log(`workspace settings   ${server.url('workspace-settings')}`);
  console.log(
    `pull request panel   ${server.url('pr-panel', { repository: target.repositoryUuid, pullRequest: target.pullRequestId })}`,
  );
  console.log(
    `findings dialog      ${server.url('pr-findings', { repository: target.repositoryUuid, pullRequest: target.pullRequestId })}`,
  );
  if (!process.stdout.isTTY || process.env.CI || process.argv.includes('--no-serve')) {
    console.log('(not serving: run `npm run demo` in a terminal to keep these pages open until Ctrl-C)');
    await server.close();
    return;
  }
  console.log('Serving until Ctrl-C …');
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await server.close();
}
