import {
  branchyFunction,
  commitAll,
  git,
  initRepo,
  lintel,
  removeDir,
  SIMPLE_FUNCTION,
  tempDir,
  writeFiles,
} from './run-bin';
import { expectValidReport } from './schema-validator';
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface ChangeReport {
  mode: string;
  files: Array<{ path: string }>;
  findings: Array<{ ruleId: string; severity: string; path: string }>;
  fixed: Array<{ ruleId: string; path: string }>;
  health: { before: number; after: number; delta: number };
  change: { base: string; head: string; mergeBase: string; secrets: number };
  gate: { passed: boolean; reasons: string[] };
}

// Built at run time so this file itself holds no token-shaped string.
const FAKE_TOKEN = `ghp_${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7d'}`;

describe('lintel analyze --base REV --head REV', () => {
  let repo: string;
  let forkPoint: string;
  beforeAll(() => {
    repo = tempDir();
    initRepo(repo);
    writeFiles(repo, {
      'lib.js': branchyFunction('legacy', 20), // complex at base, simplified on the branch
      'old name.js': SIMPLE_FUNCTION,
      'keep.js': SIMPLE_FUNCTION,
    });
    forkPoint = commitAll(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'feature');
    writeFiles(repo, {
      'lib.js': SIMPLE_FUNCTION,
      'feature.js': branchyFunction('tangled', 20),
      'config.js': `const token = '${FAKE_TOKEN}';\nmodule.exports = { token };\n`,
      'logo.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d]),
    });
    renameSync(join(repo, 'old name.js'), join(repo, 'new name.js'));
    commitAll(repo, 'feature work');
    // main moves on after the fork: its changes are not part of the pull request.
    git(repo, 'checkout', '-q', 'main');
    writeFiles(repo, { 'main-only.js': branchyFunction('onMain', 30) });
    rmSync(join(repo, 'keep.js'));
    commitAll(repo, 'main moves on');
  });
  afterAll(() => removeDir(repo));

  function analyze(...extra: string[]) {
    return lintel(['analyze', '--repo', repo, '--base', 'main', '--head', 'feature', ...extra], repo);
  }

  it('analyses only the change from the merge base to head and fails the gate on what it introduced', () => {
    const r = analyze('--format', 'json');
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as ChangeReport;
    expectValidReport(report);
    expect(report.mode).toBe('change');
    expect(report.change.mergeBase).toBe(forkPoint);
    expect(report.change.head).toBe(git(repo, 'rev-parse', 'feature'));
    expect(report.files.map((f) => f.path).sort()).toEqual([
      'config.js',
      'feature.js',
      'lib.js',
      'new name.js',
    ]);
    expect(report.findings.some((f) => f.path === 'main-only.js')).toBe(false);
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'complex-method', severity: 'HIGH', path: 'feature.js' }),
        expect.objectContaining({ ruleId: 'hard-coded-secret', path: 'config.js' }),
      ]),
    );
    expect(report.fixed).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'complex-method', path: 'lib.js' })]),
    );
    expect(report.change.secrets).toBe(1);
    expect(report.gate.passed).toBe(false);
    expect(report.gate.reasons).toEqual(expect.arrayContaining(['1 new secret (limit 0)']));
    expect(r.stdout).not.toContain(FAKE_TOKEN); // a report never repeats the secret
    expect(r.code).toBe(1);
  });

  it('lists a binary file of the change as skipped', () => {
    const report = JSON.parse(analyze('--format', 'json').stdout) as ChangeReport & {
      skipped: Array<{ path: string; reason: string }>;
    };
    expect(report.skipped).toEqual(expect.arrayContaining([{ path: 'logo.png', reason: 'binary file' }]));
  });

  it('passes a change that only fixes problems', () => {
    git(repo, 'checkout', '-q', '-b', 'cleanup', forkPoint);
    writeFiles(repo, { 'lib.js': SIMPLE_FUNCTION });
    commitAll(repo, 'simplify');
    git(repo, 'checkout', '-q', 'main');
    const r = lintel(['analyze', '--repo', repo, '--base', 'main', '--head', 'cleanup'], repo);
    expect(r.stdout).toContain('Fixed by this change:');
    expect(r.stdout).toContain('Quality gate: PASSED');
    expect(r.code).toBe(0);
  });

  it('writes SARIF results for the new findings only', () => {
    const run = JSON.parse(analyze('--format', 'sarif').stdout).runs[0];
    const uris = run.results.map(
      (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        x.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('feature.js');
    expect(uris).not.toContain('lib.js');
  });

  it('exits 2 naming a revision that does not exist', () => {
    const r = lintel(['analyze', '--repo', repo, '--base', 'no-such-branch'], repo);
    expect(r.stderr).toContain('--base no-such-branch: no such commit');
    expect(r.code).toBe(2);
  });
});
