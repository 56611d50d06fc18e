/**
 * A pull request on the Bitbucket emulator plus a real HTTP client stack (HttpTransport → BitbucketClient →
 * BitbucketApi), with every request body recorded, for the publishing integration tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGitRepository, startEmulator, type Emulator } from '../../dev/bitbucket-emulator';
import { BitbucketApi } from '../../src/bitbucket/api';
import { BitbucketClient, systemClock } from '../../src/bitbucket/client';
import { HttpTransport } from '../../src/bitbucket/http-transport';
import type { Transport } from '../../src/bitbucket/types';
import type { Finding } from '../../src/engine/types';
import type { PublishTarget } from '../../src/publish/types';

/** Shaped like an AWS access key id; planted in the source and never allowed into anything published. */
export const FAKE_AWS_KEY = 'AKIAQ3EGRT7PLANTED99';
export const WORKSPACE = 'acme';
export const REPO = 'widgets';
export const BRANCHES = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9'];

/** The text of src/app.ts on branch BRANCHES[n]. */
export const source = (n: number): string =>
  [
    `export const awsKey = '${FAKE_AWS_KEY}';`,
    ...Array.from({ length: 200 }, (_, i) => `export const v${n}_${i} = ${i};`),
  ].join('\n');

export interface World {
  emulator: Emulator;
  appToken: string;
  dir: string;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-publish-'));
  const repo = await createGitRepository(dir, [
    { branch: 'main', message: 'init', files: { 'README.md': 'widgets\n' } },
    ...BRANCHES.map((branch, n) => ({
      branch,
      from: 'main',
      message: `work ${n}`,
      files: { 'src/app.ts': source(n) },
    })),
  ]);
  const emulator = await startEmulator();
  const app = emulator.addUser({ displayName: 'Lintel', app: true });
  emulator.addWorkspace({ slug: WORKSPACE });
  emulator.addRepository({ workspace: WORKSPACE, slug: REPO, gitDir: repo.gitDir });
  return {
    emulator,
    appToken: app.token,
    dir,
    close: async () => {
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Scenario {
  api: BitbucketApi;
  target: PublishTarget;
  /** JSON of every request body sent to the emulator. */
  bodies: string[];
}

/** Fast retries so injected faults do not slow the suite; the policy's shape is the production one. */
const TEST_RETRY = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, reserveMs: 0 };

export async function scenario(world: World, branch: string): Promise<Scenario> {
  const author = world.emulator.addUser({ displayName: `Dev ${branch}` });
  const pr = world.emulator.createPullRequest({
    workspace: WORKSPACE,
    repo: REPO,
    title: `Change ${branch}`,
    sourceBranch: branch,
    destinationBranch: 'main',
    author,
  });
  const http = new HttpTransport(world.emulator.baseUrl, world.appToken);
  const bodies: string[] = [];
  const recording: Transport = {
    description: http.description,
    send: (request) => {
      if (request.body !== undefined) bodies.push(JSON.stringify(request.body));
      return http.send(request);
    },
  };
  const api = new BitbucketApi(new BitbucketClient(recording, { clock: systemClock(), retry: TEST_RETRY }));
  const repo = { workspace: WORKSPACE, repository: REPO };
  const pullRequest = await api.pullRequest(repo, pr.id);
  const commit = await api.fullHash(repo, pullRequest.source.commit.hash);
  const changedLines = new Map([['src/app.ts', new Set(Array.from({ length: 201 }, (_, i) => i + 1))]]);
  return { api, bodies, target: { repo, pullRequest, commit, changedLines, durationMs: 1234 } };
}

/** 150 LOW findings (two annotation batches), two HIGH ones and a redacted secret finding. */
export function findingsForScenario(): Finding[] {
  const low = Array.from({ length: 150 }, (_, i) => ({
    ruleId: 'large-method',
    type: 'CODE_SMELL' as const,
    severity: 'LOW' as const,
    path: 'src/app.ts',
    line: i + 2,
    message: `Function v${i} is long.`,
    fingerprint: `10${String(i).padStart(14, '0')}`,
  }));
  return [
    ...low,
    {
      ruleId: 'complex-method',
      type: 'CODE_SMELL',
      severity: 'HIGH',
      path: 'src/app.ts',
      line: 160,
      message: 'Function a has a cyclomatic complexity of 15 (threshold 10).',
      fingerprint: '2000000000000001',
    },
    {
      ruleId: 'deep-nesting',
      type: 'CODE_SMELL',
      severity: 'HIGH',
      path: 'src/app.ts',
      line: 170,
      message: 'Function b nests 5 deep (threshold 4).',
      fingerprint: '2000000000000002',
    },
    {
      ruleId: 'hard-coded-secret',
      type: 'VULNERABILITY',
      severity: 'CRITICAL',
      path: 'src/app.ts',
      line: 1,
      message:
        'Possible hard-coded secret (aws-access-key-id) at line 1, column 23. Rotate it and load it from a secret store.',
      fingerprint: '3000000000000001',
    },
  ];
}
