/** The command line forgives the usual slips (issue 9, item 7): `analyse`, and typos in options and commands. */
import { nearestName } from '../../src/cli/nearest-name';
import { lintel, removeDir, SIMPLE_FUNCTION, tempDir, writeFiles } from './run-bin';

describe('lintel analyse (British spelling)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFiles(dir, { 'a.js': SIMPLE_FUNCTION });
  });
  afterAll(() => removeDir(dir));

  it('runs the analyze command', () => {
    const r = lintel(['analyse', 'a.js'], dir);
    expect(r.stdout).toContain('Quality gate: PASSED');
    expect(r.code).toBe(0);
  });

  it('is listed in the help and shows the same help as analyze', () => {
    expect(lintel(['--help'], dir).stdout).toMatch(/^ {2}analyze, analyse {2}\S/m);
    const help = lintel(['analyse', '--help'], dir);
    expect(help.stdout).toBe(lintel(['analyze', '--help'], dir).stdout);
    expect(help.stdout).toContain('`lintel analyse` is the same command');
  });

  it.each([
    [
      ['analyze', '--formt', 'json', 'a.js'],
      'lintel analyze: unknown option --formt; did you mean --format?',
    ],
    [
      ['analyse', '--setings', 'x.json', 'a.js'],
      'lintel analyze: unknown option --setings; did you mean --settings?',
    ],
    [['analyze', '--bse', 'main'], 'unknown option --bse; did you mean --base?'],
    [['analyze', '--formt=json', 'a.js'], 'unknown option --formt; did you mean --format?'],
    [
      ['pr', '--workspce', 'w', '--repo', 'r', '--pr', '1'],
      'lintel pr: unknown option --workspce; did you mean --workspace?',
    ],
    [['pr', '--dryrun'], 'unknown option --dryrun; did you mean --dry-run?'],
  ])('suggests the nearest option for %j and exits 2', (args, message) => {
    const r = lintel(args, dir);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(`Run 'lintel ${args[0] === 'pr' ? 'pr' : 'analyze'} --help' for usage.`);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  it('offers no guess for an option nothing like a known one', () => {
    const r = lintel(['analyze', '--verbose', 'a.js'], dir);
    expect(r.stderr).toContain('lintel analyze: unknown option --verbose\n');
    expect(r.code).toBe(2);
  });

  it('suggests the nearest command', () => {
    const r = lintel(['analyz', 'a.js'], dir);
    expect(r.stderr).toContain("lintel: unknown command 'analyz'. Did you mean 'analyze'?");
    expect(r.code).toBe(2);
  });
});

describe('nearestName', () => {
  const options = ['--format', '--settings', '--repo', '--base', '--head', '--help', '-f', '-s', '-h'];

  it('finds the option one or two edits away', () => {
    expect(nearestName('--fromat', options)).toBe('--format');
    expect(nearestName('--FORMAT', options)).toBe('--format');
    expect(nearestName('--heda', options)).toBe('--head');
  });

  it('offers nothing when every option is far away', () => {
    expect(nearestName('--colour', options)).toBeUndefined();
    expect(nearestName('-x', ['-f'])).toBeUndefined();
  });
});
