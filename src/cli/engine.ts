import { prebuiltEngine } from '../prebuilt/engine';
import type { EnginePort } from './engine-port';

/**
 * The prebuilt engine (build/engine.cjs): the CLI never compiles or loads the engine's TypeScript. The return type
 * makes the compiler check that the bundle's facade still fits the CLI's needs.
 */
export function cliEngine(): EnginePort {
  return prebuiltEngine();
}
