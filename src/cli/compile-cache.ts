/**
 * V8's compile cache for the CLI's bundles. Node 22.1+ can keep the code it compiled between runs (in the OS temp
 * folder, keyed by file content), so each thread of `lintel analyze` stops recompiling ~3 MB of JavaScript on every
 * start. Older Node has no such switch, and nothing happens there; `NODE_DISABLE_COMPILE_CACHE=1` turns it off.
 * Only modules loaded after the call benefit: the engine and the worker threads, not this bundle itself.
 */
import * as nodeModule from 'node:module';

export function enableCompileCache(): void {
  const enable = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
  try {
    enable?.();
  } catch {
    // A cache folder that cannot be written costs only the compile it would have saved.
  }
}
