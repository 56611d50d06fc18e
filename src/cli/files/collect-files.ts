import { lstat, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../io';
import { runGit, splitNul, workTreeRoot } from '../git/run-git';
import { ALWAYS_SKIPPED_FOLDERS, walkFolder } from './walk-folder';

/** A file to analyse: where it is on disk and the path shown in reports. */
export interface CollectedFile {
  absolutePath: string;
  /** Forward-slash path relative to the repository root (or the current folder outside a repository). */
  reportPath: string;
  /** Named on the command line itself, so settings' ignore patterns do not apply to it. */
  explicit: boolean;
}

function toReportPath(root: string, absolutePath: string): string {
  return relative(root, absolutePath).split(sep).join('/');
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function inSkippedFolder(reportPath: string): boolean {
  return reportPath.split('/').some((segment) => ALWAYS_SKIPPED_FOLDERS.has(segment));
}

async function listWithGit(gitRoot: string, folder: string): Promise<string[]> {
  const pathspec = toReportPath(gitRoot, folder) || '.';
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
    if (info.isFile()) {
      byPath.set(absolute, {
        absolutePath: absolute,
        reportPath: toReportPath(root, absolute),
        explicit: true,
      });
      continue;
    }
    if (!info.isDirectory()) throw new UserError(`not a file or folder: ${arg}`);
    const found = gitRoot ? await listWithGit(gitRoot, absolute) : await walkFolder(absolute);
    for (const absolutePath of found) {
      const reportPath = toReportPath(root, absolutePath);
      if (!byPath.has(absolutePath) && !inSkippedFolder(reportPath)) {
        byPath.set(absolutePath, { absolutePath, reportPath, explicit: false });
      }
    }
  }
  return [...byPath.values()].sort((a, b) =>
    a.reportPath < b.reportPath ? -1 : a.reportPath > b.reportPath ? 1 : 0,
  );
}
