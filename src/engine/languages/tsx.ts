import { jsFamilySpec } from './jsFamily';

export const tsx = jsFamilySpec({
  id: 'tsx',
  extensions: ['.tsx'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-tsx.wasm' },
});
