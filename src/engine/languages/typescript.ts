import { jsFamilySpec } from './jsFamily';

export const typescript = jsFamilySpec({
  id: 'typescript',
  extensions: ['.ts', '.mts', '.cts'],
  interpreters: ['ts-node', 'tsx'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-typescript.wasm' },
});
