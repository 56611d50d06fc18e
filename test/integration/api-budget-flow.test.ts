/**
 * The workspace's Bitbucket request budget on the local platform (docs/rate-limits.md): the emulator enforces the
 * hourly limit as Bitbucket does (429, no Retry-After), the real trigger, queue and consumer run as bundled. A run the
 * budget cannot cover waits on the queue with `delayInSeconds` — saying "Waiting for API budget" — and resumes;
 * chunk jobs are paced; a later push supersedes a waiting run; a day of waiting ends visibly.
 *
 * Lintel's clock is the platform's, so the hour the budget needs to roll is made to pass by moving `Date.now`
 * forward (only while no invocation runs): the emulator's window, kvs TTLs and Lintel's own count all follow it.
 * The queue's waits are compressed by the runtime shim as usual.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { createSampleRepository, type SampleRepository } from '../../dev/demo/sample-repo';
import { mergeCheckEvent, type ForgeRuntime } from '../../dev/forge-runtime';
import { gateKey } from '../../src/forge/storage-keys';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import type { StoredRun } from '../../src/pipeline/types';
import { expectSettledOn, pushCommit, updatedEvent } from '../support/end-state';
import { startLocalApp, WORKSPACE, type LocalApp } from '../support/local-app';
import { shiftedClock, type ShiftedClock } from '../support/shifted-clock';
import { createLargeRepository } from './large-pr-fixture';

const HOUR_MS = 3_600_000;
const realNow = Date.now.bind(Date);
let clock: ShiftedClock;
/** An hour (or a day) passes for everyone reading `Date.now`: the emulator, kvs and Lintel. */
const passTime = (ms: number): void => clock.pass(ms);

beforeAll(() => {
  clock = shiftedClock();
});
afterAll(() => clock.restore());

/** Polls until `predicate` holds; the queue's compressed waits make everything here take a few seconds. */
async function until(what: string, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = realNow() + timeoutMs;
  while (!predicate()) {
    if (realNow() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface World {
  app: LocalApp;
  runtime: ForgeRuntime;
  pr: EmulatorPullRequest;
  dir: string;
  gitDir: string;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    w.runtime.uninstall();
    await w.app.emulator.close();
    fs.rmSync(w.dir, { recursive: true, force: true });
  }
});

async function sampleWorld(): Promise<World & { sample: SampleRepository }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-budget-'));
  const sample = await createSampleRepository(dir);
  // The emulator's window reads Date.now at each request, so it follows the clock the test moves.
  const app = await startLocalApp(sample.gitDir, { emulator: { rateLimit: { now: () => Date.now() } } });
  const pr = app.openPullRequest(sample.featureBranch, sample.mainBranch);
  const runtime = app.runtime({ budgetScale: 0.01, delayMsPerSecond: 5 });
  const world = { app, runtime, pr, dir, gitDir: sample.gitDir, sample };
  worlds.push(world);
  return world;
}

const stored = (w: World): StoredRun | undefined =>
  w.runtime.kvs.get(gateKey(w.app.ids.repository, w.pr.id)) as StoredRun | undefined;
const statusesOn = (w: World, commit: string) =>
  w.app.emulator.state.statuses(WORKSPACE, w.app.repository, commit);
/** Jobs the consumer pushed back to wait: whole-pull-request jobs and chunks, with their delay. */
const waitingPushes = (w: World) =>
  w.runtime.queuePushes
    .flatMap((p) => p.events as { body: { waiting?: unknown; kind?: string }; delayInSeconds?: number }[])
    .filter((e) => e.body.waiting !== undefined);
/** Resolves once a job was pushed back and the consumer invocation that did it has returned. */
const untilPushedBack = (w: World, count = 1) =>
  until('the run is pushed back', () => {
    const returned = w.runtime.invocations.filter((i) => i.functionKey === 'run-analysis').length;
    return waitingPushes(w).length >= count && returned >= waitingPushes(w).length;
  });
const refusals = (w: World) => w.app.emulator.requests.filter((r) => r.status === 429);
const mergeCheck = async (w: World) =>
  (
    await w.runtime.invokeMergeCheck(
      'quality-gate-check',
      mergeCheckEvent('on-merge', {
        workspaceUuid: w.app.ids.workspace,
        repositoryUuid: w.app.ids.repository,
        pullRequest: w.pr.id,
      }),
    )
  ).value as { success: boolean; message: string };

test('another app used up the hour: the run waits on the queue instead of failing, then resumes', async () => {
  const w = await sampleWorld();
  w.app.emulator.rateLimits.spend(WORKSPACE, 1000);
  await w.runtime.fireProductEvent(w.app.created(w.pr));
  await untilPushedBack(w);

  const [wait] = waitingPushes(w);
  // Bitbucket sends no Retry-After: Lintel waits out its own cool-down, within Forge's 900 s delay.
  expect(wait?.delayInSeconds).toBeGreaterThanOrEqual(60);
  expect(wait?.delayInSeconds).toBeLessThanOrEqual(900);
  expect(stored(w)).toMatchObject({
    state: 'pending',
    summary: expect.stringMatching(/^Waiting for API budget: Bitbucket refused requests.*Lintel resumes in/),
    waitingUntil: expect.any(String),
  });
  // The merge check cannot read the head either while the workspace is out of requests, and fails closed.
  expect(await mergeCheck(w)).toEqual({ success: false, message: expect.stringMatching(/HTTP 429/) });
  expect(w.runtime.logs.some((l) => /put pull request #\d+ back on the queue/.test(l.message))).toBe(true);

  // An hour later the other app's requests have left Bitbucket's window and Lintel's cool-down is over.
  passTime(HOUR_MS);
  await w.runtime.idle();
  expectSettledOn(w.app, w.runtime, w.pr, w.pr.sourceCommit);
  // The wait cost no attempt of the job: no Forge retry, one pushed-back event.
  expect(w.runtime.logs.filter((l) => /Retrying event/.test(l.message))).toEqual([]);
});

test('near the limit, a run whose size the budget cannot cover says so in the build status and resumes', async () => {
  const w = await sampleWorld();
  // A small scaled limit keeps the pull request small: 15 of 100 left, so Bitbucket flags NearLimit.
  w.app.emulator.rateLimits.setLimit(WORKSPACE, 100);
  w.app.emulator.rateLimits.spend(WORKSPACE, 85);
  await w.runtime.fireProductEvent(w.app.created(w.pr));
  await untilPushedBack(w);

  const statuses = statusesOn(w, w.pr.sourceCommit);
  expect(statuses).toEqual([
    expect.objectContaining({
      state: 'INPROGRESS',
      description: expect.stringMatching(
        /^Waiting for API budget: this workspace's hourly API limit \(100 requests\) is nearly used up, also by other apps; Lintel resumes in about 10 minutes\.$/,
      ),
    }),
  ]);
  expect((await mergeCheck(w)).message).toMatch(
    /Lintel is analysing the latest commit .* Waiting for API budget/,
  );
  // It stopped before reading the files (no diff was asked for), and so never ran into Bitbucket's 429.
  expect(w.app.emulator.requests.filter((r) => /\/diff\//.test(r.path))).toEqual([]);
  expect(refusals(w)).toEqual([]);

  passTime(HOUR_MS);
  await w.runtime.idle();
  expectSettledOn(w.app, w.runtime, w.pr, w.pr.sourceCommit);
});

test('a push while a run waits supersedes it: the old head stops, the new head gets the verdict', async () => {
  const w = await sampleWorld();
  w.app.emulator.rateLimits.setLimit(WORKSPACE, 100);
  w.app.emulator.rateLimits.spend(WORKSPACE, 85);
  await w.runtime.fireProductEvent(w.app.created(w.pr));
  await untilPushedBack(w);
  const first = w.pr.sourceCommit;

  passTime(HOUR_MS);
  const second = await pushCommit(w.gitDir, w.sample.featureBranch, { 'src/config.ts': null });
  await w.runtime.fireProductEvent(updatedEvent(w.app, w.pr, second));
  await w.runtime.idle();

  expectSettledOn(w.app, w.runtime, w.pr, second, [first]);
  expect(statusesOn(w, first).map((s) => [s.state, s.description])).toEqual([
    ['STOPPED', 'Superseded by a newer commit.'],
  ]);
  expect(w.app.emulator.state.reports(WORKSPACE, w.app.repository, first)).toEqual([]);
});

test('a job is never dropped: after a day of waiting it ends with the reason', async () => {
  const w = await sampleWorld();
  w.app.emulator.rateLimits.spend(WORKSPACE, 1000);
  await w.runtime.fireProductEvent(w.app.created(w.pr));
  await untilPushedBack(w);

  // A day later the workspace is still out of requests.
  passTime(25 * HOUR_MS);
  w.app.emulator.rateLimits.spend(WORKSPACE, 1000);
  await w.runtime.idle();
  expect(stored(w)).toMatchObject({
    state: 'error',
    summary: expect.stringMatching(/hourly API limit for this workspace stayed used up for a day/),
  });
  passTime(2 * HOUR_MS);
  expect((await mergeCheck(w)).message).toMatch(/stayed used up for a day.*To try again, push a commit/);
  expect(statusesOn(w, w.pr.sourceCommit).map((s) => s.state)).not.toContain('INPROGRESS');
});

describe('chunk jobs paced to the budget', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  test('the chunks the budget covers start at once, the rest are pushed with a delay, and all publish', async () => {
    process.env[BUDGET_VARIABLES.maxFiles] = '10';
    process.env[BUDGET_VARIABLES.filesPerChunk] = '5';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-budget-chunks-'));
    const { gitDir } = await createLargeRepository(dir, 40, ['paced']);
    const app = await startLocalApp(gitDir, {
      repository: 'mono',
      emulator: { rateLimit: { now: () => Date.now() } },
    });
    const pr = app.openPullRequest('paced');
    const runtime = app.runtime({ budgetScale: 0.01, delayMsPerSecond: 5 });
    const w = { app, runtime, pr, dir, gitDir };
    worlds.push(w);
    // 19 of 100 left: Bitbucket flags NearLimit, and Lintel must spread 8 chunks of about 4 requests each.
    app.emulator.rateLimits.setLimit(WORKSPACE, 100);
    app.emulator.rateLimits.spend(WORKSPACE, 81);

    await runtime.fireProductEvent(app.created(pr));
    await until('the coordinator has queued the chunks', () =>
      runtime.queuePushes.some((p) => (p.events[0] as { body: { kind?: string } }).body.kind === 'chunk'),
    );
    // The coordinator's pushes: chunks pushed back by themselves later carry `waiting`.
    const chunkEvents = runtime.queuePushes
      .flatMap((p) => p.events as { body: { kind?: string; waiting?: unknown }; delayInSeconds?: number }[])
      .filter((e) => e.body.kind === 'chunk' && e.body.waiting === undefined);
    expect(chunkEvents).toHaveLength(8);
    const delayed = chunkEvents.filter((e) => (e.delayInSeconds ?? 0) > 0);
    expect(delayed.length).toBeGreaterThan(0);
    expect(delayed.length).toBeLessThan(8);
    for (const e of delayed) expect(e.delayInSeconds).toBeLessThanOrEqual(900);
    expect(statusesOn(w, pr.sourceCommit)[0]).toMatchObject({
      state: 'INPROGRESS',
      description: expect.stringMatching(/^Waiting for API budget: .* \d of 8 chunks start now\.$/),
    });

    await until('the coordinator has returned', () =>
      runtime.invocations.some((i) => i.functionKey === 'run-analysis'),
    );
    // Pacing kept Lintel under the limit: Bitbucket never had to refuse a request.
    expect(refusals(w)).toEqual([]);
    passTime(HOUR_MS);
    await runtime.idle();
    const annotations = app.emulator.state.annotations(WORKSPACE, 'mono', pr.sourceCommit, 'lintel-analysis');
    expect(annotations).toHaveLength(40);
    expect(statusesOn(w, pr.sourceCommit).map((s) => s.state)).toEqual(['SUCCESSFUL']);
    expect(stored(w)).toMatchObject({ state: 'done', passed: true, headHash: pr.sourceCommit });
    expect(app.emulator.violations).toEqual([]);
  });
});
