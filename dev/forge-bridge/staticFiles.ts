// Serves files of a built resource folder, refusing anything that would leave it.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file at `relativePath` (URL-decoded, `/`-separated) inside `rootDir`, or undefined when it does not
 * exist or would resolve outside `rootDir`.
 */
export async function readResourceFile(rootDir: string, relativePath: string): Promise<Buffer | undefined> {
  const root = path.resolve(rootDir);
  const file = path.resolve(root, '.' + path.posix.normalize('/' + relativePath));
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? await fs.readFile(file) : undefined;
  } catch {
    return undefined;
  }
}
