/**
 * docs/SECURITY.md, "What Lintel stores": every value the app writes to Forge storage — during a pull request's run
 * with AI review, a large pull request in chunk mode, a settings save, a re-analysis and a dismissal, all through the
 * bundled functions on the local platform — has a key of a documented kind and exactly that kind's documented
 * lifetime. A new key, or a changed TTL, fails here until SECURITY.md's table (RETENTION below mirrors it) says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import { addBitbucketUser, extensions, llmScript, type ForgeRuntime } from '../../dev/forge-runtime';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import { startLocalApp, WORKSPACE, type LocalApp } from '../support/local-app';

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/** SECURITY.md's storage table: key pattern → TTL in seconds (undefined: kept until deleted or the app is uninstalled). */
const RETENTION: ReadonlyArray<{ kind: string; key: RegExp; ttlSeconds: number | undefined }> = [
  { kind: 'settings', key: /^settings:(ws|project|repo):[0-9a-f-]+$/, ttlSeconds: undefined },
  {
    kind: 'settings revision claim',
    key: /^settingsrev:(workspace|project|repository):[0-9a-f-]+:\d+$/,
    ttlSeconds: 60,
  },
  { kind: 'stored verdict', key: /^gate:[0-9a-f-]+:\d+$/, ttlSeconds: undefined },
  { kind: 'newest queued event', key: /^queued:[0-9a-f-]+:\d+$/, ttlSeconds: undefined },
  { kind: "the app's user", key: /^app:user$/, ttlSeconds: undefined },
  { kind: 'API budget', key: /^apibudget:(spend:.+|signals)$/, ttlSeconds: 65 * MINUTE },
  {
    kind: 'chunk plan, results, markers, lock',
    key: /^chunk(plan|done|lock)?:[0-9a-f-]+:\d+(:[0-9a-f]+(:\d{5})?)?$/,
    ttlSeconds: 2 * DAY,
  },
  { kind: 'activity entry', key: /^activity:[0-9a-f-]+:\d{13}:\d+$/, ttlSeconds: 30 * DAY },
  { kind: 'dismissed finding', key: /^dismissed:[0-9a-f-]+:\d+:[0-9a-f]{16}$/, ttlSeconds: 365 * DAY },
  { kind: 're-analysis claim', key: /^reanalysis:[0-9a-f-]+:\d+:[0-9a-f]+:.+$/, ttlSeconds: DAY },
  { kind: 'cached AI answer', key: /^ai:.+$/, ttlSeconds: 30 * DAY },
];

/** Cyclomatic complexity 16: a HIGH finding, which the AI review explains (and caches). */
const TANGLED = [
  'export function route(n: number): string {',
  ...Array.from({ length: 15 }, (_, i) => `  if (n === ${i}) return 'route${i}';`),
  "  return 'none';",
  '}',
  '',
].join('\n');

const BIG_FILES = 12;
const bigFiles = Object.fromEntries(
  Array.from({ length: BIG_FILES }, (_, i) => [
    `pkg/m${i}.js`,
    `export function f${i}(a, b, c, d, e, f) { return a; }\n`,
  ]),
);

let dir: string;
let app: LocalApp;
let runtime: ForgeRuntime;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-retention-'));
  const repo = await createGitRepository(path.join(dir, 'repo'), [
    {
      branch: 'main',
      message: 'initial',
      files: { 'src/base.ts': 'export const base = 1;\n', '.lintel.yml': 'aiComments: true\n' },
    },
    { branch: 'feature', from: 'main', message: 'route', files: { 'src/route.ts': TANGLED } },
    { branch: 'big', from: 'main', message: 'many files', files: bigFiles },
  ]);
  app = await startLocalApp(repo.gitDir);
  // Chunk mode for more than 5 files, 4 per chunk (docs/large-pull-requests.md), so the big pull request is chunked.
  process.env[BUDGET_VARIABLES.maxFiles] = '5';
  process.env[BUDGET_VARIABLES.filesPerChunk] = '4';
  const answer = llmScript(() => ({
    reply: JSON.stringify({
      explanation: 'Fifteen ifs map numbers to names.',
      replacement: null,
      confidence: 0.9,
    }),
  })).answer;
  runtime = app.runtime({ llm: answer, delayMsPerSecond: 1 });
});

afterAll(async () => {
  process.env = savedEnv;
  runtime?.uninstall();
  await app?.emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('stores only documented kinds of keys, each with its documented lifetime', async () => {
  const feature = app.openPullRequest('feature');
  await runtime.fireProductEvent(app.created(feature));
  await runtime.idle();
  const big = app.openPullRequest('big');
  await runtime.fireProductEvent(app.created(big));
  await runtime.idle();

  const admin = addBitbucketUser(app.emulator, runtime, {
    displayName: 'Admin',
    workspace: WORKSPACE,
    repositories: { [app.repository]: 'admin' },
  });
  const saved = await runtime.invokeResolver(
    'repo-settings',
    { functionKey: 'saveSettings', payload: { overrides: { aiComments: true }, revision: 0 } },
    { accountId: admin.accountId, extension: extensions.repoSettings(app.ids.repository) },
  );
  expect(saved.value).toMatchObject({ saved: true });

  const panel = (functionKey: string, payload?: object) =>
    runtime.invokeResolver(
      'pr-panel',
      { functionKey, ...(payload ? { payload } : {}) },
      { accountId: admin.accountId, extension: extensions.pullRequestPanel(app.ids.repository, feature.id) },
    );
  const gate = runtime.kvs.get(`gate:${app.ids.repository.replace(/[{}]/g, '')}:${feature.id}`) as {
    findings: Array<{ fingerprint: string }>;
  };
  const fingerprint = gate.findings[0]?.fingerprint as string;
  expect(
    (await panel('dismissFinding', { fingerprint, reason: 'reviewed: a routing table' })).value,
  ).toMatchObject({ done: true });
  expect((await panel('reanalyzePullRequest')).value).toMatchObject({ done: true });
  await runtime.idle();
  expect(runtime.invocations.filter((i) => !i.ok)).toEqual([]);

  const seen = new Set<string>();
  for (const write of runtime.kvs.writes()) {
    const rule = RETENTION.find((r) => r.key.test(write.key));
    expect({ key: write.key, documented: rule !== undefined, secret: write.secret }).toEqual({
      key: write.key,
      documented: true,
      secret: false,
    });
    expect({ key: write.key, ttlSeconds: write.ttlSeconds }).toEqual({
      key: write.key,
      ttlSeconds: rule?.ttlSeconds,
    });
    seen.add(rule?.kind ?? '');
  }
  // Every kind in the table was written at least once, so none of its rows is untested.
  expect([...seen].sort()).toEqual(RETENTION.map((r) => r.kind).sort());
});
