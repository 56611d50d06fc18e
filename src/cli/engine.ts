import * as facade from '../engine';
import type { EnginePort } from './engine-port';

/** The real engine; assigning it here makes the compiler check that the facade still fits the CLI's needs. */
export const engine: EnginePort = facade;
