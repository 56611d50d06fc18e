/**
 * The engine itself cannot work: a grammar or the secret scanner failed to load (a broken bundle, a corrupt inlined
 * grammar, missing wasm). Unlike a bad input file, this is never recorded as a per-file skip: the whole analysis
 * stops, so a pull request is never shown green for code that was not parsed (issue 7: no silent plain-text pass).
 */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

export function isEngineUnavailable(error: unknown): error is EngineUnavailableError {
  return error instanceof Error && error.name === 'EngineUnavailableError';
}
