// `.lintel.yml` on the command line: the same file the app reads, from the work tree in file mode and from the
// base revision in change mode (so a branch cannot weaken its own gate), under `--settings FILE`.
import { branchyFunction, commitAll, git, initRepo, lintel, removeDir, tempDir, writeFiles } from './run-bin';

interface Report {
  findings: Array<{ ruleId: string; severity: string }>;
  gate: { passed: boolean; reasons: string[] };
}
const reportOf = (stdout: string) => JSON.parse(stdout) as Report;

describe('.lintel.yml in the CLI', () => {
  let repo: string;
  beforeAll(() => {
    repo = tempDir();
    initRepo(repo);
    // A strict gate on main: MEDIUM issues fail it.
    writeFiles(repo, {
      '.lintel.yml': 'gate:\n  newIssues: { minSeverity: MEDIUM, max: 0 }\n',
      'base.js': 'module.exports = 1;\n',
    });
    commitAll(repo, 'base with a strict gate');
    git(repo, 'checkout', '-q', '-b', 'feature');
    // The branch adds a MEDIUM finding and tries to relax the gate in the same change.
    writeFiles(repo, {
      'tangled.js': branchyFunction('tangled', 10),
      '.lintel.yml': 'gate:\n  newIssues: { minSeverity: CRITICAL, max: 0 }\n',
    });
    commitAll(repo, 'tangled, and a weaker gate');
  });
  afterAll(() => removeDir(repo));

  it('judges a change by the base revision’s file, not the one the change brings', () => {
    const r = lintel(
      ['analyze', '--repo', repo, '--base', 'main', '--head', 'feature', '--format', 'json'],
      repo,
    );
    expect(r.code).toBe(1);
    expect(reportOf(r.stdout).gate.passed).toBe(false);
  });

  it('reads the work tree’s file when analysing files, and --settings goes on top', () => {
    // The work tree is on `feature`, whose file only fails CRITICAL issues.
    const relaxed = lintel(['analyze', 'tangled.js', '--format', 'json'], repo);
    expect(relaxed.code).toBe(0);
    writeFiles(repo, { 'strict.json': '{ "gate": { "newIssues": { "minSeverity": "LOW" } } }' });
    const strict = lintel(['analyze', 'tangled.js', '--settings', 'strict.json', '--format', 'json'], repo);
    expect(strict.code).toBe(1);
  });

  it('turns rules off by id, as the settings promise', () => {
    writeFiles(repo, {
      'off.json':
        '{ "disabledRules": ["complex-method"], "gate": { "newIssues": { "minSeverity": "LOW" } } }',
    });
    const r = lintel(['analyze', 'tangled.js', '--settings', 'off.json', '--format', 'json'], repo);
    expect(reportOf(r.stdout).findings.map((f) => f.ruleId)).not.toContain('complex-method');
  });

  it('lists the files the settings ignore instead of dropping them', () => {
    writeFiles(repo, { 'dist/bundle.js': 'module.exports = 1;\n' });
    const json = lintel(['analyze', '.', '--format', 'json'], repo);
    const skipped = (JSON.parse(json.stdout) as { skipped: Array<{ path: string; reason: string }> }).skipped;
    expect(skipped).toContainEqual({
      path: 'dist/bundle.js',
      reason: "matches the settings' ignore patterns",
    });
    const text = lintel(['analyze', '.'], repo);
    expect(text.stdout).toMatch(/ {2}1 file: matches the settings' ignore patterns/);
  });

  it('stops with the file’s errors when .lintel.yml is invalid', () => {
    writeFiles(repo, { '.lintel.yml': 'gate:\n  minHealth: high\n' });
    const r = lintel(['analyze', 'tangled.js'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '.lintel.yml is invalid:\n  - .lintel.yml: gate.minHealth: must be a number from 0 to 10, got "high"',
    );
  });
});
