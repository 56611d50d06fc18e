import { Language, Parser, type Tree } from 'web-tree-sitter';
import { useBufferCursors } from './buffer-cursor';
import { useFastHeapAccess } from './fast-heap-access';
import type { GrammarFile, WasmSource } from './wasmSource';

/**
 * The single web-tree-sitter runtime of the process and its grammars. Both are loaded lazily and
 * once: the runtime on first use, each grammar the first time a file of its language is parsed.
 */

let source: WasmSource | undefined;
let runtimeReady: Promise<void> | undefined;
const grammars = new Map<string, Promise<Language>>();
const loadedGrammars = new Map<string, Language>();
const parsers = new Map<string, Parser>();

/** Replace where wasm bytes come from. Must be called before the first parse to take effect. */
export function setWasmSource(next: WasmSource): void {
  source = next;
}

export function wasmSourceOrThrow(): WasmSource {
  if (!source) throw new Error('No WasmSource configured: call setWasmSource() before parsing.');
  return source;
}

function initRuntime(): Promise<void> {
  runtimeReady ??= (async () => {
    const wasmBinary = await wasmSourceOrThrow().runtime();
    // The options object becomes the runtime's Emscripten module: its memory accessors are then swapped, and its
    // cursor exports looked up for the metrics walk.
    const module = { wasmBinary };
    await Parser.init(module);
    useFastHeapAccess(module);
    useBufferCursors(module);
  })();
  return runtimeReady;
}

function grammarKey(file: GrammarFile): string {
  return `${file.packageName}/${file.file}`;
}

/** Loads a grammar once; concurrent callers share the same promise. */
export function loadGrammar(file: GrammarFile): Promise<Language> {
  const key = grammarKey(file);
  let pending = grammars.get(key);
  if (!pending) {
    pending = (async () => {
      await initRuntime();
      const bytes = await wasmSourceOrThrow().grammar(file);
      const language = await Language.load(bytes);
      loadedGrammars.set(key, language);
      return language;
    })();
    // A failed load may be retried later (e.g. after a WasmSource fix) instead of failing forever.
    pending.catch(() => grammars.delete(key));
    grammars.set(key, pending);
  }
  return pending;
}

export function isGrammarLoaded(file: GrammarFile): boolean {
  return loadedGrammars.has(grammarKey(file));
}

export type ParseOutcome = { tree: Tree } | { cancelled: true };

/**
 * Parses synchronously with an already loaded grammar. Parsing is cancelled through tree-sitter's
 * progress callback once `deadline` (a `performance.now()` value) has passed. The caller owns the
 * tree and must `delete()` it.
 */
export function parseLoaded(file: GrammarFile, text: string, deadline: number): ParseOutcome {
  const key = grammarKey(file);
  const language = loadedGrammars.get(key);
  if (!language) throw new Error(`Grammar ${key} is not loaded: call loadLanguages() first.`);
  let parser = parsers.get(key);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(key, parser);
  }
  // A cancelled parse would otherwise resume on the next call.
  parser.reset();
  const tree = parser.parse(text, null, {
    progressCallback: () => performance.now() > deadline,
  });
  if (!tree) {
    parser.reset();
    return { cancelled: true };
  }
  return { tree };
}
