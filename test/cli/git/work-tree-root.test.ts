import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workTreeRoot } from '../../../src/cli/git/run-git';

// Real git and real folders: the shortcut must never answer differently from `git rev-parse --show-toplevel`.
describe('workTreeRoot', () => {
  let dir: string;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'lintel-root-')));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is undefined outside any repository, and the top folder inside one, from any subfolder', async () => {
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    expect(await workTreeRoot(join(dir, 'a/b'))).toBeUndefined();
    execFileSync('git', ['init', '-q', dir]);
    expect(await workTreeRoot(join(dir, 'a/b'))).toBe(dir);
    expect(await workTreeRoot(dir)).toBe(dir);
  });

  it('finds the work tree of a linked worktree, whose .git is a file', async () => {
    const main = join(dir, 'main');
    execFileSync('git', ['init', '-q', main]);
    execFileSync('git', [
      '-C',
      main,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@e',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'x',
    ]);
    const linked = join(dir, 'linked');
    execFileSync('git', ['-C', main, 'worktree', 'add', '-q', linked]);
    mkdirSync(join(linked, 'src'));
    expect(await workTreeRoot(join(linked, 'src'))).toBe(linked);
  });
});
