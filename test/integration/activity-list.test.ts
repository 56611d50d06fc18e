/**
 * The repository page's activity list end to end: pull-request events go through the real trigger, queue and
 * consumer (Forge's bundler output) on the local platform, and the page's `getActivity` resolver, called as a
 * person whose own Bitbucket permission the emulator decides, lists what each run ended with. Nothing is mocked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Emulator, EmulatorUser } from '../../dev/bitbucket-emulator';
import { createSampleRepository } from '../../dev/demo/sample-repo';
import { addBitbucketUser, extensions, type ForgeRuntime, type LogLine } from '../../dev/forge-runtime';
import type { ActivityView } from '../../src/forge/resolvers/types';
import { RATE_LIMITED_COOLDOWN_MS } from '../../src/pipeline/api-budget';
import { shiftedClock, type ShiftedClock } from '../support/shifted-clock';
import { startSamplePullRequest, type SamplePullRequest } from '../support/sample-pull-request';

describe('activity list', () => {
  let workDir: string;
  let world: SamplePullRequest;
  let emulator: Emulator;
  let runtime: ForgeRuntime;
  let admin: EmulatorUser;
  let reader: EmulatorUser;
  let clock: ShiftedClock;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-activity-'));
    world = await startSamplePullRequest(await createSampleRepository(workDir));
    ({ emulator } = world);
    // Budgets at 1 % and a Forge second of queue time per millisecond: the 300 s wait for API budget takes 0.3 s.
    clock = shiftedClock();
    runtime = world.runtime({ budgetScale: 0.01, delayMsPerSecond: 1, log: liftRateLimitWhileWaiting });
    const person = (displayName: string, permission: 'admin' | 'read') =>
      addBitbucketUser(emulator, runtime, {
        displayName,
        workspace: 'acme',
        role: 'member',
        repositories: { [world.repository]: permission },
      });
    admin = person('Ada Admin', 'admin');
    reader = person('Rae Reader', 'read');
  });

  afterAll(async () => {
    clock?.restore();
    runtime?.uninstall();
    await emulator?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  afterEach(() => expect(emulator.violations).toEqual([]));

  /**
   * Bitbucket's rate limit outlasts the second run's first delivery, which waits for API budget on the queue; it
   * lifts meanwhile, as its hourly window would, and Lintel's cool-down after a 429 passes (docs/rate-limits.md).
   */
  function liftRateLimitWhileWaiting(line: LogLine): void {
    if (!/put pull request #\d+ back on the queue/.test(line.message)) return;
    emulator.faults.clear();
    clock.pass(RATE_LIMITED_COOLDOWN_MS);
  }

  const consumerRequestsSince = (index: number) =>
    runtime.bitbucketRequests.slice(index).filter((r) => r.functionKey === 'run-analysis').length;

  const activityAs = (
    user: EmulatorUser,
    extension: object = extensions.repoSettings(world.ids.repository),
  ) =>
    runtime.invokeResolver(
      'repo-settings',
      { functionKey: 'getActivity' },
      { accountId: user.accountId, extension },
    );

  it('lists each run of the pull request, newest first, with commit, verdict, duration, API calls and reasons', async () => {
    // 1. The event names a destination commit that does not exist: Bitbucket answers 404 and the run stops.
    const broken = world.created();
    (broken.pullrequest as { destination: { commit: { hash: string } } }).destination.commit.hash =
      '0123456789ab';
    await runtime.fireProductEvent(broken);
    await runtime.idle();
    const firstRun = consumerRequestsSince(0);
    const before = runtime.bitbucketRequests.length;
    // 2. The next event is rate-limited, waits for API budget, and publishes the gate's verdict.
    emulator.faults.inject({ method: 'GET', path: /\/diffstat\//, status: 429 });
    await runtime.fireProductEvent(world.created());
    await runtime.idle();
    expect(world.published().statuses.map((s) => s.state)).toEqual(['FAILED']);

    const answer = await activityAs(admin);
    expect(answer).toMatchObject({ ok: true });
    const { entries } = answer.value as ActivityView;
    const commit = world.pr.sourceCommit.slice(0, 12);
    expect(entries).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        pullRequestId: world.pr.id,
        commit,
        outcome: 'failed',
        durationMs: expect.any(Number),
        apiCalls: expect.any(Number),
      },
      expect.objectContaining({
        pullRequestId: world.pr.id,
        commit,
        outcome: 'retrying',
        reason: expect.stringMatching(
          /^Waiting for API budget: Bitbucket refused requests.*; Lintel resumes in about 5 minutes\.$/,
        ),
      }),
      expect.objectContaining({
        pullRequestId: world.pr.id,
        commit,
        outcome: 'error',
        reason: expect.stringMatching(/HTTP 404/),
      }),
    ]);
    const [verdict, retrying, error] = entries;
    expect(verdict?.durationMs).toBeGreaterThan(0);
    // Each count is the delivery's own: every Bitbucket request it made, as the platform saw them.
    expect(verdict?.apiCalls).toBeGreaterThan(0);
    expect((verdict?.apiCalls ?? 0) + (retrying?.apiCalls ?? 0)).toBe(consumerRequestsSince(before));
    expect(error?.apiCalls).toBe(firstRun);
  });

  it('is refused to a reader of the repository, who sees none of it', async () => {
    const answer = await activityAs(reader);
    expect(answer.value).toEqual({
      access: 'refused',
      reason: 'forbidden',
      message: expect.stringContaining('your permission on it is read'),
    });
    expect(JSON.stringify(answer)).not.toContain(world.pr.sourceCommit.slice(0, 12));
  });

  it('is only on the repository page: the workspace page is told where to look', async () => {
    const answer = await runtime.invokeResolver(
      'workspace-settings',
      { functionKey: 'getActivity' },
      { accountId: admin.accountId, extension: extensions.workspaceSettings(world.ids.workspace) },
    );
    expect(answer).toMatchObject({
      ok: false,
      error: expect.stringContaining(
        'open it from Repository settings → Lintel, not the workspace settings page',
      ),
    });
  });
});
