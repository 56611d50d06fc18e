import { jsFamilySpec } from './jsFamily';

export const javascript = jsFamilySpec({
  id: 'javascript',
  extensions: ['.js', '.mjs', '.cjs', '.jsx'],
  interpreters: ['node', 'nodejs', 'deno', 'bun'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-javascript.wasm' },
});
