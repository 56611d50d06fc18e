/**
 * The Forge bundle the end-to-end tests and benchmarks run: built once per distinct input (sources, manifest,
 * lock file, prebuilt engine) into a folder under the system temp directory — outside the repository, so no
 * node_modules is reachable from it and a module the bundle forgot fails as it would on Forge.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLE_INFO_FILE, type ForgeBundleInfo } from './bundle';

const INPUT_FILES = ['manifest.yml', 'tsconfig.json', 'package-lock.json', 'build/engine.cjs'];
const INPUT_DIRS = ['src'];

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Content hash of everything the bundle is built from. */
export function bundleInputHash(appRoot: string): string {
  const hash = createHash('sha256');
  const files = [
    ...INPUT_FILES.map((f) => path.join(appRoot, f)),
    ...INPUT_DIRS.flatMap((d) => listFiles(path.join(appRoot, d))),
  ].sort();
  for (const file of files) {
    hash.update(path.relative(appRoot, file));
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : 'missing');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Bundles of other inputs untouched for a day: another checkout may still be running on a younger one. */
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

function pruneOldBundles(cacheRoot: string): void {
  for (const name of fs.readdirSync(cacheRoot)) {
    const full = path.join(cacheRoot, name);
    if (Date.now() - fs.statSync(full).mtimeMs > PRUNE_AFTER_MS)
      fs.rmSync(full, { recursive: true, force: true });
  }
}

export interface EnsuredBundle {
  dir: string;
  info: ForgeBundleInfo;
  /** False when an earlier run's bundle of the same inputs was reused. */
  built: boolean;
}

export function ensureForgeBundle(
  appRoot: string,
  log: (line: string) => void = () => undefined,
): EnsuredBundle {
  if (!fs.existsSync(path.join(appRoot, 'build/engine.cjs'))) {
    throw new Error('build/engine.cjs is missing: run `npm run build` before bundling the Forge functions');
  }
  const cacheRoot = path.join(os.tmpdir(), 'lintel-forge-bundles');
  const dir = path.join(cacheRoot, bundleInputHash(appRoot));
  const infoFile = path.join(dir, BUNDLE_INFO_FILE);
  if (fs.existsSync(infoFile)) {
    return { dir, info: JSON.parse(fs.readFileSync(infoFile, 'utf8')) as ForgeBundleInfo, built: false };
  }
  const staging = `${dir}.tmp-${process.pid}`;
  log(`forge-bundle: bundling the functions with @forge/bundler into ${dir} …`);
  try {
    // A child process: the bundler needs the app folder as its working directory and loads webpack and ts-loader.
    execFileSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(__dirname, 'cli.ts'), '--out', staging],
      { cwd: appRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
    );
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`@forge/bundler could not bundle the functions:\n${`${stdout}${stderr}`.trim()}`, {
      cause: error,
    });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  pruneOldBundles(cacheRoot);
  return { dir, info: JSON.parse(fs.readFileSync(infoFile, 'utf8')) as ForgeBundleInfo, built: true };
}
