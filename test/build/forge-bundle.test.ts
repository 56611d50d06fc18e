/**
 * What `forge deploy` ships: every function module of manifest.yml, bundled by Forge's own bundler (@forge/bundler,
 * webpack + ts-loader) in the global setup, loads on its own from a folder with no node_modules, and the functions
 * that must stay light (trigger, merge check, resolver: 25 s each) carry none of the analysis engine.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { BUNDLE_INFO_FILE, type ForgeBundleInfo } from '../../dev/forge-bundle';
import { APP_ROOT, bundledFunctionsDir } from '../support/forge-app';

interface ManifestFunction {
  key: string;
  handler: string;
}

const manifest = YAML.parse(fs.readFileSync(path.join(APP_ROOT, 'manifest.yml'), 'utf8')) as {
  modules: { function: ManifestFunction[] };
};
const dir = bundledFunctionsDir();
const info = JSON.parse(fs.readFileSync(path.join(dir, BUNDLE_INFO_FILE), 'utf8')) as ForgeBundleInfo;
const moduleOf = (handler: string) => handler.slice(0, handler.lastIndexOf('.'));
const exportOf = (handler: string) => handler.slice(handler.lastIndexOf('.') + 1);

/** Sources webpack put into a bundle, from its source map (what `forge deploy` would upload). */
function bundledSources(file: string): string[] {
  const map = JSON.parse(fs.readFileSync(path.join(dir, `${file}.map`), 'utf8')) as { sources: string[] };
  return map.sources;
}

it('bundles every function module of manifest.yml with @forge/bundler 7.3.0', () => {
  expect(info.bundler).toBe('@forge/bundler 7.3.0');
  const declared = manifest.modules.function.map((f) => f.key).sort();
  expect(info.functions.map((f) => f.key).sort()).toEqual(declared);
  for (const f of manifest.modules.function) {
    expect(fs.existsSync(path.join(dir, `${moduleOf(f.handler)}.cjs`))).toBe(true);
  }
});

it('keeps the bundle where no node_modules can be reached from it', () => {
  for (let at = dir; at !== path.dirname(at); at = path.dirname(at)) {
    expect(fs.existsSync(path.join(at, 'node_modules'))).toBe(false);
  }
});

it('loads each handler in a plain Node process with only the bundle', () => {
  // Forge's runtime defines __forge_runtime__ before loading a function (@forge/llm reads it at load time); the
  // values do not matter for loading. Nothing else is provided: a module the bundle left out fails here.
  const script = `
    globalThis.__forge_runtime__ = { tracing: {}, metrics: {}, appContext: {} };
    const [file, name] = process.argv.slice(1);
    const mod = require(file);
    process.stdout.write(typeof mod[name]);`;
  for (const f of manifest.modules.function) {
    const file = path.join(dir, `${moduleOf(f.handler)}.cjs`);
    const type = execFileSync(process.execPath, ['-e', script, file, exportOf(f.handler)], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect({ function: f.key, type }).toEqual({ function: f.key, type: 'function' });
  }
});

// The engine's shared types and severity constants are a leaf module; everything else of the engine is heavy, and so
// are the gate and the publisher (the 25 s functions answer from storage, they never judge or publish).
const HEAVY =
  /\/\.\/(src\/engine\/(?!types\.ts$)|src\/gate\/(?!types\.ts$|shortfall-text\.ts$)|src\/publish\/|build\/engine\.cjs$|node_modules\/(web-tree-sitter|@secretlint|@vscode\/tree-sitter-wasm)\/)/;

it('gives the trigger, the merge check and the resolver neither the engine, the gate nor the publisher', () => {
  const light = manifest.modules.function.filter((f) => f.key !== 'run-analysis');
  expect(light.length).toBeGreaterThanOrEqual(3);
  for (const f of light) {
    const sources = bundledSources(`${moduleOf(f.handler)}.cjs`);
    expect(sources.some((s) => s.endsWith(`/src/${moduleOf(f.handler)}.ts`))).toBe(true);
    expect({ function: f.key, heavy: sources.filter((s) => HEAVY.test(s)) }).toEqual({
      function: f.key,
      heavy: [],
    });
  }
  // The consumer does carry them (a negative control of the pattern): the publisher and the prebuilt engine.
  const consumer = manifest.modules.function.find((f) => f.key === 'run-analysis');
  const consumerSources = bundledSources(`${moduleOf(consumer!.handler)}.cjs`);
  expect(consumerSources.filter((s) => HEAVY.test(s))).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/\/build\/engine\.cjs$/),
      expect.stringMatching(/\/src\/publish\//),
    ]),
  );
});
