import type { Node, Point, Tree, TreeCursor } from 'web-tree-sitter';

/**
 * A tree cursor that stays in web-tree-sitter's wasm transfer buffer between moves.
 *
 * web-tree-sitter's `TreeCursor` keeps its state (four words: the C cursor's stack pointer and context) in the JS
 * object. Every call copies those words into the runtime's transfer buffer, calls the wasm export, and for a move
 * copies them back out: eight memory accesses and three property lookups on the Emscripten module per step. The wasm
 * side of every cursor call (`lib/tree-sitter.c`: `unmarshal_cursor(TRANSFER_BUFFER, tree)`, then `marshal_cursor`
 * after a move) only ever reads and writes that buffer, so a walk that makes nothing but cursor calls can leave the
 * state there and call the exports directly. On ESLint's lib/ a bare walk of every node takes ~60 ms this way
 * instead of ~82 ms, and the metrics walker's hot functions compile to much smaller code (docs/engine-wasm.md).
 *
 * Anything else that uses the buffer (materialising a `Node`, a node's own methods, a point, another cursor, any
 * code between two moves) overwrites it. So the state is also copied out of the buffer after every move (four
 * typed-array reads, cheap next to the library's generic accessors), and the runtime's `getValue`/`setValue` are
 * wrapped so that any library access to the cursor's four words gives up the buffer: the next cursor call writes the
 * state back first. The JS side of web-tree-sitter reads and writes the buffer only through those two accessors, so
 * no interleaving of this cursor with other use of the runtime can make a call run on someone else's state.
 */
export interface WalkCursor {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  readonly nodeTypeId: number;
  readonly nodeIsNamed: boolean;
  readonly currentFieldId: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly currentNode: Node;
  delete(): void;
}

type TreeCall = (tree: number) => number;

/** The runtime exports a buffer cursor calls, and where the transfer buffer is. */
interface BufferOps {
  module: { HEAP32?: unknown };
  /** Int32 index of the transfer buffer in HEAP32. */
  at: number;
  firstChild: TreeCall;
  nextSibling: TreeCall;
  parent: TreeCall;
  typeId: TreeCall;
  isNamed: TreeCall;
  fieldId: TreeCall;
  startIndex: TreeCall;
  endIndex: TreeCall;
}

const EXPORTS = {
  firstChild: '_ts_tree_cursor_goto_first_child_wasm',
  nextSibling: '_ts_tree_cursor_goto_next_sibling_wasm',
  parent: '_ts_tree_cursor_goto_parent_wasm',
  typeId: '_ts_tree_cursor_current_node_type_id_wasm',
  isNamed: '_ts_tree_cursor_current_node_is_named_wasm',
  fieldId: '_ts_tree_cursor_current_field_id_wasm',
  startIndex: '_ts_tree_cursor_start_index_wasm',
  endIndex: '_ts_tree_cursor_end_index_wasm',
} as const;

let ops: BufferOps | undefined;

/** Id of the cursor whose state the transfer buffer holds; 0 once anything else has touched those words. */
let owner = 0;
let lastCursorId = 0;

type GetValue = (ptr: number, type?: string) => number;
type SetValue = (ptr: number, value: number, type?: string) => void;

/**
 * Looks up the cursor exports on the initialised Emscripten module (the object given to `Parser.init`). Returns
 * whether buffer cursors are available; a runtime without these exports (another web-tree-sitter) keeps
 * `TreeCursor`. `_ts_init` only writes the language version numbers into the buffer and returns its address; the
 * library calls it once at init for the same purpose.
 */
export function useBufferCursors(initialised: object): boolean {
  const module = initialised as Record<string, unknown>;
  const init = module._ts_init;
  const get = module.getValue;
  const set = module.setValue;
  if (typeof init !== 'function' || !(module.HEAP32 instanceof Int32Array)) return false;
  if (typeof get !== 'function' || typeof set !== 'function') return false;
  const calls: Partial<Record<keyof typeof EXPORTS, TreeCall>> = {};
  for (const [key, name] of Object.entries(EXPORTS) as Array<[keyof typeof EXPORTS, string]>) {
    const call = module[name];
    if (typeof call !== 'function') return false;
    calls[key] = call as TreeCall;
  }
  const address = (init as () => unknown)();
  if (typeof address !== 'number' || address <= 0 || address % 4 !== 0) return false;
  // The cursor state is the buffer's first four words: a library access to any of them takes the buffer back.
  const end = address + 16;
  const getValue = get as GetValue;
  const setValue = set as SetValue;
  module.getValue = (ptr: number, type?: string): number => {
    if (ptr < end && ptr >= address) owner = 0;
    return getValue(ptr, type);
  };
  module.setValue = (ptr: number, value: number, type?: string): void => {
    if (ptr < end && ptr >= address) owner = 0;
    setValue(ptr, value, type);
  };
  ops = { module, at: address >> 2, ...(calls as Record<keyof typeof EXPORTS, TreeCall>) };
  return true;
}

/** Stops using buffer cursors (tests compare both kinds). */
export function stopBufferCursors(): void {
  ops = undefined;
}

/** A cursor at the root of `tree`: a buffer cursor when the runtime allows, else the library's `TreeCursor`. */
export function walkCursor(tree: Tree): WalkCursor {
  const cursor = tree.walk();
  const address = (tree as unknown as Record<number, unknown>)[0];
  if (!ops || typeof address !== 'number') return cursor;
  return new BufferCursor(cursor, address, ops);
}

/** The four state words web-tree-sitter keeps at indices 0–3 of a `TreeCursor`. */
type CursorWords = Record<0 | 1 | 2 | 3, number>;

class BufferCursor implements WalkCursor {
  /** The cursor's state, current after every move (the library's `TreeCursor` reads it from here). */
  private readonly words: CursorWords;
  private readonly id = ++lastCursorId;

  constructor(
    private readonly cursor: TreeCursor,
    private readonly tree: number,
    private readonly ops: BufferOps,
  ) {
    this.words = cursor as unknown as CursorWords;
  }

  gotoFirstChild(): boolean {
    this.ensure();
    const moved = this.ops.firstChild(this.tree) === 1;
    this.load();
    return moved;
  }

  gotoNextSibling(): boolean {
    this.ensure();
    const moved = this.ops.nextSibling(this.tree) === 1;
    this.load();
    return moved;
  }

  gotoParent(): boolean {
    this.ensure();
    const moved = this.ops.parent(this.tree) === 1;
    this.load();
    return moved;
  }

  get nodeTypeId(): number {
    this.ensure();
    return this.ops.typeId(this.tree);
  }

  get nodeIsNamed(): boolean {
    this.ensure();
    return this.ops.isNamed(this.tree) === 1;
  }

  get currentFieldId(): number {
    this.ensure();
    return this.ops.fieldId(this.tree);
  }

  get startIndex(): number {
    this.ensure();
    return this.ops.startIndex(this.tree);
  }

  get endIndex(): number {
    this.ensure();
    return this.ops.endIndex(this.tree);
  }

  get startPosition(): Point {
    return this.library().startPosition;
  }

  get currentNode(): Node {
    return this.library().currentNode;
  }

  delete(): void {
    this.library().delete();
  }

  /**
   * Puts the state back in the buffer unless it is still there. One method for every call, so that the optimising
   * compiler meets `store` with type feedback from whichever call first needed it, instead of deoptimising each
   * call site the first time its own rare branch runs.
   */
  private ensure(): void {
    if (owner !== this.id) this.store();
  }

  /** The library's cursor; its state is current, and the buffer is the library's to overwrite. */
  private library(): TreeCursor {
    if (owner === this.id) owner = 0;
    return this.cursor;
  }

  private heap(): Int32Array {
    // Read each time: Emscripten replaces HEAP32 when the wasm memory grows (a node's children are malloc'd).
    return this.ops.module.HEAP32 as Int32Array;
  }

  private store(): void {
    const heap = this.heap();
    const at = this.ops.at;
    const words = this.words;
    heap[at] = words[0];
    heap[at + 1] = words[1];
    heap[at + 2] = words[2];
    heap[at + 3] = words[3];
    owner = this.id;
  }

  /** A move may have grown the C cursor's stack (a new pointer and capacity): keep the copy current. */
  private load(): void {
    const heap = this.heap();
    const at = this.ops.at;
    const words = this.words;
    words[0] = heap[at] as number;
    words[1] = heap[at + 1] as number;
    words[2] = heap[at + 2] as number;
    words[3] = heap[at + 3] as number;
  }
}
