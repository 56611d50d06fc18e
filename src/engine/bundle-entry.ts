/**
 * Entry of the prebuilt engine, `build/engine.cjs` (made by `scripts/build/build-engine.ts`): the facade with
 * web-tree-sitter, every grammar and secretlint in one CommonJS file. Forge's webpack bundler cannot load .wasm and
 * the CLI should not compile TypeScript at start, so both load this file with a plain require().
 */
import inlinedWasm from 'lintel:inlined-wasm';
import { useWasmSource } from './metrics';
import { inlinedWasmSource } from './parse/inlined-wasm-source';

useWasmSource(inlinedWasmSource(inlinedWasm));

export {
  analyzeChange,
  analyzeChangeWith,
  analyzeFiles,
  analyzeFilesWith,
  defaultPorts,
  rules,
} from './index';
export type { AnalyzeHooks } from './analyze-files';
export { isEngineUnavailable } from './engine-unavailable';
