import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** All files under `root` whose names end with one of `suffixes` (sorted, so runs are comparable). */
export function corpusFiles(
  root: string,
  suffixes: readonly string[],
  exclude: readonly string[] = [],
): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (suffixes.some((s) => name.endsWith(s)) && !exclude.some((s) => name.endsWith(s)))
        out.push(path);
    }
  };
  walk(root);
  return out;
}

export function readCorpusFile(root: string, path: string): { rel: string; text: string } {
  return { rel: relative(root, path), text: readFileSync(path, 'utf8') };
}
