import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SkipReason, SourceFile } from '../../engine/types';
import { decodeSource } from '../files/decode-source';
import { UserError } from '../io';
import { readObjects } from './cat-file-batch';
import { GitError, runGit, splitNul, workTreeRoot } from './run-git';

/** What `lintel analyze --base/--head` hands to the engine, plus where it came from. */
export interface ChangeInput {
  base: SourceFile[];
  head: SourceFile[];
  diff: string;
  skipped: SkipReason[];
  revisions: { base: string; head: string; mergeBase: string };
  /** Absolute path of the work tree's root: every path above is relative to it. */
  root: string;
}

interface ChangedPath {
  status: string;
  /** Path at the merge base; absent for added files. */
  before?: string;
  /** Path at head; absent for deleted files. */
  after?: string;
}

async function resolveCommit(repo: string, rev: string, option: string): Promise<string> {
  try {
    const out = await runGit(repo, [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${rev}^{commit}`,
    ]);
    return out.toString('utf8').trim();
  } catch {
    throw new UserError(`${option} ${rev}: no such commit in this repository`);
  }
}

/** Parses `git diff --name-status -z -M`: `S\0path\0`, or `R<score>\0old\0new\0` for renames and copies. */
export function parseNameStatus(fields: readonly string[]): ChangedPath[] {
  const changes: ChangedPath[] = [];
  for (let i = 0; i < fields.length;) {
    const status = fields[i++] ?? '';
    const letter = status[0];
    if (letter === 'R' || letter === 'C') {
      const before = fields[i++];
      const after = fields[i++];
      changes.push({ status, before: letter === 'R' ? before : undefined, after });
    } else {
      const path = fields[i++];
      if (letter === 'A') changes.push({ status, after: path });
      else if (letter === 'D') changes.push({ status, before: path });
      else changes.push({ status, before: path, after: path });
    }
  }
  return changes;
}

async function readSide(
  repo: string,
  commit: string,
  paths: readonly string[],
  skipped: SkipReason[],
): Promise<SourceFile[]> {
  // `rev:path` names are line-based; a path with a newline cannot be asked for and is skipped visibly.
  const askable = paths.filter((p) => {
    if (p.includes('\n')) skipped.push({ path: p, reason: 'path contains a line break' });
    return !p.includes('\n');
  });
  const objects = await readObjects(
    repo,
    askable.map((p) => `${commit}:${p}`),
  );
  const files: SourceFile[] = [];
  askable.forEach((path, i) => {
    const object = objects[i];
    if (object?.kind !== 'blob') {
      if (object?.kind === 'other') skipped.push({ path, reason: `not a file (${object.type})` });
      return;
    }
    const decoded = decodeSource(path, object.bytes);
    if ('file' in decoded) files.push(decoded.file);
    else skipped.push(decoded.skipped);
  });
  return files;
}

/**
 * Collects the change from merge-base(base, head) to head, as a pull request shows it: the unified diff
 * (full index, renames detected) and the old and new contents of every changed file not ignored by settings.
 */
export async function readChange(
  cwd: string,
  repoArg: string,
  baseRev: string,
  headRev: string,
  isIgnored: (path: string) => boolean,
): Promise<ChangeInput> {
  const repoPath = resolve(cwd, repoArg);
  const isFolder = await stat(repoPath).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new UserError(`--repo ${repoArg}: no such folder`);
  const repo = await workTreeRoot(repoPath);
  if (!repo) throw new UserError(`not a git repository: ${repoArg}`);
  const base = await resolveCommit(repo, baseRev, '--base');
  const head = await resolveCommit(repo, headRev, '--head');
  let mergeBase: string;
  try {
    mergeBase = (await runGit(repo, ['merge-base', base, head])).toString('utf8').trim();
  } catch (error) {
    if (error instanceof GitError && error.exitCode === 1) {
      throw new UserError(`--base ${baseRev} and --head ${headRev} have no common ancestor`);
    }
    throw error;
  }
  const diffArgs = ['--no-ext-diff', '--no-textconv', '-M', mergeBase, head];
  const nameStatus = await runGit(repo, ['diff', '--name-status', '-z', ...diffArgs]);
  const diff = (await runGit(repo, ['diff', '--full-index', '--no-color', ...diffArgs])).toString('utf8');

  const skipped: SkipReason[] = [];
  const changes = parseNameStatus(splitNul(nameStatus)).filter((c) => !isIgnored(c.after ?? c.before ?? ''));
  const beforePaths = changes.flatMap((c) => (c.before === undefined ? [] : [c.before]));
  const afterPaths = changes.flatMap((c) => (c.after === undefined ? [] : [c.after]));
  const baseFiles = await readSide(repo, mergeBase, beforePaths, []);
  const headFiles = await readSide(repo, head, afterPaths, skipped);
  return {
    base: baseFiles,
    head: headFiles,
    diff,
    skipped,
    revisions: { base, head, mergeBase },
    root: repo,
  };
}
