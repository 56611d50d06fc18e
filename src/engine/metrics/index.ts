/**
 * Per-function and per-file metrics of source files: lizard-compatible cyclomatic complexity,
 * Sonar cognitive complexity, nesting, bumps, parameters, lines. See docs/metrics.md.
 */
import { detectLanguage } from '../languages/detect';
import { languageSpec } from '../languages/registry';
import { nodeModulesWasmSource } from '../parse/nodeWasmSource';
import { EngineUnavailableError, isEngineUnavailable } from '../engine-unavailable';
import { isGrammarLoaded, loadGrammar, setWasmSource, wasmSourceOrThrow } from '../parse/treeSitter';
import type { WasmSource } from '../parse/wasmSource';
import type { FileMetrics, LanguageId, SourceFile } from '../types';
import { analyzeWithSpec, plainTextMetrics, type AnalyzeOptions } from './analyzeFile';

export { detectLanguage };
export type { AnalyzeOptions, WasmSource };
export { MAX_FILE_BYTES, DEFAULT_FILE_TIMEOUT_MS } from './limits';

let customSource = false;

/**
 * Supplies the WebAssembly bytes (runtime and grammars) from somewhere other than node_modules,
 * e.g. inlined in a bundle. Call before the first analysis.
 */
export function useWasmSource(source: WasmSource): void {
  customSource = true;
  setWasmSource(source);
}

function ensureSource(): void {
  if (!customSource) {
    try {
      wasmSourceOrThrow();
    } catch {
      setWasmSource(nodeModulesWasmSource);
    }
  }
}

/**
 * Loads the grammars of the given languages (once each) so that `analyzeFileMetricsSync` can use them. A grammar
 * that cannot be loaded throws EngineUnavailableError: the caller's whole run fails, it never degrades to plain text.
 */
export async function loadLanguages(ids: readonly LanguageId[]): Promise<void> {
  ensureSource();
  await Promise.all(
    ids.map(async (id) => {
      const spec = languageSpec(id);
      if (!spec) return;
      try {
        await loadGrammar(spec.grammar);
      } catch (error) {
        if (isEngineUnavailable(error)) throw error;
        throw new EngineUnavailableError(
          `the ${id} grammar could not be loaded (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }),
  );
}

/**
 * Metrics of one file. Its language comes from its path (and shebang); the grammar is loaded on first
 * use. Never throws for bad input: unparseable, oversized or minified files come back with a `note`. Throws
 * EngineUnavailableError when the grammar itself cannot be loaded (a broken installation, not a bad file).
 */
export async function analyzeFileMetrics(file: SourceFile, opts?: AnalyzeOptions): Promise<FileMetrics> {
  const language = detectLanguage(file.path, file.text);
  const spec = languageSpec(language);
  if (!spec) return plainTextMetrics(file);
  await loadLanguages([language]);
  return analyzeWithSpec(file, spec, opts);
}

/**
 * Synchronous variant for batches: the file's grammar must already be loaded with `loadLanguages`,
 * otherwise this throws.
 */
export function analyzeFileMetricsSync(file: SourceFile, opts?: AnalyzeOptions): FileMetrics {
  const language = detectLanguage(file.path, file.text);
  const spec = languageSpec(language);
  if (!spec) return plainTextMetrics(file);
  if (!isGrammarLoaded(spec.grammar)) {
    throw new Error(`The ${language} grammar is not loaded: await loadLanguages(['${language}']) first.`);
  }
  return analyzeWithSpec(file, spec, opts);
}
