/**
 * The app as the end-to-end tests run it: manifest.yml from the repository, the functions from Forge's own bundler
 * (dev/forge-bundle), loaded from a folder with no node_modules beside it — what `forge deploy` would ship.
 */
import path from 'node:path';
import { ensureForgeBundle } from '../../dev/forge-bundle';

export const APP_ROOT = path.resolve(__dirname, '../..');

/** Set by the global setup (test/support/global-setup.ts) to the bundle it built or found. */
export const BUNDLE_ENV = 'LINTEL_FORGE_BUNDLE';

let dir: string | undefined;

/** The bundled functions folder, as the global setup left it (bundled here only when run without it). */
export function bundledFunctionsDir(): string {
  dir ??= process.env[BUNDLE_ENV] ?? ensureForgeBundle(APP_ROOT).dir;
  return dir;
}
