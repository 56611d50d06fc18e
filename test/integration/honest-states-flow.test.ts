/**
 * Honest states end to end on the local platform (docs/gate.md): a pull request Lintel could not fully analyse is
 * never shown as passed. A chunk that runs out of its time budget leaves its files "not analysed": the build status
 * is STOPPED (never green), the report carries no result, the summary says first what was missed, the merge check
 * blocks — and an edit of the pull request has the head analysed again. When what was analysed already fails, the
 * verdict is FAILED and names the missing files too. Files set aside by design (generated, minified, oversized)
 * leave the verdict standing: large-and-generated-files-flow.test.ts. Budget exhaustion: api-budget-flow.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { createGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import { mergeCheckEvent, type ForgeRuntime } from '../../dev/forge-runtime';
import { gateKey } from '../../src/forge/storage-keys';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import type { StoredRun } from '../../src/pipeline/types';
import { updatedEvent } from '../support/end-state';
import { startLocalApp, type LocalApp } from '../support/local-app';

const FILES = 20;
const FILES_PER_CHUNK = 5;
const file = (i: number) => `pkg/m${String(i).padStart(2, '0')}.js`;
// Built from pieces so no credential-shaped literal sits in Lintel's own source.
const FAKE_AWS_KEY_ID = ['AKIA', 'Z7Q4', 'XW2M', 'LT9P', 'R3NB'].join('');
const FAKE_AWS_SECRET = ['wJ8rXu', 'Fq2LmN', 'zK5pTb', 'Vc7HyD', 'gE1sQo', 'Wa9Rt3', 'Mk4'].join('');

function branch(name: string, leaky: readonly number[] = []) {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    files[file(i)] = leaky.includes(i)
      ? `export const value${i} = ${i};\nexport const aws = { id: '${FAKE_AWS_KEY_ID}', secret: '${FAKE_AWS_SECRET}' };\n`
      : `export const value${i} = ${i + 1}; // ${name}\n`;
  }
  return { branch: name, from: 'main', message: name, files };
}

let dir: string;
let app: LocalApp;
let runtime: ForgeRuntime;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-honest-'));
  const base: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) base[file(i)] = `export const value${i} = ${i};\n`;
  const { gitDir } = await createGitRepository(path.join(dir, 'repo'), [
    { branch: 'main', message: 'base', files: base },
    branch('slow'),
    // A leaked credential in the first and the last chunk: whichever chunk is cut short, one of them is read.
    branch('leaky', [0, FILES - 1]),
  ]);
  app = await startLocalApp(gitDir, { repository: 'mono' });
  process.env[BUDGET_VARIABLES.maxFiles] = '10';
  process.env[BUDGET_VARIABLES.filesPerChunk] = String(FILES_PER_CHUNK);
  // 9 s per consumer invocation: a chunk keeps a quarter for publishing and stops reading after 6.75 s.
  runtime = app.runtime({ budgetScale: 0.01, delayMsPerSecond: 1 });
});

afterAll(async () => {
  process.env = savedEnv;
  runtime.uninstall();
  await app.emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  app.emulator.faults.clear();
  expect(app.emulator.violations).toEqual([]);
});

/** The first diff a chunk asks for answers after the chunk's time is up: that chunk cannot finish reading. */
const slowFirstDiff = () =>
  app.emulator.faults.inject({ method: 'GET', path: /\/diff\//, delayMs: 8000, times: 1 });

const stored = (pr: EmulatorPullRequest) =>
  runtime.kvs.get(gateKey(app.ids.repository, pr.id)) as StoredRun | undefined;
const summaryOf = (pr: EmulatorPullRequest) =>
  String((app.published(pr).summaries[0]?.content as { raw?: string } | undefined)?.raw ?? '').replace(
    /\\(.)/g,
    '$1',
  );
const mergeCheck = async (pr: EmulatorPullRequest) =>
  (
    await runtime.invokeMergeCheck(
      'quality-gate-check',
      mergeCheckEvent('on-merge', {
        workspaceUuid: app.ids.workspace,
        repositoryUuid: app.ids.repository,
        pullRequest: pr.id,
      }),
    )
  ).value as { success: boolean; message: string };

test('a chunk that runs out of time: "not analysed", never green, merge blocked; an edit analyses it again', async () => {
  const pr = app.openPullRequest('slow');
  slowFirstDiff();
  await runtime.fireProductEvent(app.created(pr));
  await runtime.idle();

  const { statuses, reports } = app.published(pr);
  expect(statuses).toHaveLength(1);
  expect(statuses[0]).toMatchObject({
    state: 'STOPPED',
    description: expect.stringMatching(
      /^Not analysed: 5 files were not analysed \(not analysed: the chunk ran out of the consumer's time budget\); push a commit or edit the pull request to try again\.$/,
    ),
  });
  expect(reports).toHaveLength(1);
  expect(reports[0]?.result).toBeUndefined();
  expect(reports[0]?.details).toMatch(/^Not fully analysed: 5 files were not analysed/);

  const summary = summaryOf(pr);
  const lines = summary.split('\n').filter((l) => l !== '');
  expect(lines[1]).toBe('### ⚠️ Lintel quality gate: not analysed (5 files)');
  expect(lines[2]).toMatch(/^\*\*Not analysed\*\* \(5\): Lintel could not analyse these/);
  expect(lines.slice(3, 8)).toEqual(
    Array.from({ length: 5 }, () =>
      expect.stringMatching(
        /^- pkg\/m\d\d\.js: not analysed: the chunk ran out of the consumer's time budget$/,
      ),
    ),
  );

  expect(stored(pr)).toMatchObject({ state: 'done', passed: false, incomplete: { files: 5 } });
  const blocked = await mergeCheck(pr);
  expect(blocked.success).toBe(false);
  expect(blocked.message).toMatch(
    /could not analyse all of this pull request: 5 files were not analysed.*To try again/,
  );

  // "Edit the pull request": the same head is analysed again, now in full, and passes.
  await runtime.fireProductEvent(updatedEvent(app, pr, pr.sourceCommit));
  await runtime.idle();
  const again = app.published(pr);
  expect(again.statuses.map((s) => s.state)).toEqual(['SUCCESSFUL']);
  expect(again.reports[0]?.result).toBe('PASSED');
  expect(again.summaries).toHaveLength(1);
  expect(summaryOf(pr)).not.toContain('**Not analysed**');
  expect(stored(pr)).toMatchObject({ state: 'done', passed: true });
  expect(stored(pr)?.incomplete).toBeUndefined();
  expect(await mergeCheck(pr)).toEqual({ success: true, message: 'Lintel quality gate passed.' });
});

test('when what was analysed already fails, the verdict is FAILED and names what was not analysed too', async () => {
  const pr = app.openPullRequest('leaky');
  slowFirstDiff();
  await runtime.fireProductEvent(app.created(pr));
  await runtime.idle();

  const { statuses, reports } = app.published(pr);
  expect(statuses).toHaveLength(1);
  expect(statuses[0]?.state).toBe('FAILED');
  expect(statuses[0]?.description).toMatch(
    /^Quality gate failed: .*new secret.*; 5 files were not analysed \(not analysed: the chunk ran out/,
  );
  expect(reports[0]?.result).toBe('FAILED');
  const summary = summaryOf(pr);
  expect(summary.indexOf('**Not analysed** (5)')).toBeLessThan(summary.indexOf('new secret'));
  expect(stored(pr)).toMatchObject({ state: 'done', passed: false, incomplete: { files: 5 } });
  expect((await mergeCheck(pr)).message).toMatch(
    /^Lintel quality gate failed: .*secret.*; 5 files were not analysed/,
  );
});
