/**
 * Paths in reports (issue 9, item 3): relative to the current folder in files mode (as ESLint prints them), to the
 * repository root in change mode; two files never share a path; every text row opens from the shell.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

interface Report {
  files: Array<{ path: string }>;
  findings: Array<{ ruleId: string; path: string; line: number }>;
  skipped: Array<{ path: string; reason: string }>;
}

interface SarifRun {
  originalUriBaseIds: Record<string, { uri: string }>;
  results: Array<{
    ruleId: string;
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }>;
  }>;
}

const json = (stdout: string) => JSON.parse(stdout) as Report;
const complexPaths = (report: Report) =>
  report.findings.filter((f) => f.ruleId === 'complex-method').map((f) => f.path);

/** The `path:line:col` at the start of each finding row of a text report. */
function textLocations(stdout: string): Array<{ path: string; line: number; col: number }> {
  return [...stdout.matchAll(/^(\S+):(\d+):(\d+) {2}/gm)].map((m) => ({
    path: m[1] ?? '',
    line: Number(m[2]),
    col: Number(m[3]),
  }));
}

/** Where each SARIF result points on disk: its URI resolved against the run's %SRCROOT%. */
function sarifFiles(stdout: string): string[] {
  const run = (JSON.parse(stdout) as { runs: SarifRun[] }).runs[0] as SarifRun;
  return run.results.map((r) => {
    const { uri, uriBaseId } = r.locations[0]?.physicalLocation.artifactLocation ?? {
      uri: '',
      uriBaseId: '',
    };
    return fileURLToPath(new URL(uri, run.originalUriBaseIds[uriBaseId]?.uri));
  });
}

describe('report paths in files mode, outside git', () => {
  let dir: string;
  let elsewhere: string;
  beforeAll(() => {
    dir = tempDir();
    elsewhere = tempDir();
    writeFiles(dir, {
      'a/x.js': branchyFunction('fromA', 20),
      'b/x.js': branchyFunction('fromB', 20),
      'work/.keep': '',
    });
    writeFiles(elsewhere, { 'lib/x.js': branchyFunction('outside', 20) });
  });
  afterAll(() => {
    removeDir(dir);
    removeDir(elsewhere);
  });

  it('analyses a/x.js and b/x.js both, under two different paths', () => {
    const r = lintel(['analyze', '--format', 'json', 'a', 'b'], dir);
    const report = json(r.stdout);
    expect(report.files.map((f) => f.path).sort()).toEqual(['a/x.js', 'b/x.js']);
    expect(complexPaths(report).sort()).toEqual(['a/x.js', 'b/x.js']);
    expect(report.skipped).toEqual([]); // nothing "given more than once"
  });

  it('prints paths relative to the current folder, with ../ for files above it', () => {
    const r = lintel(['analyze', '--format', 'json', '../a', join(elsewhere, 'lib')], join(dir, 'work'));
    const outside = relative(join(dir, 'work'), join(elsewhere, 'lib/x.js'));
    expect(outside).toMatch(/^\.\.\//);
    expect(
      json(r.stdout)
        .files.map((f) => f.path)
        .sort(),
    ).toEqual(['../a/x.js', outside].sort());
  });

  it('prints text rows as path:line:col that name a file the shell can open from the current folder', () => {
    const cwd = join(dir, 'work');
    const r = lintel(['analyze', '../a', '../b'], cwd);
    const locations = textLocations(r.stdout);
    expect(new Set(locations.map((l) => l.path))).toEqual(new Set(['../a/x.js', '../b/x.js']));
    for (const l of locations) {
      expect(existsSync(resolve(cwd, l.path))).toBe(true);
      expect(l).toMatchObject({ line: 1, col: 1 }); // `function fromA(x) {` starts the first line
    }
  });

  it('gives SARIF locations relative to %SRCROOT%, the current folder, each resolving to the analysed file', () => {
    const r = lintel(['analyze', '--format', 'sarif', 'a', 'b'], dir);
    const run = (JSON.parse(r.stdout) as { runs: SarifRun[] }).runs[0] as SarifRun;
    expect(fileURLToPath(run.originalUriBaseIds['%SRCROOT%']?.uri ?? '')).toBe(`${dir}/`);
    const files = sarifFiles(r.stdout);
    expect(new Set(files)).toEqual(new Set([join(dir, 'a/x.js'), join(dir, 'b/x.js')]));
  });
});

describe('report paths inside a git repository', () => {
  let repo: string;
  beforeAll(() => {
    repo = tempDir();
    initRepo(repo);
    writeFiles(repo, {
      'app/main.js': SIMPLE_FUNCTION,
      'lib/util.js': SIMPLE_FUNCTION,
      'lib/gen/out.js': branchyFunction('generated', 30),
      '.lintel.yml': 'ignore:\n  - "lib/gen/**"\n',
    });
    commitAll(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'feature');
    writeFiles(repo, { 'lib/util.js': branchyFunction('util', 20) });
    commitAll(repo, 'feature');
  });
  afterAll(() => removeDir(repo));

  it('in files mode, prints paths relative to the current folder and still applies ignore patterns from the root', () => {
    const r = lintel(['analyze', '--format', 'json', '../lib'], join(repo, 'app'));
    const report = json(r.stdout);
    // lib/gen/** in .lintel.yml is written against the repository root and still matches from app/.
    expect(report.files.map((f) => f.path)).toEqual(['../lib/util.js']);
    expect(complexPaths(report)).toEqual(['../lib/util.js']);
  });

  it('in change mode, prints paths relative to the repository root, and SARIF says where that root is', () => {
    const text = lintel(['analyze', '--base', 'main'], join(repo, 'app'));
    expect(textLocations(text.stdout).map((l) => l.path)).toContain('lib/util.js');
    const sarif = lintel(['analyze', '--base', 'main', '--format', 'sarif'], join(repo, 'app'));
    expect(sarifFiles(sarif.stdout)).toContain(join(repo, 'lib/util.js'));
  });
});
