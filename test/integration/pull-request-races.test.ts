/**
 * Races between runs of one pull request on the local platform (issue 10.4): the head moving while a run analyses,
 * two pushes in quick succession, a push arriving while the previous run publishes — with a whole-pull-request run
 * and with a chunked one. The real trigger, queue (Forge's concurrency keys and postponements) and consumer run
 * against the emulator over a real git repository that the test pushes to. Whatever the order, the pull request
 * ends showing the newest head's verdict, once (test/support/end-state.ts), and no older head is left INPROGRESS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import type { ForgeRuntime } from '../../dev/forge-runtime';
import { BASE_SERVICE, createSampleRepository, type SampleRepository } from '../../dev/demo/sample-repo';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import { WORKSPACE } from '../support/local-app';
import { expectSettledOn, pushCommit, updatedEvent, whenRequested } from '../support/end-state';
import { startSamplePullRequest, type SamplePullRequest } from '../support/sample-pull-request';

/** A push that takes back every problem of the sample pull request: its gate passes. */
const CLEAN = {
  'src/service.ts': `${BASE_SERVICE}
export function isPending(payment: Payment): boolean {
  return payment.status === 'pending';
}
`,
  'src/config.ts': null,
  'src/reports.ts': null,
};
/** A push that removes the hard-coded credential only: the gate still fails. */
const WITHOUT_SECRET = { 'src/config.ts': null };

let workDir: string;
let sample: SampleRepository;
let world: SamplePullRequest;
let runtime: ForgeRuntime;
let pr: EmulatorPullRequest;
/** The head the pull request was opened with. */
let first: string;

beforeEach(async () => {
  // Each test pushes to the branch: a repository of its own.
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-races-'));
  sample = await createSampleRepository(workDir);
  world = await startSamplePullRequest(sample);
  ({ pr } = world);
  first = pr.sourceCommit;
  runtime = world.runtime({ delayMsPerSecond: 1 });
});

afterEach(async () => {
  runtime.uninstall();
  await world.emulator.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const push = (files: Record<string, string | null>) => pushCommit(sample.gitDir, sample.featureBranch, files);
const statusesOn = (commit: string) =>
  world.emulator.state.statuses(WORKSPACE, world.repository, commit).map((s) => s.state);
const reportsOn = (commit: string) => world.emulator.state.reports(WORKSPACE, world.repository, commit);

test('the head moves while a run analyses: the old head publishes nothing, the new one its verdict', async () => {
  // Reading the change is slow, so the push lands while the first run is analysing.
  world.emulator.faults.inject({ method: 'GET', path: /\/diffstat\//, delayMs: 2000, times: 1 });
  await runtime.fireProductEvent(world.created());
  await whenRequested(world.emulator, (r) => r.method === 'POST' && r.path.endsWith('/statuses/build'));
  const second = await push(CLEAN);
  await runtime.fireProductEvent(updatedEvent(world, pr, second));
  await runtime.idle();

  const shown = expectSettledOn(world, runtime, pr, second, [first]);
  expect(shown.statuses.map((s) => s.state)).toEqual(['SUCCESSFUL']);
  expect(shown.summaries[0]).toMatch(/Lintel quality gate: passed/);
  expect(reportsOn(first)).toEqual([]);
  expect(statusesOn(first)).toEqual(['STOPPED']);
});

test('two pushes in quick succession: the last one is shown, the one in between is not left spinning', async () => {
  await runtime.fireProductEvent(world.created());
  await runtime.idle();
  const second = await push(WITHOUT_SECRET);
  await runtime.fireProductEvent(updatedEvent(world, pr, second));
  const third = await push(CLEAN);
  await runtime.fireProductEvent(updatedEvent(world, pr, third));
  await runtime.idle();

  // The commit in between may have been stopped or finished first (it was briefly the newest), never left spinning.
  const shown = expectSettledOn(world, runtime, pr, third, [first, second]);
  expect(shown.statuses.map((s) => s.state)).toEqual(['SUCCESSFUL']);
  expect(shown.summaries[0]).toMatch(/Lintel quality gate: passed/);
});

/** Opens the pull request, pushes CLEAN once the first run has written its report, and waits for the end. */
async function pushWhilePublishing() {
  // Writing comments is slow, so the push lands while the first run is publishing.
  world.emulator.faults.inject({ method: 'POST', path: /\/comments$/, delayMs: 400, times: 3 });
  await runtime.fireProductEvent(world.created());
  await whenRequested(world.emulator, (r) => r.method === 'PUT' && /\/reports\//.test(r.path));
  const second = await push(CLEAN);
  await runtime.fireProductEvent(updatedEvent(world, pr, second));
  await runtime.idle();
  return { second, shown: expectSettledOn(world, runtime, pr, second, [first]) };
}

test('a push while the previous run publishes: the newer verdict replaces it, nothing twice', async () => {
  const { shown } = await pushWhilePublishing();
  expect(shown.summaries[0]).toMatch(/Lintel quality gate: passed/);
  // The first head was finished before the push: what it shows stays a verdict.
  expect(statusesOn(first)).toEqual([expect.stringMatching(/^(FAILED|STOPPED)$/)]);
});

describe('with the first head analysed in chunks', () => {
  const saved = process.env[BUDGET_VARIABLES.maxFiles];
  // More than one changed file is a large pull request here: the sample's first head (three files) is chunked,
  // the clean push (one file) is not, so the newer run does not wait for the older one's chunks.
  beforeEach(() => void (process.env[BUDGET_VARIABLES.maxFiles] = '1'));
  afterEach(() => {
    if (saved === undefined) delete process.env[BUDGET_VARIABLES.maxFiles];
    else process.env[BUDGET_VARIABLES.maxFiles] = saved;
  });

  test('a push while the chunk publisher publishes: the newer verdict is shown, nothing twice', async () => {
    const { shown } = await pushWhilePublishing();
    expect(shown.summaries[0]).toMatch(/Lintel quality gate: passed/);
  });
});
