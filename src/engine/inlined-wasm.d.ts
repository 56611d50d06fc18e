/** Generated at build time by scripts/build/inline-wasm.ts (an esbuild plugin); see src/engine/bundle-entry.ts. */
declare module 'lintel:inlined-wasm' {
  const table: import('./parse/inlined-wasm-source').InlinedWasmTable;
  export default table;
}
