/** What the CLI's main thread and its analysis workers say to each other (structured-cloned plain data). */
import type { FileTokens } from '../../engine/duplication';
import type { SecretHitInput } from '../../engine/rules/rule-types';
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

/** Metrics and the secret scan of one file, each failing on its own as they do on the main thread. */
export interface AnalyzeResponse {
  id: number;
  metrics: { ok: true; value: FileMetrics } | { ok: false; error: WireError };
  secrets: { ok: true; value: readonly SecretHitInput[] } | { ok: false; error: WireError };
  /**
   * The file's tokens for the clone search, made here so the main thread's whole-run search only joins them. Absent
   * for files the search leaves out (text) or when tokenizing failed: the main thread then tokenizes the file itself.
   */
  tokens?: FileTokens;
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
