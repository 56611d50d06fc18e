import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/**
 * Runs git and returns its stdout as bytes (file contents and -z listings are not always UTF-8 text).
 * `input` is written to stdin, for `cat-file --batch`. Rejects with GitError on a non-zero exit.
 */
export function runGit(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Pagers, prompts and external diff drivers would hang or change the output a machine parses.
    const child = spawn('git', ['-c', 'core.quotePath=false', ...args], {
      cwd,
      env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const message = error.code === 'ENOENT' ? 'git is not installed or not on PATH' : error.message;
      reject(new GitError(message, null, ''));
    });
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(new GitError(`git ${args[0] ?? ''} failed: ${stderr || `exit code ${code}`}`, code, stderr));
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all input; 'close' reports why.
    child.stdin.end(input ?? '');
  });
}

/**
 * Whether git could find a repository from `dir`: it looks for `.git` (a folder, or a file in worktrees and
 * submodules) in `dir` and each folder above, unless GIT_DIR or GIT_WORK_TREE point elsewhere.
 */
async function mayBeInWorkTree(dir: string): Promise<boolean> {
  if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined) return true;
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    const found = await access(join(folder, '.git')).then(
      () => true,
      () => false,
    );
    if (found) return true;
    if (dirname(folder) === folder) return false;
  }
}

/** The top folder of the work tree containing `dir`, or undefined when `dir` is not inside one. */
export async function workTreeRoot(dir: string): Promise<string | undefined> {
  // Outside any repository git is not started at all (a process start costs ~15 ms of every such run).
  if (!(await mayBeInWorkTree(dir))) return undefined;
  try {
    const out = await runGit(dir, ['rev-parse', '--show-toplevel']);
    return out.toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Splits a NUL-separated listing (`-z`), dropping the empty tail. */
export function splitNul(out: Buffer): string[] {
  return out
    .toString('utf8')
    .split('\0')
    .filter((s) => s !== '');
}
