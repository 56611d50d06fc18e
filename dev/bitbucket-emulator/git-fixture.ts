/**
 * Builds real git repositories for tests and the demo from a compact description of their history.
 *
 * Commits use fixed author/committer identities and dates, so the same history always yields the same
 * hashes on every machine (tests may assert on them).
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface FixtureCommit {
  /** Branch the commit lands on; created from `from` (or the current HEAD) the first time it is named. */
  branch: string;
  /** Branch or commit to start `branch` from when it does not exist yet. */
  from?: string;
  message: string;
  /** Path → content; `null` deletes the file. */
  files: Record<string, string | Buffer | null>;
}

export interface GitFixture {
  gitDir: string;
  head(branch: string): Promise<string>;
}

/** 2024-01-01T00:00:00Z; each commit is one minute later so ordering by date matches history order. */
const FIXED_EPOCH_SECONDS = 1_704_067_200;
const GIT_MAX_BUFFER = 256 * 1024 * 1024;

function fixtureEnv(commitIndex: number): NodeJS.ProcessEnv {
  const date = `${FIXED_EPOCH_SECONDS + commitIndex * 60} +0000`;
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'Lintel Fixture',
    GIT_AUTHOR_EMAIL: 'fixture@lintel.invalid',
    GIT_COMMITTER_NAME: 'Lintel Fixture',
    GIT_COMMITTER_EMAIL: 'fixture@lintel.invalid',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    // Keep the user's global config (signing, hooks, templates) from changing the hashes.
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env, maxBuffer: GIT_MAX_BUFFER }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`git ${args.join(' ')} failed in ${cwd}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

function assertSafeRelativePath(file: string): void {
  const normalised = path.posix.normalize(file);
  if (
    file === '' ||
    path.posix.isAbsolute(file) ||
    normalised.startsWith('..') ||
    normalised.split('/').includes('.git')
  ) {
    throw new Error(
      `createGitRepository: file path "${file}" must be relative, inside the repository and outside .git`,
    );
  }
}

/**
 * Creates (or replaces) a git repository with a working tree in `dir` and replays `history` into it.
 * The first branch named becomes the initial branch. Returns the `.git` directory to hand to the emulator.
 */
export async function createGitRepository(dir: string, history: FixtureCommit[]): Promise<GitFixture> {
  if (history.length === 0) throw new Error('createGitRepository: history must contain at least one commit');
  const first = history[0];
  if (!first) throw new Error('createGitRepository: history must contain at least one commit');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const baseEnv = fixtureEnv(0);
  await git(dir, ['init', '--quiet', `--initial-branch=${first.branch}`], baseEnv);
  await configure(dir);
  await replay(dir, history, new Set([first.branch]), first.branch, true);
  return fixtureAt(dir);
}

/**
 * A fork of the repository whose `.git` is `upstreamGitDir`, as Bitbucket makes one: a separate repository with
 * its own copy of every object and branch, then `history` replayed on top (branches it names that the upstream
 * has continue from the upstream's head). Commits made later in either repository stay in that repository.
 */
export async function forkGitRepository(
  upstreamGitDir: string,
  dir: string,
  history: FixtureCommit[],
): Promise<GitFixture> {
  await rm(dir, { recursive: true, force: true });
  const baseEnv = fixtureEnv(0);
  // --no-local copies the objects instead of hard-linking them: the fork shares nothing with its upstream.
  await git(path.dirname(dir), ['clone', '--quiet', '--no-local', upstreamGitDir, dir], baseEnv);
  await git(dir, ['fetch', '--quiet', '--update-head-ok', 'origin', '+refs/heads/*:refs/heads/*'], baseEnv);
  await git(dir, ['remote', 'remove', 'origin'], baseEnv);
  await configure(dir);
  const branches = new Set(
    (await git(dir, ['for-each-ref', '--format=%(refname:short)', 'refs/heads'], baseEnv)).split('\n'),
  );
  const current = (await git(dir, ['rev-parse', '--abbrev-ref', 'HEAD'], baseEnv)).trim();
  await replay(dir, history, branches, current, false);
  return fixtureAt(dir);
}

async function configure(dir: string): Promise<void> {
  const env = fixtureEnv(0);
  await git(dir, ['config', 'core.autocrlf', 'false'], env);
  await git(dir, ['config', 'commit.gpgsign', 'false'], env);
}

async function replay(
  dir: string,
  history: FixtureCommit[],
  branches: Set<string>,
  start: string,
  firstIsInitial: boolean,
): Promise<void> {
  let current = start;
  for (const [index, commit] of history.entries()) {
    const env = fixtureEnv(index);
    if (!(firstIsInitial && index === 0) && commit.branch !== current) {
      if (branches.has(commit.branch)) await git(dir, ['checkout', '--quiet', commit.branch], env);
      else await git(dir, ['checkout', '--quiet', '-b', commit.branch, commit.from ?? current], env);
      branches.add(commit.branch);
      current = commit.branch;
    }
    for (const [file, content] of Object.entries(commit.files)) {
      assertSafeRelativePath(file);
      const target = path.join(dir, file);
      if (content === null) {
        await rm(target, { force: true });
      } else {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, content);
      }
    }
    // One `add -A` per commit rather than one process per file: fixtures with hundreds of files stay fast.
    await git(dir, ['add', '-A'], env);
    await git(dir, ['commit', '--quiet', '--allow-empty', '--no-verify', '-m', commit.message], env);
  }
}

function fixtureAt(dir: string): GitFixture {
  return {
    gitDir: path.join(dir, '.git'),
    head: async (branch: string) =>
      (await git(dir, ['rev-parse', '--verify', `${branch}^{commit}`], fixtureEnv(0))).trim(),
  };
}
