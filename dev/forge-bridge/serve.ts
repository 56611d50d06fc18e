// Preview the built Custom UI pages in a local browser: `npx tsx dev/forge-bridge/serve.ts [--port 4100]`.
// Runs the app's resolvers in the local Forge runtime (empty KVS unless the Bitbucket emulator's pipeline
// fills it) and prints one URL per UI module. The resolvers check access as --account against --bitbucket:
// give its token with --user-token (without one the pages ask for consent). Stop with Ctrl+C.
import * as path from 'node:path';
import { createForgeRuntime } from '../forge-runtime';
import { startBridgeServer } from './server';

const DEMO_WORKSPACE = '{4c16a397-8e48-479c-8ca2-442e46c90570}';
const DEMO_REPOSITORY = '{15a31549-1cff-45dc-9d0d-310114c5038b}';
const DEMO_PROJECT = '{1860e69a-65c1-4ac2-8ab0-cbd2868e7573}';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  if (at >= 0 && value === undefined) throw new Error(`--${name} needs a value`);
  return value ?? fallback;
}

async function main(): Promise<void> {
  const appRoot = path.resolve(__dirname, '../..');
  const workspaceId = option('workspace', DEMO_WORKSPACE);
  const repository = option('repository', DEMO_REPOSITORY);
  const project = option('project', DEMO_PROJECT);
  const port = Number(option('port', '4100'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number`);
  const account = option('account', '712020:local-developer');
  const userToken = option('user-token', '');
  const runtime = createForgeRuntime({
    appRoot,
    bitbucket: {
      baseUrl: option('bitbucket', 'http://127.0.0.1:7990'),
      appToken: option('token', 'local-app'),
    },
    userTokens: userToken ? { [account]: userToken } : {},
    installationContext: { workspaceId },
  });
  runtime.install();
  const server = await startBridgeServer({
    appRoot,
    invoke: (moduleKey, call, ctx) => runtime.invokeResolver(moduleKey, call, ctx),
    account: { accountId: account },
    workspaceId,
    port,
  });
  console.log(`forge-bridge: serving Custom UI pages on ${server.baseUrl}`);
  console.log(`  repository settings  ${server.url('repo-settings', { repository })}`);
  console.log(`  project settings     ${server.url('project-settings', { project })}`);
  console.log(`  workspace settings   ${server.url('workspace-settings')}`);
  console.log(`  pull-request panel   ${server.url('pr-panel', { repository, pullRequest: 1 })}`);
  console.log(`  findings dialog      ${server.url('pr-findings', { repository, pullRequest: 1 })}`);
  process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(`forge-bridge: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
