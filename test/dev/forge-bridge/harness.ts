// Starts the real Forge runtime shim (dev/forge-runtime) with the app's manifest and the bridge server in
// front of it, as the demo does. Nothing is mocked: resolvers run the real @forge/resolver and @forge/kvs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startBridgeServer, type BridgeServer } from '../../../dev/forge-bridge';
import { createForgeRuntime } from '../../../dev/forge-runtime';

export const APP_ROOT = path.resolve(__dirname, '../../..');
export const WORKSPACE_UUID = '{4c16a397-8e48-479c-8ca2-442e46c90570}';
export const REPO_A = '{15a31549-1cff-45dc-9d0d-310114c5038b}';
export const REPO_B = '{0f4e2b8c-9a51-4d3e-8c7a-2b6d1e9f3a40}';
export const ACCOUNT_ID = '712020:f44b4850-c6f6-54ce-9722-b800af117eb4';

export interface Harness {
  runtime: ReturnType<typeof createForgeRuntime>;
  bridge: BridgeServer;
  stop(): Promise<void>;
}

/** The browser test needs `npm run build:ui` to have run; say so instead of failing on a blank page. */
export function assertPagesBuilt(): void {
  for (const page of ['settings', 'panel']) {
    const html = path.join(APP_ROOT, 'static', page, 'build', 'index.html');
    const built = fs.existsSync(html) && fs.readFileSync(html, 'utf8').includes('./assets/');
    if (!built) throw new Error(`${html} is not a Vite build: run \`npm run build:ui\` before the tests`);
  }
}

export async function startHarness(): Promise<Harness> {
  const runtime = createForgeRuntime({
    appRoot: APP_ROOT,
    // The resolvers under test never call Bitbucket; the URL only has to be well-formed.
    bitbucket: { baseUrl: 'http://127.0.0.1:9', appToken: 'unused' },
    installationContext: { workspaceId: WORKSPACE_UUID },
  });
  runtime.install();
  const bridge = await startBridgeServer({
    appRoot: APP_ROOT,
    invoke: (moduleKey, call, ctx) => runtime.invokeResolver(moduleKey, call, ctx),
    account: { accountId: ACCOUNT_ID },
    workspaceId: WORKSPACE_UUID,
  });
  return {
    runtime,
    bridge,
    async stop() {
      await bridge.close();
      runtime.uninstall();
    },
  };
}
