import { brotliDecompressSync } from 'node:zlib';
import { EngineUnavailableError } from '../engine-unavailable';
import type { GrammarFile, WasmSource } from './wasmSource';

/**
 * WebAssembly inlined into a bundle by `scripts/build/inline-wasm.ts`: each file Brotli-compressed and base64-encoded
 * (23 MB of grammars become under 2 MB of text), decoded only when its language is first parsed, so a function that
 * sees only TypeScript never pays for Kotlin.
 */
export interface InlinedWasmFile {
  /** Size of the original .wasm, checked after decoding so a damaged bundle fails loudly. */
  bytes: number;
  brotliBase64: string;
}

export interface InlinedWasmTable {
  runtime: InlinedWasmFile;
  /** Keyed by `grammarKey()`: `<packageName>/<file>`. */
  grammars: Readonly<Record<string, InlinedWasmFile>>;
}

export const grammarKey = ({ packageName, file }: GrammarFile): string => `${packageName}/${file}`;

function decode(name: string, entry: InlinedWasmFile): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = brotliDecompressSync(Buffer.from(entry.brotliBase64, 'base64'));
  } catch (error) {
    throw new EngineUnavailableError(`the bundled ${name} is corrupt: ${String(error)}`);
  }
  if (bytes.length !== entry.bytes) {
    throw new EngineUnavailableError(
      `the bundled ${name} is damaged: ${bytes.length} bytes instead of ${entry.bytes}`,
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

export function inlinedWasmSource(table: InlinedWasmTable): WasmSource {
  return {
    runtime: () => decode('tree-sitter runtime', table.runtime),
    grammar: (file) => {
      const key = grammarKey(file);
      const entry = table.grammars[key];
      if (!entry) throw new EngineUnavailableError(`the grammar ${key} is not in this bundle`);
      return decode(`grammar ${key}`, entry);
    },
  };
}
