import { Parser } from 'web-tree-sitter';
import { useFastHeapAccess } from '../../../src/engine/parse/fast-heap-access';
import { nodeModulesWasmSource } from '../../../src/engine/parse/nodeWasmSource';

type Accessors = {
  getValue(ptr: number, type?: string): number;
  setValue(ptr: number, value: number, type?: string): void;
  HEAP32: Int32Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
};

// The real web-tree-sitter runtime: the options given to Parser.init become its Emscripten module.
describe('fast 32-bit access to web-tree-sitter memory', () => {
  let module: Accessors;
  let libraryGet: Accessors['getValue'];
  beforeAll(async () => {
    const options = { wasmBinary: nodeModulesWasmSource.runtime() };
    await Parser.init(options);
    module = options as unknown as Accessors;
    libraryGet = module.getValue.bind(module);
    expect(useFastHeapAccess(module)).toBe(true);
  });

  it('reads and writes i32 values exactly as the library does, and leaves other types to it', () => {
    const ptr = module._malloc(16);
    try {
      for (const value of [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 123_456_789]) {
        module.setValue(ptr + 4, value, 'i32');
        expect(libraryGet(ptr + 4, 'i32')).toBe(value);
        expect(module.getValue(ptr + 4, 'i32')).toBe(value);
      }
      module.setValue(ptr, -2, 'i16');
      expect(libraryGet(ptr, 'i16')).toBe(-2);
      expect(module.getValue(ptr, 'i16')).toBe(-2);
      // An address that is not 4-aligned goes through the library too.
      module.setValue(ptr + 1, 0x01020304, 'i32');
      expect(module.getValue(ptr + 1, 'i32')).toBe(0x01020304);
    } finally {
      module._free(ptr);
    }
  });

  it('leaves a module alone when it has no HEAP32 to use', () => {
    const getValue = () => 0;
    const setValue = () => undefined;
    const odd = { getValue, setValue };
    expect(useFastHeapAccess(odd)).toBe(false);
    expect(odd.getValue).toBe(getValue);
    expect(odd.setValue).toBe(setValue);
  });
});
