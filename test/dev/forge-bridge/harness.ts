// Starts the real Forge runtime shim (dev/forge-runtime) with the app's manifest and the bridge server in
// front of it, as the demo does, over the Bitbucket emulator of test/support/access-world.ts (the resolvers check
// access as the page's user). Nothing is mocked: resolvers run the real @forge/resolver, @forge/api and @forge/kvs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startBridgeServer, type BridgeServer } from '../../../dev/forge-bridge';
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import {
  OWNER_ACCOUNT,
  SECRETS_UUID,
  WIDGETS_UUID,
  WORKSPACE_UUID,
  startAccessWorld,
  type AccessWorld,
} from '../../support/access-world';

export const APP_ROOT = path.resolve(__dirname, '../../..');
export { WORKSPACE_UUID };
/** Private; pull requests #1…#9 exist. Pages open as ACCOUNT_ID, the workspace owner, who may see everything. */
export const REPO_A = WIDGETS_UUID;
export const REPO_B = SECRETS_UUID;
export const ACCOUNT_ID = OWNER_ACCOUNT;

export interface Harness {
  runtime: ForgeRuntime;
  bridge: BridgeServer;
  /** Who is who (reader, outsider, newcomer without consent, …) for pages opened as another account. */
  world: AccessWorld;
  stop(): Promise<void>;
}

/** The browser test needs `npm run build:ui` to have run; say so instead of failing on a blank page. */
export function assertPagesBuilt(): void {
  for (const page of ['settings', 'panel', 'findings']) {
    const html = path.join(APP_ROOT, 'static', page, 'build', 'index.html');
    const built = fs.existsSync(html) && fs.readFileSync(html, 'utf8').includes('./assets/');
    if (!built) throw new Error(`${html} is not a Vite build: run \`npm run build:ui\` before the tests`);
  }
}

export async function startHarness(): Promise<Harness> {
  const world = await startAccessWorld();
  const { runtime } = world;
  const bridge = await startBridgeServer({
    appRoot: APP_ROOT,
    invoke: (moduleKey, call, ctx) => runtime.invokeResolver(moduleKey, call, ctx),
    account: { accountId: ACCOUNT_ID },
    workspaceId: WORKSPACE_UUID,
    // "Allow access" in the bridge's consent prompt: from now on asUser() carries the person's token.
    grantConsent: (accountId) => runtime.setUserToken(accountId, world.tokenOf(accountId)),
  });
  return {
    runtime,
    bridge,
    world,
    async stop() {
      await bridge.close();
      await world.stop();
    },
  };
}
