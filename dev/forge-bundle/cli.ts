/**
 * `npm run bundle:forge [-- --out DIR]`: bundles every function of manifest.yml with Forge's own bundler, as
 * `forge deploy` would, into DIR (default: the cached bundle the tests use) and prints what it wrote.
 */
import path from 'node:path';
import { bundleForgeFunctions } from './bundle';

const APP_ROOT = path.resolve(__dirname, '../..');

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--out');
  const out = at >= 0 ? argv[at + 1] : undefined;
  if (!out) throw new Error('usage: tsx dev/forge-bundle/cli.ts --out DIR');
  process.chdir(APP_ROOT);
  const info = await bundleForgeFunctions(APP_ROOT, path.resolve(out));
  for (const f of info.functions) {
    console.log(`forge-bundle: ${f.key.padEnd(14)} ${f.file.padEnd(22)} ${(f.bytes / 1e6).toFixed(2)} MB`);
  }
  for (const w of info.warnings) console.log(`forge-bundle: warning: ${w.split('\n', 1)[0]}`);
  console.log(
    `forge-bundle: ${info.bundler} bundled ${info.functions.length} functions in ${info.seconds.toFixed(1)} s`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`forge-bundle failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
