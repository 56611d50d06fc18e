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
import { startSamplePullRequest, type SamplePullRequest } from '../support/sample-pull-request';

describe('activity list', () => {
  let workDir: string;
  let world: SamplePullRequest;
  let emulator: Emulator;
  let runtime: ForgeRuntime;
  let admin: EmulatorUser;
  let reader: EmulatorUser;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-activity-'));
    world = await startSamplePullRequest(await createSampleRepository(workDir));
    ({ emulator } = world);
    // Budgets at 1 % and a Forge second of queue time per millisecond: the retry's 60 s wait takes 60 ms.
    runtime = world.runtime({ budgetScale: 0.01, delayMsPerSecond: 1, log: liftRateLimitAfterFirstAttempt });
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
    runtime?.uninstall();
    await emulator?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  afterEach(() => expect(emulator.violations).toEqual([]));

  /** Bitbucket's rate limit outlasts the first attempt of the second run, then lifts, as its hourly window would. */
  function liftRateLimitAfterFirstAttempt(line: LogLine): void {
    if (/attempt 1 of 5 failed/.test(line.message)) emulator.faults.clear();
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
    // 2. The next event is rate-limited once, retried, and publishes the gate's verdict.
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
        reason: expect.stringMatching(/^attempt 1 of 5: .*HTTP 429.*; next attempt in 60 s$/),
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
