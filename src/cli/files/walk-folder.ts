import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Folders never worth analysing, even when no .gitignore mentions them. */
export const ALWAYS_SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

interface IgnoreScope {
  dir: string;
  rules: Ignore;
}

async function gitignoreIn(dir: string): Promise<IgnoreScope | undefined> {
  try {
    const text = await readFile(join(dir, '.gitignore'), 'utf8');
    return { dir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function isIgnored(path: string, isDir: boolean, scopes: readonly IgnoreScope[]): boolean {
  // Each .gitignore speaks about paths relative to its own folder; a deeper file may re-include with `!`.
  let ignored = false;
  for (const scope of scopes) {
    const rel = relative(scope.dir, path).split('\\').join('/') + (isDir ? '/' : '');
    const result = scope.rules.test(rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Lists the regular files under `root` the way git would outside a repository: honouring every .gitignore
 * on the way down, skipping .git and node_modules, and not following symbolic links (git stores the link).
 */
export async function walkFolder(root: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (dir: string, scopes: IgnoreScope[]): Promise<void> => {
    const own = await gitignoreIn(dir);
    const active = own ? [...scopes, own] : scopes;
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED_FOLDERS.has(entry.name) && !isIgnored(path, true, active))
          await visit(path, active);
      } else if (entry.isFile() && !isIgnored(path, false, active)) {
        files.push(path);
      }
    }
  };
  await visit(root, []);
  return files;
}
