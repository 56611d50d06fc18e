/**
 * esbuild plugin behind `import inlinedWasm from 'lintel:inlined-wasm'` (src/engine/bundle-entry.ts): the
 * web-tree-sitter runtime and every grammar the language registry names, Brotli-compressed and base64-encoded into
 * the bundle (src/engine/parse/inlined-wasm-source.ts decodes them on first use).
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Plugin } from 'esbuild';
import { LANGUAGES } from '../../src/engine/languages/registry';
import type { InlinedWasmFile, InlinedWasmTable } from '../../src/engine/parse/inlined-wasm-source';
import { grammarKey } from '../../src/engine/parse/inlined-wasm-source';

const MODULE = 'lintel:inlined-wasm';
/** Quality 9 of 11: 1.4 MB for 23 MB of wasm in under 2 s; 11 saves little and takes much longer. */
const BROTLI_QUALITY = 9;

function inline(path: string): InlinedWasmFile {
  const bytes = readFileSync(path);
  const packed = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } });
  return { bytes: bytes.length, brotliBase64: packed.toString('base64') };
}

function packageFile(packageName: string, file: string): string {
  // Through package.json: some grammar packages do not export their wasm files.
  return require.resolve(`${packageName}/package.json`).slice(0, -'package.json'.length) + file;
}

export interface InlinedWasmStats {
  files: number;
  wasmBytes: number;
  inlinedBytes: number;
}

export function inlinedWasmTable(): { table: InlinedWasmTable; stats: InlinedWasmStats } {
  const grammars: Record<string, InlinedWasmFile> = {};
  for (const { grammar } of LANGUAGES)
    grammars[grammarKey(grammar)] ??= inline(packageFile(grammar.packageName, grammar.file));
  const table = { runtime: inline(require.resolve('web-tree-sitter/web-tree-sitter.wasm')), grammars };
  const all = [table.runtime, ...Object.values(grammars)];
  return {
    table,
    stats: {
      files: all.length,
      wasmBytes: all.reduce((sum, f) => sum + f.bytes, 0),
      inlinedBytes: all.reduce((sum, f) => sum + f.brotliBase64.length, 0),
    },
  };
}

export function inlineWasmPlugin(onStats?: (stats: InlinedWasmStats) => void): Plugin {
  return {
    name: 'lintel-inline-wasm',
    setup(build) {
      build.onResolve({ filter: /^lintel:inlined-wasm$/ }, () => ({
        path: MODULE,
        namespace: 'lintel-wasm',
      }));
      build.onLoad({ filter: /.*/, namespace: 'lintel-wasm' }, () => {
        const { table, stats } = inlinedWasmTable();
        onStats?.(stats);
        return { contents: `export default ${JSON.stringify(table)};`, loader: 'js' };
      });
    },
  };
}
