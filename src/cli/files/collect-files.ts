import { lstat, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../io';
import { runGit, splitNul, workTreeRoot } from '../git/run-git';
import { ALWAYS_SKIPPED_FOLDERS, walkFolder } from './walk-folder';

/** A file to analyse: where it is on disk and the path shown in reports. */
export interface CollectedFile {
  absolutePath: string;
  /**
   * Forward-slash path relative to the current folder, as ESLint prints it (`../lib/x.js` above it): one base
   * for every argument, so two files never share a path and each one opens from the shell.
   */
  reportPath: string;
  /**
   * Forward-slash path relative to the repository root (outside git: the current folder, or the folder given
   * when it lies elsewhere), which settings' `ignore` patterns are written against.
   */
  ignorePath: string;
  /** Named on the command line itself, so settings' ignore patterns do not apply to it. */
  explicit: boolean;
}

function relativePath(root: string, absolutePath: string): string {
  return relative(root, absolutePath).split(sep).join('/');
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function inSkippedFolder(ignorePath: string): boolean {
  return ignorePath.split('/').some((segment) => ALWAYS_SKIPPED_FOLDERS.has(segment));
}

async function listWithGit(gitRoot: string, folder: string): Promise<string[]> {
  const pathspec = relativePath(gitRoot, folder) || '.';
  // --others --exclude-standard adds untracked files that .gitignore does not exclude, as `git status` shows.
  const out = await runGit(gitRoot, [
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
    '--',
    pathspec,
  ]);
  const files: string[] = [];
  for (const rel of new Set(splitNul(out))) {
    const absolutePath = join(gitRoot, rel);
    // --cached lists files deleted from the work tree, and symbolic links; only regular files can be read.
    const info = await lstat(absolutePath).catch(() => undefined);
    if (info?.isFile()) files.push(absolutePath);
  }
  return files;
}

/**
 * Expands the PATH arguments of `lintel analyze` into files. Folders inside a git work tree are listed by git
 * (tracked plus untracked-but-not-ignored files); other folders are walked honouring .gitignore files.
 */
export async function collectFiles(paths: readonly string[], cwd: string): Promise<CollectedFile[]> {
  const byPath = new Map<string, CollectedFile>();
  for (const arg of paths) {
    const absolute = resolve(cwd, arg);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UserError(`path not found: ${arg}`);
    const folder = info.isDirectory() ? absolute : resolve(absolute, '..');
    const gitRoot = await workTreeRoot(folder);
    const root = gitRoot ?? (isInside(cwd, absolute) ? cwd : folder);
    const locate = (absolutePath: string) => ({
      absolutePath,
      reportPath: relativePath(cwd, absolutePath),
      ignorePath: relativePath(root, absolutePath),
    });
    if (info.isFile()) {
      byPath.set(absolute, { ...locate(absolute), explicit: true });
      continue;
    }
    if (!info.isDirectory()) throw new UserError(`not a file or folder: ${arg}`);
    const found = gitRoot ? await listWithGit(gitRoot, absolute) : await walkFolder(absolute);
    for (const absolutePath of found) {
      const file = locate(absolutePath);
      if (!byPath.has(absolutePath) && !inSkippedFolder(file.ignorePath)) {
        byPath.set(absolutePath, { ...file, explicit: false });
      }
    }
  }
  return [...byPath.values()].sort((a, b) =>
    a.reportPath < b.reportPath ? -1 : a.reportPath > b.reportPath ? 1 : 0,
  );
}
