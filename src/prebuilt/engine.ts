/**
 * The prebuilt engine (`build/engine.cjs`, made by `npm run build`) for the edges that ship: the Forge consumer
 * (Forge's webpack bundler inlines this file; it cannot bundle web-tree-sitter's wasm itself) and the CLI (no
 * TypeScript compiled at start). Loaded on first use, so handlers that never analyse never pay for it. Tests of the
 * core import src/engine directly.
 */
import { EngineUnavailableError } from '../engine/engine-unavailable';

export type PrebuiltEngine = typeof import('../engine/bundle-entry');

let loaded: PrebuiltEngine | undefined;

export function prebuiltEngine(): PrebuiltEngine {
  if (loaded) return loaded;
  try {
    // A literal path, so webpack (forge deploy) and esbuild (the CLI build) both see and place the file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('../../build/engine.cjs') as PrebuiltEngine;
  } catch (error) {
    throw new EngineUnavailableError(
      `Lintel's analysis engine (build/engine.cjs) could not be loaded; run \`npm run build\` first ` +
        `(${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)})`,
      { cause: error },
    );
  }
  return loaded;
}
