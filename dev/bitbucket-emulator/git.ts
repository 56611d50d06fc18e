/** Read access to a repository on disk through the git CLI, the only source of truth for code. */
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { CatFileBatch, type GitObject } from './cat-file-batch';

/** Bitbucket resolves abbreviated hashes of at least 7 characters (the length git itself prints by default). */
export const MIN_SHORT_HASH_LENGTH = 7;
const GIT_MAX_BUFFER = 1024 * 1024 * 1024;
const FULL_HASH = /^[0-9a-f]{40}$/;
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface CommitInfo {
  hash: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Author date, seconds since the epoch, and its offset like "+0200". */
  authorTime: number;
  authorOffset: string;
  message: string;
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size: number | undefined;
  path: string;
}

export interface DiffOptions {
  context?: number;
  paths?: string[];
  ignoreWhitespace?: boolean;
  renames?: boolean;
}

export const isFullHash = (value: string): boolean => FULL_HASH.test(value);

export class GitRepository {
  private readonly objects: CatFileBatch;
  private readonly env: NodeJS.ProcessEnv | undefined;

  /**
   * @param alternateObjectDirs other repositories' `objects` directories git may also read (a fork network's
   *   diff spans two repositories); their refs stay invisible.
   */
  constructor(
    readonly gitDir: string,
    alternateObjectDirs: readonly string[] = [],
  ) {
    this.env =
      alternateObjectDirs.length > 0
        ? { ...process.env, GIT_ALTERNATE_OBJECT_DIRECTORIES: alternateObjectDirs.join(path.delimiter) }
        : undefined;
    this.objects = new CatFileBatch(gitDir, this.env);
  }

  close(): void {
    this.objects.close();
  }

  /** Synchronous branch resolution, only for setting up fixtures (creating pull requests). */
  resolveSync(rev: string): string {
    const out = execFileSync(
      'git',
      ['--git-dir', this.gitDir, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    return out.trim();
  }

  /**
   * Resolves a branch, tag or (abbreviated) hash to a full commit hash. Hex strings shorter than
   * MIN_SHORT_HASH_LENGTH resolve to nothing, as on Bitbucket.
   */
  async resolveCommit(rev: string): Promise<string | null> {
    const commit = await this.readCommitObject(rev);
    return commit?.sha ?? null;
  }

  async readCommit(rev: string): Promise<CommitInfo | null> {
    const object = await this.readCommitObject(rev);
    return object ? parseCommit(object) : null;
  }

  /** Object at `path` in `commit` (a full hash), or null when the path does not exist there. */
  async readPath(commit: string, path: string): Promise<GitObject | null> {
    const name = path === '' ? `${commit}^{tree}` : `${commit}:${path}`;
    return this.objects.read(name);
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    try {
      return (await this.run(['merge-base', a, b])).toString('utf8').trim() || null;
    } catch {
      return null; // unrelated histories have no merge base
    }
  }

  /** Entries of the directory `dir` ('' for the root), or the single entry for a file path. */
  async listTree(commit: string, path: string, recursive = false): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-l', '-z', '--full-tree'];
    if (recursive) args.push('-r', '-t');
    args.push(commit);
    if (path !== '') args.push('--', path);
    const out = (await this.run(args)).toString('utf8');
    return out
      .split('\0')
      .filter((line) => line !== '')
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode = '', type = 'blob', sha = '', size = '-'] = line.slice(0, tab).split(/ +/);
        return {
          mode,
          type: type as TreeEntry['type'],
          sha,
          size: size === '-' ? undefined : Number(size),
          path: line.slice(tab + 1),
        };
      });
  }

  /** Unified diff from `base` to `head` (full hashes; `base` null means the empty tree). */
  diff(base: string | null, head: string, options: DiffOptions): Promise<Buffer> {
    const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', `-U${options.context ?? 3}`];
    args.push(...this.commonDiffArgs(base, head, options));
    return this.run(args);
  }

  /** `--raw --numstat -z` output in one pass: modes and statuses plus line counts. */
  rawNumstat(base: string | null, head: string, options: DiffOptions): Promise<Buffer> {
    return this.run([
      'diff',
      '--raw',
      '--numstat',
      '-z',
      '--no-abbrev',
      ...this.commonDiffArgs(base, head, options),
    ]);
  }

  private commonDiffArgs(base: string | null, head: string, options: DiffOptions): string[] {
    const args = [options.renames === false ? '--no-renames' : '-M'];
    if (options.ignoreWhitespace) args.push('-w');
    args.push(base ?? EMPTY_TREE, head);
    if (options.paths && options.paths.length > 0)
      args.push('--', ...options.paths.map((p) => `:(literal)${p}`));
    return args;
  }

  private async readCommitObject(rev: string): Promise<GitObject | null> {
    if (rev.startsWith('-') || rev.includes(':')) return null;
    if (/^[0-9a-f]+$/i.test(rev) && rev.length < MIN_SHORT_HASH_LENGTH) return null;
    const object = await this.objects.read(`${rev}^{commit}`);
    return object?.type === 'commit' ? object : null;
  }

  private run(args: string[]): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        ['--git-dir', this.gitDir, ...args],
        { encoding: 'buffer', maxBuffer: GIT_MAX_BUFFER, ...(this.env ? { env: this.env } : {}) },
        (error, stdout, stderr) => {
          if (error)
            reject(
              new Error(`git ${args[0] ?? ''} failed: ${stderr.toString('utf8').trim() || error.message}`),
            );
          else resolve(stdout);
        },
      );
    });
  }
}

function parseCommit(object: GitObject): CommitInfo {
  const text = object.content.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split < 0 ? text : text.slice(0, split)).split('\n');
  const parents: string[] = [];
  let authorName = '';
  let authorEmail = '';
  let authorTime = 0;
  let authorOffset = '+0000';
  for (const header of headers) {
    if (header.startsWith('parent ')) parents.push(header.slice('parent '.length));
    const author = /^author (.*) <([^>]*)> (\d+) ([+-]\d{4})$/.exec(header);
    if (author) {
      authorName = author[1] ?? '';
      authorEmail = author[2] ?? '';
      authorTime = Number(author[3]);
      authorOffset = author[4] ?? '+0000';
    }
  }
  return {
    hash: object.sha,
    parents,
    authorName,
    authorEmail,
    authorTime,
    authorOffset,
    message: split < 0 ? '' : text.slice(split + 2),
  };
}
