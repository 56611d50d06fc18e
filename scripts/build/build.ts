/**
 * `npm run build`: everything `forge deploy` and `npx lintel` need that is not TypeScript source.
 *
 *   build/engine.cjs   the analysis engine with web-tree-sitter, every grammar (inlined) and secretlint. The Forge
 *                      consumer requires it and Forge's webpack bundler inlines it; the CLI requires it at run time.
 *   build/cli.cjs      the command line (bin/lintel.js), with the engine left outside as ./engine.cjs.
 *   build/analyze-worker.cjs  a worker thread of `lintel analyze` on large runs (engine outside too).
 *   static/<page>/build  the Custom UI pages (static/build.mjs).
 *
 * Usage: tsx scripts/build/build.ts [engine] [cli] [ui]   (no argument: all three). `npm install` runs it (prepare).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { inlineWasmPlugin, type InlinedWasmStats } from './inline-wasm';

const ROOT = path.resolve(__dirname, '../..');
const BUILD_DIR = path.join(ROOT, 'build');
const ENGINE_BUNDLE = path.join(BUILD_DIR, 'engine.cjs');
const CLI_BUNDLE = path.join(BUILD_DIR, 'cli.cjs');
const WORKER_BUNDLE = path.join(BUILD_DIR, 'analyze-worker.cjs');

/** Forge runs nodejs22.x, developers and CI Node 20: the bundle must run on both. */
const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  logLevel: 'warning',
  absWorkingDir: ROOT,
};

async function buildEngine(): Promise<void> {
  let wasm: InlinedWasmStats | undefined;
  await build({
    ...COMMON,
    entryPoints: [path.join(ROOT, 'src/engine/bundle-entry.ts')],
    outfile: ENGINE_BUNDLE,
    plugins: [inlineWasmPlugin((stats) => (wasm = stats)), treeSitterForBundles],
  });
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(
    `build: engine -> ${path.relative(ROOT, ENGINE_BUNDLE)} (${mb(statSync(ENGINE_BUNDLE).size)}; ` +
      `${wasm?.files ?? 0} wasm files, ${mb(wasm?.wasmBytes ?? 0)} inlined as ${mb(wasm?.inlinedBytes ?? 0)})`,
  );
}

/**
 * web-tree-sitter's ESM build finds its wasm through import.meta.url, which a CommonJS bundle does not have; its
 * CommonJS build is the same code. And the node_modules reader of wasm is replaced by one that refuses: a bundle runs
 * where there is no node_modules, so it must only ever use the wasm inlined in it.
 */
const treeSitterForBundles: Plugin = {
  name: 'lintel-tree-sitter-for-bundles',
  setup(b) {
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
    b.onResolve({ filter: /\/nodeWasmSource$/ }, () => ({
      path: 'node-wasm-source',
      namespace: 'lintel-stub',
    }));
    b.onLoad({ filter: /.*/, namespace: 'lintel-stub' }, () => ({
      contents:
        'const refuse = () => { throw new Error("this bundle reads WebAssembly only from itself (inlined)"); };\n' +
        'export const nodeModulesWasmSource = { runtime: refuse, grammar: refuse };',
      loader: 'js',
    }));
  },
};

/** The CLI keeps requiring the engine bundle beside it instead of a second copy of it. */
const engineBesideCli: Plugin = {
  name: 'lintel-engine-beside-cli',
  setup(b) {
    b.onResolve({ filter: /\/build\/engine\.cjs$/ }, () => ({ path: './engine.cjs', external: true }));
  },
};

async function buildCli(): Promise<void> {
  await build({
    ...COMMON,
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    outfile: CLI_BUNDLE,
    plugins: [engineBesideCli],
  });
  // The worker threads of large runs (src/cli/parallel/), also requiring the engine beside them.
  await build({
    ...COMMON,
    entryPoints: [path.join(ROOT, 'src/cli/parallel/analyze-worker.ts')],
    outfile: WORKER_BUNDLE,
    plugins: [engineBesideCli],
  });
  console.log(
    `build: cli -> ${path.relative(ROOT, CLI_BUNDLE)} (${(statSync(CLI_BUNDLE).size / 1e3).toFixed(0)} kB)`,
  );
}

function buildUi(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'static/build.mjs')], { stdio: 'inherit' });
}

const STEPS = { engine: buildEngine, cli: buildCli, ui: buildUi } as const;
type Step = keyof typeof STEPS;

async function main(args: string[]): Promise<void> {
  const unknown = args.filter((a) => !(a in STEPS));
  if (unknown.length > 0) {
    throw new Error(`unknown build step(s) ${unknown.join(', ')}; known: ${Object.keys(STEPS).join(', ')}`);
  }
  mkdirSync(BUILD_DIR, { recursive: true });
  const steps = (args.length > 0 ? args : Object.keys(STEPS)) as Step[];
  for (const step of steps) await STEPS[step]();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
