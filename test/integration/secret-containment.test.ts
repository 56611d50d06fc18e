/**
 * docs/SECURITY.md, "A secret found in code": a pull request that adds six real-looking credentials (AWS key id and
 * secret key, a GitHub token, a Slack token, a private key, a database password) runs through the whole app on the
 * local platform — trigger, queue, consumer, analysis, AI review (the runtime's scripted LLM stand-in, the one mock:
 * no LLM runs locally), publishing — and then the panel is opened. No piece of any secret (8 characters of it, as
 * `leaksSecret` checks) may appear in any request the Bitbucket emulator received (path, query or body), any log line
 * the runtime captured, any kvs value, any queued event, any LLM prompt, or the panel; and the process opens network
 * connections to the local emulator only. The same files through the CLI (`lintel analyze`, files and change mode, in
 * text, JSON and SARIF, and `lintel pr`) print none of it either. Each part first checks the secrets were found, so a
 * run that saw nothing cannot pass.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { createGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import { addBitbucketUser, extensions, llmScript, type ForgeRuntime } from '../../dev/forge-runtime';
import { leaksSecret } from '../../src/engine/secrets/redact';
import { commitAll, git, initRepo, lintel, writeFiles } from '../cli/run-bin';
import { APP_ROOT } from '../support/forge-app';
import { startLocalApp, WORKSPACE, type LocalApp } from '../support/local-app';

// Assembled at run time so no credential-shaped literal sits in Lintel's own source.
const SECRETS = {
  awsKeyId: ['AKIA', 'R7VX', 'M2QP', 'L9TZ', 'K4WB'].join(''),
  awsSecretKey: ['wJalrXUt', 'nFEMI7K4', 'MDENGbPx', 'RfiCYq3Z', 'x9Lm2Tq8'].join(''),
  githubToken: ['ghp_', 'Zx8Kq2Lm', 'Wn4Rt7Yp', 'Bv3Hs6Jd', 'Fg9Qc1Xe', 'Ua5T'].join(''),
  slackToken: ['xoxb-', '2748392012', '-', '4829301938', '-', 'Hq7Zm2Kx9Lp4Wn8Rt3Yb6Vc'].join(''),
  privateKey: ['MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Lg', 'Qm9Kx2Lp7Wn4Rt8Yb3Vc6Hs1Jd5Fg0Ua9TqZx8Km'].join(
    '\n',
  ),
  databasePassword: ['S3cr3t', 'PgPassw0rd9'].join(''),
  /** In a file with classic-Mac (lone CR) line endings, where line numbers are easy to get wrong. */
  legacyKeyId: ['AKIA', 'T5NC', 'W8QD', 'J3XF', 'H6PL'].join(''),
};
const SECRET_COUNT = Object.keys(SECRETS).length;

/** Every secret's pieces: a private key is looked for line by line, since a line is what a message could quote. */
const PIECES = Object.values(SECRETS).flatMap((secret) => secret.split('\n'));

function expectNoSecret(where: string, text: string): void {
  const leaked = PIECES.filter((piece) => leaksSecret(text, piece));
  expect({ where, leaked }).toEqual({ where, leaked: [] });
}

/** Cyclomatic complexity 16 around the credentials: a HIGH finding, so the AI review is asked about this code. */
const PAYMENTS = [
  'export function route(n: number): string {',
  `  const accessKeyId = '${SECRETS.awsKeyId}';`,
  `  const secretAccessKey = '${SECRETS.awsSecretKey}';`,
  `  const githubToken = '${SECRETS.githubToken}';`,
  '  void accessKeyId, secretAccessKey, githubToken;',
  ...Array.from({ length: 15 }, (_, i) => `  if (n === ${i}) return 'route${i}';`),
  "  return 'none';",
  '}',
  `export const slack = '${SECRETS.slackToken}';`,
  `export const pem = \`-----BEGIN RSA PRIVATE KEY-----\n${SECRETS.privateKey}\n-----END RSA PRIVATE KEY-----\`;`,
  `export const db = 'postgres://app:${SECRETS.databasePassword}@db.internal:5432/pay';`,
  '',
].join('\n');

/** The same shape with lone CR line endings: git and Bitbucket see one line, so must every part of Lintel. */
const LEGACY = [
  'export function legacy(n: number): string {',
  `  const accessKeyId = '${SECRETS.legacyKeyId}';`,
  '  void accessKeyId;',
  ...Array.from({ length: 15 }, (_, i) => `  if (n === ${i}) return 'legacy${i}';`),
  "  return 'none';",
  '}',
].join('\r');

const FILES = { 'src/payments.ts': PAYMENTS, 'src/legacy.ts': `${LEGACY}\n` };

/** A valid answer to every finding prompt, and an overview for the summary's prompt (the facts as JSON). */
const script = () =>
  llmScript((request) => {
    const user = String(request.messages.find((m) => m.role === 'user')?.content ?? '');
    if (user.startsWith('{'))
      return { reply: JSON.stringify({ overview: 'One routing function and credentials.' }) };
    return {
      reply: JSON.stringify({
        explanation: 'Fifteen ifs map numbers to names.',
        replacement: null,
        confidence: 0.9,
      }),
    };
  });

let dir: string;
let app: LocalApp;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-containment-'));
  const repo = await createGitRepository(path.join(dir, 'repo'), [
    {
      branch: 'main',
      message: 'initial',
      files: { 'src/base.ts': 'export const base = 1;\n', '.lintel.yml': 'aiComments: true\n' },
    },
    { branch: 'credentials', from: 'main', message: 'payments', files: FILES },
    // Bitbucket allows one open pull request per source and destination: `lintel pr` gets its own.
    { branch: 'credentials-cli', from: 'main', message: 'payments again', files: FILES },
  ]);
  app = await startLocalApp(repo.gitDir);
});

afterAll(async () => {
  await app?.emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a secret in a pull request, on the local platform', () => {
  let runtime: ForgeRuntime;
  let pr: EmulatorPullRequest;
  const connections: string[] = [];
  let restoreConnect: (() => void) | undefined;

  beforeAll(async () => {
    // Every TCP connection this process opens while the app runs: Forge allows no egress (manifest.yml declares
    // none), so only the local emulator may be reached, whichever client the code used.
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
      const options = (
        typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }
      ) as {
        host?: string;
        port?: number | string;
        path?: string;
      };
      connections.push(options.path ?? `${options.host ?? 'localhost'}:${String(options.port)}`);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof connect;
    restoreConnect = () => (net.Socket.prototype.connect = connect);

    runtime = app.runtime({ llm: script().answer });
    pr = app.openPullRequest('credentials');
    await runtime.fireProductEvent(app.created(pr));
    await runtime.idle();
    restoreConnect();
  });

  afterAll(() => {
    restoreConnect?.();
    runtime?.uninstall();
  });

  it('found every secret, and published a failed gate', () => {
    expect(runtime.invocations.filter((i) => i.functionKey === 'run-analysis').at(-1)?.ok).toBe(true);
    const gate = Object.entries(runtime.kvs.snapshot()).find(([key]) => key.startsWith('gate:'))?.[1] as {
      findings?: Array<{ ruleId: string }>;
    };
    expect(gate.findings?.filter((f) => f.ruleId === 'hard-coded-secret')).toHaveLength(SECRET_COUNT);
    expect(app.published(pr).statuses.map((s) => s.state)).toEqual(['FAILED']);
    expect(app.emulator.violations).toEqual([]);
  });

  it('sent no piece of a secret to Bitbucket: no path, query or body of any request', () => {
    const received = app.emulator.requests;
    // The writes are there to look at: the report, annotations, status and comments.
    expect(received.filter((r) => r.method !== 'GET' && r.body).length).toBeGreaterThanOrEqual(4);
    expect(received.some((r) => r.body?.includes('Possible hard-coded secret'))).toBe(true);
    for (const request of received) {
      expectNoSecret(
        `${request.method} ${request.path}`,
        `${request.path}?${request.query}\n${request.body ?? ''}`,
      );
    }
    const shown = app.published(pr);
    expectNoSecret('what Bitbucket shows', JSON.stringify(shown));
  });

  it('logged, stored and queued no piece of a secret', () => {
    expect(runtime.logs.length).toBeGreaterThan(0);
    expectNoSecret('runtime logs', runtime.logs.map((l) => l.message).join('\n'));
    expectNoSecret('kvs', JSON.stringify(runtime.kvs.snapshot()));
    expectNoSecret('queued events', JSON.stringify(runtime.queuePushes));
  });

  it('asked the LLM about the code around the secrets without any of them', () => {
    expect(runtime.llmRequests.length).toBeGreaterThan(0);
    const sent = JSON.stringify(runtime.llmRequests);
    // The code window was there, with the credentials' values replaced.
    expect(sent).toContain("if (n === 0) return 'route0'");
    expectNoSecret('LLM prompts', sent);
  });

  it('shows the panel without any of them', async () => {
    const reader = addBitbucketUser(app.emulator, runtime, {
      displayName: 'Reviewer',
      workspace: WORKSPACE,
      repositories: { [app.repository]: 'read' },
    });
    const panel = await runtime.invokeResolver(
      'pr-panel',
      { functionKey: 'getPanelState' },
      { accountId: reader.accountId, extension: extensions.pullRequestPanel(app.ids.repository, pr.id) },
    );
    expect(panel.ok).toBe(true);
    expect(JSON.stringify(panel)).toContain('hard-coded-secret');
    expectNoSecret('panel', JSON.stringify(panel));
  });

  it('declares no egress: manifest.yml has no external permissions, and no remote', () => {
    const manifest = YAML.parse(fs.readFileSync(path.join(APP_ROOT, 'manifest.yml'), 'utf8')) as {
      permissions: Record<string, unknown>;
      remotes?: unknown;
    };
    expect(Object.keys(manifest.permissions)).toEqual(['scopes']);
    expect(manifest.remotes).toBeUndefined();
  });

  it('connected to nothing but the local emulator', () => {
    const emulator = new URL(app.emulator.baseUrl);
    expect(connections.length).toBeGreaterThan(0);
    expect([...new Set(connections)]).toEqual([`${emulator.hostname}:${emulator.port}`]);
  });
});

describe('a secret through the command line', () => {
  let repo: string;
  beforeAll(() => {
    repo = path.join(dir, 'cli');
    fs.mkdirSync(repo);
    initRepo(repo);
    writeFiles(repo, { 'src/base.ts': 'export const base = 1;\n' });
    commitAll(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'credentials');
    writeFiles(repo, FILES);
    commitAll(repo, 'payments');
  });

  it.each(['text', 'json', 'sarif'])(
    'lintel analyze --format %s prints no piece of a secret, in either mode',
    (format) => {
      for (const args of [
        ['analyze', 'src', '--format', format],
        ['analyze', '--repo', '.', '--base', 'main', '--head', 'HEAD', '--format', format],
      ]) {
        const run = lintel(args, repo);
        expect({ args, code: run.code }).toEqual({ args, code: 1 });
        expect(run.stdout).toMatch(/hard-coded-secret/);
        expect(run.stdout.match(/hard-coded-secret/g)?.length).toBeGreaterThanOrEqual(SECRET_COUNT);
        expectNoSecret(`lintel ${args.join(' ')}`, run.stdout + run.stderr);
      }
    },
  );

  it('lintel pr prints and sends no piece of a secret, nor its own token', async () => {
    const bot = app.emulator.addUser({ displayName: 'Pipelines bot' });
    app.emulator.grantRepositoryPermission({
      workspace: WORKSPACE,
      repo: app.repository,
      user: bot,
      permission: 'write',
    });
    const pr = app.openPullRequest('credentials-cli');
    const before = app.emulator.requests.length;
    const run = await lintelPr(
      [
        '--api-url',
        `${app.emulator.baseUrl}/2.0`,
        '--workspace',
        WORKSPACE,
        '--repo',
        app.repository,
        '--pr',
        String(pr.id),
      ],
      { BITBUCKET_TOKEN: bot.token },
    );
    expect(run.stdout).toMatch(/quality gate FAILED/);
    expectNoSecret('lintel pr output', run.stdout + run.stderr);
    expect(run.stdout + run.stderr).not.toContain(bot.token);
    const sent = app.emulator.requests.slice(before);
    expect(sent.some((r) => r.method === 'PUT' && /\/reports\//.test(r.path))).toBe(true);
    for (const request of sent)
      expectNoSecret(
        `lintel pr: ${request.method} ${request.path}`,
        `${request.path}?${request.query}\n${request.body ?? ''}`,
      );
  });
});

/** The real bin as a child process, so the emulator in this process keeps serving while it runs. */
function lintelPr(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = path.resolve(__dirname, '../../bin/lintel.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'pr', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
