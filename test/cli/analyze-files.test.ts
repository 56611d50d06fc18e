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
import { rmSync } from 'node:fs';
import { join } from 'node:path';

interface Report {
  files: Array<{ path: string; functions: Array<{ name: string; startLine: number; cyclomatic: number }> }>;
  findings: Array<{ ruleId: string; severity: string; path: string; line: number }>;
  skipped: Array<{ path: string; reason: string }>;
  gate: { passed: boolean; reasons: string[] };
}

function paths(report: Report): string[] {
  return report.files.map((f) => f.path).sort();
}

describe('lintel analyze PATH... outside a git repository', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFiles(dir, {
      'src/complex.js': branchyFunction('tangled', 20), // cyclomatic 21: a HIGH complex-method finding
      'src/simple.js': SIMPLE_FUNCTION,
      'bom.js': `\uFEFF${SIMPLE_FUNCTION}`,
      '.gitignore': 'ignored/\n*.log\n',
      'ignored/x.js': branchyFunction('hidden', 30),
      'debug.log': 'log line\n',
      'node_modules/pkg/index.js': branchyFunction('vendored', 30),
      'sub/.gitignore': 'local.js\n',
      'sub/local.js': branchyFunction('local', 30),
      'sub/kept.js': SIMPLE_FUNCTION,
      'img.bin': Uint8Array.from([0x89, 0x50, 0x00, 0x47]),
      'latin1.js': Uint8Array.from([0x63, 0xe9, 0x0a]),
      'relaxed.json': JSON.stringify({ gate: { newIssues: { minSeverity: 'CRITICAL' } } }),
    });
  });
  afterAll(() => removeDir(dir));

  it('analyses every file .gitignore keeps, skips binary and non-UTF-8 files with a reason, and fails the gate', () => {
    const r = lintel(['analyze', '--format', 'json', '.'], dir);
    expect(r.stderr).toBe(''); // no progress line when stderr is not a terminal
    const report = JSON.parse(r.stdout) as Report;
    expectValidReport(report);
    expect(paths(report)).toEqual([
      '.gitignore',
      'bom.js',
      'relaxed.json',
      'src/complex.js',
      'src/simple.js',
      'sub/.gitignore',
      'sub/kept.js',
    ]);
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { path: 'img.bin', reason: 'binary file' },
        { path: 'latin1.js', reason: 'not valid UTF-8 text' },
      ]),
    );
    expect(report.findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL')).toEqual([
      expect.objectContaining({
        ruleId: 'complex-method',
        severity: 'HIGH',
        path: 'src/complex.js',
        line: 1,
      }),
    ]);
    expect(report.gate).toMatchObject({ passed: false, reasons: ['1 new HIGH or worse issue (limit 0)'] });
    expect(r.code).toBe(1);
  });

  it('reads a file that starts with a byte order mark as plain code', () => {
    const report = JSON.parse(lintel(['analyze', '--format', 'json', 'bom.js'], dir).stdout) as Report;
    expect(report.files[0]?.functions).toEqual([
      expect.objectContaining({ name: 'add', startLine: 1, cyclomatic: 1 }),
    ]);
    expect(report.skipped).toEqual([]);
  });

  it('passes when the settings file relaxes the gate', () => {
    const r = lintel(['analyze', '--settings', 'relaxed.json', 'src'], dir);
    expect(r.stdout).toContain('Quality gate: PASSED');
    expect(r.code).toBe(0);
  });

  it('prints a readable text report, each finding as path:line:col', () => {
    const r = lintel(['analyze', 'src'], dir);
    const lines = r.stdout.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^src\/complex\.js:1:1 {2}HIGH +.*cyclomatic complexity of 21.*\(complex-method\)$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^src\/complex\.js:1:1 {2}MEDIUM +.*cognitive complexity.*\(cognitive-complexity\)$/,
      ),
    );
    expect(r.stdout).toMatch(
      /2 files, 2 functions analysed · 2 findings \(1 HIGH, 1 MEDIUM\) · health \d+\.\d\/10\n/,
    );
    expect(r.stdout).toContain('Quality gate: FAILED — 1 new HIGH or worse issue (limit 0)');
  });

  it('analyses a file named on the command line even when .gitignore excludes it', () => {
    const report = JSON.parse(lintel(['analyze', '--format', 'json', 'ignored/x.js'], dir).stdout) as Report;
    expect(paths(report)).toEqual(['ignored/x.js']);
  });

  it('writes SARIF 2.1.0 with the engine rules and one result per finding', () => {
    const r = lintel(['analyze', '--format', 'sarif', 'src'], dir);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(
      expect.arrayContaining(['complex-method', 'hard-coded-secret']),
    );
    expect(run.results.map((x: { ruleId: string }) => x.ruleId).sort()).toEqual([
      'cognitive-complexity',
      'complex-method',
    ]);
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'complex-method');
    expect(result).toMatchObject({
      ruleId: 'complex-method',
      level: 'error',
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'src/complex.js' }, region: { startLine: 1 } } },
      ],
    });
    expect(Object.values(result.partialFingerprints)[0]).toMatch(/\S/);
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('complex-method');
    expect(r.code).toBe(1);
  });
});

describe('lintel analyze PATH... inside a git repository', () => {
  let repo: string;
  beforeAll(() => {
    repo = tempDir();
    initRepo(repo);
    writeFiles(repo, {
      '.gitignore': 'gen/\n',
      'app/a.js': SIMPLE_FUNCTION,
      'app/gone.js': SIMPLE_FUNCTION,
      'app/.lintel-settings.json': '{}',
    });
    commitAll(repo, 'base');
    rmSync(join(repo, 'app/gone.js')); // tracked but deleted in the work tree
    writeFiles(repo, { 'app/new.js': SIMPLE_FUNCTION, 'gen/out.js': branchyFunction('generated', 30) });
    git(repo, 'rm', '-q', '--cached', 'app/.lintel-settings.json');
    writeFiles(repo, { '.git/info/exclude': 'app/.lintel-settings.json\n' });
  });
  afterAll(() => removeDir(repo));

  it('lists files with git: tracked and untracked, without ignored, excluded or deleted ones', () => {
    const r = lintel(['analyze', '--format', 'json', '.'], repo);
    const report = JSON.parse(r.stdout) as Report;
    expect(paths(report)).toEqual(['.gitignore', 'app/a.js', 'app/new.js']);
    expect(r.code).toBe(0);
  });

  it('reports paths relative to the current folder when run from a subfolder, as ESLint does', () => {
    const report = JSON.parse(
      lintel(['analyze', '--format', 'json', '.'], join(repo, 'app')).stdout,
    ) as Report;
    expect(paths(report)).toEqual(['a.js', 'new.js']);
  });
});
