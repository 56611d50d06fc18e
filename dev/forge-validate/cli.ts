/** `npm run validate:forge` — prints manifest validation and lint problems; exits 1 on any error. */
import path from 'node:path';
import { lintApp, validateManifest } from './index';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const manifestProblems = await validateManifest(path.join(root, 'manifest.yml'));
  const { errors, warnings, linted } = await lintApp(root);
  for (const p of [...manifestProblems, ...errors, ...warnings]) {
    console.log(`${p.level}: ${p.message}${p.where ? ` (${p.where})` : ''}`);
  }
  const failed = manifestProblems.length + errors.length;
  console.log(
    failed === 0
      ? `manifest valid, lint clean (${linted.length} source files linted)`
      : `${failed} problem(s)`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
}

void main();
