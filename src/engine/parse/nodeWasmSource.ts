import { readFileSync } from 'node:fs';
import type { GrammarFile, WasmSource } from './wasmSource';

/**
 * Default WasmSource: reads the runtime and grammars from installed npm packages. Kept apart from the
 * pure core so that a bundle can replace it (see docs/engine-wasm.md).
 */
export const nodeModulesWasmSource: WasmSource = {
  runtime: () => readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
  grammar: (file: GrammarFile) => readFileSync(resolvePackageFile(file)),
};

function resolvePackageFile({ packageName, file }: GrammarFile): string {
  // Resolve the package root through package.json: some grammar packages do not export their wasm files.
  const manifest = require.resolve(`${packageName}/package.json`);
  return manifest.slice(0, -'package.json'.length) + file;
}
