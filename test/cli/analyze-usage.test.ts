import { lintel, removeDir, tempDir, writeFiles } from './run-bin';

describe('lintel command line usage', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFiles(dir, {
      'a.js': 'const a = 1;\n',
      'bad.json': '{ "gate": ',
      'wrong.json': '{"gate":{"minHealth":"high"}}',
      'unknown-rule.json': '{"thresholds":{"no-such-rule":{"limit":3}}}',
    });
  });
  afterAll(() => removeDir(dir));

  it('prints help for the analyze command and exits 0', () => {
    const r = lintel(['analyze', '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'lintel analyze [--format text|json|sarif] [--settings FILE] [--jobs N] PATH...',
    );
    expect(r.stderr).toBe('');
  });

  it('lists the commands with --help and fails without a command', () => {
    expect(lintel(['--help'], dir)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/analyze, analyse {2}/),
    });
    expect(lintel([], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage: lintel <command>'),
    });
  });

  it.each([
    [['frobnicate'], "lintel: unknown command 'frobnicate'"],
    [['analyze', '--colour', 'a.js'], 'unknown option --colour\n'],
    [['analyze', '--format', 'xml', 'a.js'], "--format must be one of text, json, sarif, got 'xml'"],
    [['analyze'], 'expected at least one PATH'],
    [['analyze', 'missing.js'], 'path not found: missing.js'],
    [['analyze', '--base', 'main', 'a.js'], 'PATH arguments cannot be combined with --base'],
    [['analyze', '--head', 'x', 'a.js'], '--repo and --head need --base REV'],
    [['analyze', '--settings', 'nope.json', 'a.js'], 'cannot read settings file nope.json: no such file'],
    [['analyze', '--settings', 'bad.json', 'a.js'], 'settings file bad.json is not valid JSON'],
    [
      ['analyze', '--settings', 'wrong.json', 'a.js'],
      'gate.minHealth: must be a number from 0 to 10, got "high"',
    ],
    [['analyze', '--settings', 'unknown-rule.json', 'a.js'], 'no-such-rule'],
    [['analyze', '--repo', 'nowhere', '--base', 'main'], '--repo nowhere: no such folder'],
    [['analyze', '--repo', '.', '--base', 'main'], 'not a git repository'],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const r = lintel(args, dir);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user's mistake
    expect(r.stdout).toBe('');
  });
});
