/**
 * A run that finds nothing to judge is an error that says what it found (exit 2), never "PASSED" for code nobody
 * looked at (issue 9, item 7).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, initRepo, lintel, removeDir, tempDir, writeFiles } from './run-bin';

describe('lintel analyze with nothing to analyse', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    writeFiles(dir, {
      'images/a.png': Uint8Array.from([0x89, 0x50, 0x00, 0x47]),
      'images/b.png': Uint8Array.from([0x89, 0x50, 0x00, 0x48]),
      'images/c.txt': Uint8Array.from([0x63, 0xe9, 0x0a]),
      'vendored/.gitignore': '*\n', // ignores itself too, as git does
      'vendored/lib.js': 'function f() {}\n',
      'generated/out.js': 'function g() {}\n',
      'ignore-generated.json': JSON.stringify({ ignore: ['generated/**'] }),
      'ok/a.js': 'function add(a, b) {\n  return a + b;\n}\n',
    });
  });
  afterAll(() => removeDir(dir));

  function expectNothing(args: string[], message: string | RegExp, cwd = dir) {
    const r = lintel(['analyze', ...args], cwd);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe(''); // no report, so no "Quality gate: PASSED"
    expect(r.code).toBe(2);
  }

  it('stops on an empty folder, naming it', () => {
    expectNothing(['empty'], 'lintel analyze: nothing to analyse: no files in empty');
  });

  it('stops when every file is binary or not UTF-8 text, counting each reason', () => {
    expectNothing(
      ['--format', 'json', 'images'],
      'nothing to analyse: found 3 files in images, none of them source text (binary file: 2, not valid UTF-8 text: 1)',
    );
  });

  it('stops when .gitignore leaves nothing in the folder', () => {
    expectNothing(['vendored'], 'nothing to analyse: no files in vendored');
  });

  it("stops when the settings' ignore patterns leave nothing", () => {
    expectNothing(
      ['--settings', 'ignore-generated.json', 'generated'],
      "found 1 file in generated, none of them source text (matches the settings' ignore patterns: 1)",
    );
  });

  it('still analyses a folder with one readable file next to the others', () => {
    const r = lintel(['analyze', 'ok', 'images'], dir);
    expect(r.stdout).toContain('Quality gate: PASSED');
    expect(r.code).toBe(0);
  });

  it('also stops in a git repository whose folder holds only ignored files', () => {
    const repo = tempDir();
    try {
      initRepo(repo);
      writeFiles(repo, { '.gitignore': 'build/\n', 'build/app.js': 'x\n', 'README.md': '# r\n' });
      commitAll(repo, 'base');
      mkdirSync(join(repo, 'build/empty'), { recursive: true });
      expectNothing(['build'], 'nothing to analyse: no files in build', repo);
    } finally {
      removeDir(repo);
    }
  });
});
