/**
 * Where the engine gets WebAssembly bytes from. The engine itself never touches the file system:
 * a bundled Forge function supplies the bytes it inlined, the CLI and tests use the default
 * node_modules reader in `nodeWasmSource.ts`.
 */

/** A grammar file: the npm package that ships it and the file's path inside that package. */
export interface GrammarFile {
  packageName: string;
  file: string;
}

export interface WasmSource {
  /** Bytes of web-tree-sitter's runtime (`web-tree-sitter.wasm`). */
  runtime(): Uint8Array | Promise<Uint8Array>;
  /** Bytes of one grammar. */
  grammar(file: GrammarFile): Uint8Array | Promise<Uint8Array>;
}
