/**
 * `lintel pr` end to end, as a team would run it from Bitbucket Pipelines: the real bin, over HTTP with a token,
 * against the Bitbucket emulator (which checks every request against the official OpenAPI document).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  createGitRepository,
  startEmulator,
  type Emulator,
  type EmulatorPullRequest,
} from '../../dev/bitbucket-emulator';
import { removeDir, tempDir } from './run-bin';

const BIN = path.resolve(__dirname, '../../bin/lintel.js');
// Assembled at run time so no credential-shaped literal sits in the repository.
const PLANTED_KEY = ['AKIA', 'QW7R', 'T2YU', 'IO3P', 'ZX9C'].join('');

const BASE = `export function add(a: number, b: number): number {
  return a + b;
}
`;
/** Line 4 starts a function of cyclomatic complexity 11 (threshold 9); line 18 holds a hard-coded AWS key. */
const HEAD = `export function add(a: number, b: number): number {
  return a + b;
}
export function classify(n: number, strict: boolean, mode: string): string {
  if (n < 0) return 'negative';
  if (n === 0) return 'zero';
  if (n > 1000 && strict) return 'huge';
  if (n > 100 || mode === 'wide') return 'big';
  for (let i = 2; i < n; i++) {
    if (n % i === 0) return 'composite';
  }
  while (mode === 'loop') {
    if (strict) break;
    mode = 'done';
  }
  return 'prime';
}
export const awsKeyId = '${PLANTED_KEY}';
`;

/** The real bin as a child process, so the emulator in this process keeps serving while it runs. */
function lintelPr(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'pr', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('lintel pr against the emulator', () => {
  let emulator: Emulator;
  let dir: string;
  let pr: EmulatorPullRequest;
  let token: string;

  beforeAll(async () => {
    dir = tempDir();
    const { gitDir } = await createGitRepository(path.join(dir, 'repo'), [
      { branch: 'main', message: 'base', files: { 'src/math.ts': BASE } },
      { branch: 'feature', from: 'main', message: 'classify', files: { 'src/math.ts': HEAD } },
    ]);
    emulator = await startEmulator();
    const bot = emulator.addUser({ displayName: 'Pipelines bot' });
    token = bot.token;
    const author = emulator.addUser({ displayName: 'Dev' });
    emulator.addWorkspace({ slug: 'team' });
    emulator.addRepository({ workspace: 'team', slug: 'repo', gitDir });
    // A repository access token: its bot user may write statuses and reports there, as Bitbucket requires.
    emulator.grantRepositoryPermission({ workspace: 'team', repo: 'repo', user: bot, permission: 'write' });
    pr = emulator.createPullRequest({
      workspace: 'team',
      repo: 'repo',
      title: 'classify',
      sourceBranch: 'feature',
      destinationBranch: 'main',
      author,
    });
  });

  afterAll(async () => {
    await emulator.close();
    removeDir(dir);
  });

  const args = () => [
    '--api-url',
    `${emulator.baseUrl}/2.0`,
    '--workspace',
    'team',
    '--repo',
    'repo',
    '--pr',
    String(pr.id),
  ];

  it('publishes once, survives 429s, annotates exactly the planted lines, and never echoes the secret', async () => {
    emulator.faults.inject({ status: 429, times: 3 });
    const first = await lintelPr(args(), { BITBUCKET_TOKEN: token });
    expect(first.stderr).not.toMatch(/Error|at \w+ \(/);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/quality gate FAILED/);

    const second = await lintelPr(args(), { BITBUCKET_TOKEN: token });
    expect(second.code).toBe(1);

    const reports = emulator.state.reports('team', 'repo', pr.sourceCommit);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.result).toBe('FAILED');
    const annotations = emulator.state.annotations(
      'team',
      'repo',
      pr.sourceCommit,
      String(reports[0]?.external_id),
    );
    expect([...new Set(annotations.map((a) => `${String(a.path)}:${String(a.line)}`))].sort()).toEqual([
      'src/math.ts:18',
      'src/math.ts:4',
    ]);
    expect(emulator.state.statuses('team', 'repo', pr.sourceCommit)).toHaveLength(1);
    const comments = emulator.state.comments('team', 'repo', pr.id).filter((c) => !c.deleted);
    expect(comments.filter((c) => !c.inline)).toHaveLength(1);
    const inline = comments.filter((c) => c.inline).map((c) => JSON.stringify(c.inline));
    expect(new Set(inline).size).toBe(inline.length);

    const everything = JSON.stringify([
      reports,
      annotations,
      comments,
      emulator.state.statuses('team', 'repo', pr.sourceCommit),
    ]);
    expect(everything).not.toContain(PLANTED_KEY);
    expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain(PLANTED_KEY);
    expect(emulator.violations).toEqual([]);
  });

  it('--dry-run prints what would be published and writes nothing', async () => {
    const before = emulator.requests.filter((r) => r.method !== 'GET').length;
    const run = await lintelPr([...args(), '--dry-run'], { BITBUCKET_TOKEN: token });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/dry run: \d+ write\(s\) not sent/);
    expect(run.stdout).toMatch(
      /PUT\s+\/2\.0\/repositories\/team\/repo\/commit\/[0-9a-f]{40}\/reports\/lintel-analysis/,
    );
    expect(emulator.requests.filter((r) => r.method !== 'GET').length).toBe(before);
  });

  it('explains a missing token and a wrong pull request in one line each', async () => {
    const noToken = await lintelPr(args(), { BITBUCKET_TOKEN: '' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/set BITBUCKET_TOKEN/);
    const wrong = await lintelPr([...args().slice(0, -1), '999'], { BITBUCKET_TOKEN: token });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/read pull request #999: HTTP 404/);
  });
});
