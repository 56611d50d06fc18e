/**
 * Faster 32-bit reads and writes of web-tree-sitter's wasm memory.
 *
 * web-tree-sitter passes every cursor move, node and point through wasm memory with Emscripten's generic
 * `getValue(ptr, type)` / `setValue(ptr, value, type)`: a string test on the type, a switch, then a DataView access
 * (the build is endian-neutral). A cursor move costs eight of them, and the metrics walk makes millions: on ESLint's
 * lib/ they were a quarter of parse-and-measure time (`npx tsx bench/metrics.ts`: 502 ms CPU before, ~370 after).
 *
 * The library looks both up on its Emscripten module object at each call, and that object is the one given to
 * `Parser.init` (Emscripten's `moduleArg`), so the caller can put equivalent accessors in their place: on a
 * little-endian host (every platform Node and Forge run on) an `i32` at an aligned address is exactly the
 * `Int32Array` element, which Emscripten keeps current as `HEAP32` when memory grows. Any other type, or a module
 * without `HEAP32` (a future web-tree-sitter), keeps the library's own accessors.
 */

type GetValue = (ptr: number, type?: string) => number;
type SetValue = (ptr: number, value: number, type?: string) => void;

/** The parts of an Emscripten module this reads and replaces. */
type EmscriptenModule = Partial<Record<'getValue' | 'setValue' | 'HEAP32', unknown>>;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Installs the fast accessors on an initialised module; returns whether it did. */
export function useFastHeapAccess(initialised: object): boolean {
  const module = initialised as EmscriptenModule;
  const slowGet = module.getValue;
  const slowSet = module.setValue;
  if (!LITTLE_ENDIAN || typeof slowGet !== 'function' || typeof slowSet !== 'function') return false;
  if (!(module.HEAP32 instanceof Int32Array)) return false;
  const get = slowGet as GetValue;
  const set = slowSet as SetValue;
  // HEAP32 is read on every call: Emscripten replaces it when the wasm memory grows.
  const heap = (): Int32Array => module.HEAP32 as Int32Array;
  const fastGet: GetValue = (ptr, type) =>
    type === 'i32' && (ptr & 3) === 0 ? (heap()[ptr >> 2] as number) : get(ptr, type);
  const fastSet: SetValue = (ptr, value, type) => {
    if (type === 'i32' && (ptr & 3) === 0) heap()[ptr >> 2] = value;
    else set(ptr, value, type);
  };
  module.getValue = fastGet;
  module.setValue = fastSet;
  return true;
}
