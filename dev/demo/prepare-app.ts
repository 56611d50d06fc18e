/**
 * The app as the demo runs it: rebuilt where its sources changed (scripts/build), then its functions bundled with
 * Forge's own bundler as `forge deploy` would (dev/forge-bundle, cached per distinct input).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureForgeBundle } from '../forge-bundle';
import { staleBuildSteps } from '../../scripts/build/freshness';

export function prepareApp(appRoot: string): { functionsDir: string; describe: string } {
  const stale = staleBuildSteps(appRoot);
  if (stale.length > 0) {
    console.log(`Building ${stale.join(', ')} …`);
    execFileSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(appRoot, 'scripts/build/build.ts'), ...stale],
      { cwd: appRoot, stdio: 'inherit' },
    );
  }
  const bundle = ensureForgeBundle(appRoot, () =>
    console.log('Bundling the functions with @forge/bundler …'),
  );
  const consumer = bundle.info.functions.find((f) => f.key === 'run-analysis');
  return {
    functionsDir: bundle.dir,
    describe:
      `${bundle.info.bundler}, ${bundle.info.functions.length} functions` +
      (consumer ? ` (consumer ${(consumer.bytes / 1e6).toFixed(1)} MB)` : '') +
      `, in ${bundle.dir}`,
  };
}
