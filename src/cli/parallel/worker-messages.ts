/** What the CLI's main thread and its analysis workers say to each other (structured-cloned plain data). */
import type { FileMetrics, SourceFile } from '../../engine/types';

export interface AnalyzeRequest {
  id: number;
  file: SourceFile;
}

/** An error as it crosses the thread boundary: its name keeps EngineUnavailableError recognisable. */
export interface WireError {
  name: string;
  message: string;
}

/** One file's metrics, or why they could not be made, as the main thread's engine would have thrown it. */
export interface AnalyzeResponse {
  id: number;
  metrics: { ok: true; value: FileMetrics } | { ok: false; error: WireError };
}

export function toWireError(error: unknown): WireError {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}
