/**
 * What `forge deploy` does to the app's functions, offline: Forge's own default bundler (`@forge/bundler`, webpack
 * with ts-loader and babel, the same build `forge deploy` runs) over every handler module that manifest.yml names,
 * into a folder with no node_modules beside it. The one part replaced is the runtime wrapper (`__forge__.cjs`), which
 * the bundler downloads from Atlassian's CDN and which Forge's own runtime provides (here: dev/forge-runtime).
 * Must run with the app folder as working directory (the bundler and its manifest reader resolve paths from it).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface BundledFunction {
  key: string;
  /** As in manifest.yml, e.g. `forge/consumer.runAnalysis`. */
  handler: string;
  /** Bundle-relative path of the module, e.g. `forge/consumer.cjs`. */
  file: string;
  bytes: number;
}

export interface ForgeBundleInfo {
  bundler: string;
  functions: BundledFunction[];
  /** Bundled npm packages, as the bundler's metadata lists them (what `forge deploy` reports to Atlassian). */
  packages: string[];
  warnings: string[];
  seconds: number;
}

export const BUNDLE_INFO_FILE = 'lintel-bundle.json';

interface Handler {
  module: string;
  func: string;
}

/** Stands in for the CDN download: the local runtime installs Forge's globals itself and loads modules directly. */
const localWrapper = {
  getNodeRuntimeWrapper: () =>
    Promise.resolve({ script: '// provided by the Forge runtime\n', source: 'local', version: 'local' }),
  getNodeRuntimeLoader: () =>
    Promise.resolve({ script: '// provided by the Forge runtime\n', source: 'local', version: 'local' }),
};

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else fs.copyFileSync(source, target);
  }
}

export async function bundleForgeFunctions(appRoot: string, outDir: string): Promise<ForgeBundleInfo> {
  if (path.resolve(process.cwd()) !== path.resolve(appRoot)) {
    throw new Error(`bundleForgeFunctions must run in the app folder ${appRoot} (cwd is ${process.cwd()})`);
  }
  /* eslint-disable @typescript-eslint/no-require-imports -- dev tools, loaded only when bundling */
  const bundler = require('@forge/bundler') as typeof import('@forge/bundler');
  const shared = require('@forge/cli-shared') as typeof import('@forge/cli-shared');
  const version = (require('@forge/bundler/package.json') as { version: string }).version;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const warnings: string[] = [];
  const logger = {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (message: string) => void warnings.push(message),
    error: (error: Error) => void warnings.push(error.message),
  };
  const config = new shared.ConfigFile(new shared.FileSystemReader(), new shared.FileSystemWriter());
  const handlers = (await config.getAppHandlers()) as Handler[];
  const manifest = await config.readConfig();
  const started = performance.now();
  const output = await bundler
    .getNodeBundler(logger as never, localWrapper as never, config)
    .bundle({ appDirectory: appRoot, entryPoints: bundler.getEntryPoints(handlers) });
  const seconds = (performance.now() - started) / 1000;

  fs.rmSync(outDir, { recursive: true, force: true });
  copyTree(output.outputDir, outDir);
  for (const [name, content] of output.additionalOutputs ?? []) {
    fs.mkdirSync(path.dirname(path.join(outDir, name)), { recursive: true });
    fs.writeFileSync(path.join(outDir, name), content);
  }
  fs.rmSync(output.outputDir, { recursive: true, force: true });

  const functions = (manifest.modules?.function ?? []).map(({ key, handler }) => {
    const file = `${handler.slice(0, handler.lastIndexOf('.'))}.cjs`;
    const full = path.join(outDir, file);
    if (!fs.existsSync(full)) throw new Error(`the bundler wrote no ${file} for function '${key}'`);
    return { key, handler, file, bytes: fs.statSync(full).size };
  });
  const info: ForgeBundleInfo = {
    bundler: `@forge/bundler ${version}`,
    functions,
    packages: [...(output.metadata?.modules ?? [])].sort(),
    warnings,
    seconds,
  };
  fs.writeFileSync(path.join(outDir, BUNDLE_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}
