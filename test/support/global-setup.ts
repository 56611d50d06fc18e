/**
 * Jest global setup, once per run:
 * - rebuilds the prebuilt engine, CLI and pages when their sources changed since the last build (`npm install`
 *   builds them; this keeps `npx jest <file>` honest after an edit);
 * - bundles the functions with Forge's own bundler, as `forge deploy` does (cached per distinct input, so only a
 *   change to src/, the manifest, the lock file or the engine pays the ~25 s), for the end-to-end tests.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureForgeBundle } from '../../dev/forge-bundle';
import { staleBuildSteps } from '../../scripts/build/freshness';
import { BUNDLE_ENV } from './forge-app';

const APP_ROOT = path.resolve(__dirname, '../..');

export default function globalSetup(): void {
  const stale = staleBuildSteps(APP_ROOT);
  if (stale.length > 0) {
    console.log(`\nglobal setup: rebuilding ${stale.join(', ')} (sources changed since the last build)`);
    execFileSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(APP_ROOT, 'scripts/build/build.ts'), ...stale],
      { cwd: APP_ROOT, stdio: 'inherit' },
    );
  }
  const bundle = ensureForgeBundle(APP_ROOT, (line) => console.log(`\nglobal setup: ${line}`));
  // Workers start after global setup and inherit its environment.
  process.env[BUNDLE_ENV] = bundle.dir;
}
