// The panel's actions as Forge runs their resolver (reanalyzePullRequest, dismissFinding, restoreFinding), called as
// people of every access level: the emulator decides, asked as the caller, who may read and who may write; whom the
// job and the dismissal name comes from Forge's context, never from the payload. The Chromium flows are in
// test/integration/pull-request-actions.test.ts; these are the refusals and limits around them.
import { kvs } from '@forge/kvs';
import { extensions } from '../../../dev/forge-runtime';
import type { AnalysisJob } from '../../../src/pipeline/job';
import {
  CORE_PROJECT_UUID,
  WIDGETS_UUID,
  startAccessWorld,
  type AccessWorld,
  type Person,
} from '../../support/access-world';

let world: AccessWorld;
const bare = WIDGETS_UUID.replace(/[{}]/g, '');
const FINGERPRINT = 'abcdef0123456789';

beforeAll(async () => {
  world = await startAccessWorld();
  const head = world.emulator.state.pullRequest('acme', 'widgets', 6)!.sourceCommit;
  await kvs.set(`gate:${bare}:6`, {
    state: 'done',
    headHash: head,
    passed: false,
    reasons: ['1 new HIGH or worse issue (limit 0)'],
    findings: [
      {
        severity: 'HIGH',
        ruleId: 'complex-method',
        path: 'src/a.ts',
        line: 1,
        message: 'too complex',
        fingerprint: FINGERPRINT,
      },
    ],
    analysedAt: '2026-01-12T09:00:00.000Z',
  });
});
afterAll(async () => {
  await world?.runtime.idle();
  await world?.stop();
});

async function call(person: Person, functionKey: string, pullRequest: number, payload?: object) {
  const result = await world.runtime.invokeResolver(
    'pr-panel',
    { functionKey, ...(payload ? { payload } : {}) },
    {
      accountId: world.people[person].accountId,
      extension: extensions.pullRequestPanel(WIDGETS_UUID, pullRequest),
    },
  );
  return result;
}

const reanalysisJobs = (): AnalysisJob[] =>
  world.runtime.queuePushes
    .flatMap((push) => push.events as { body: AnalysisJob }[])
    .map((event) => event.body)
    .filter((job) => job.reanalysis !== undefined);

describe('Re-analyse', () => {
  test('someone who cannot read the repository, and a reader, are refused; nothing is queued', async () => {
    expect((await call('outsider', 'reanalyzePullRequest', 4)).value).toMatchObject({
      access: 'refused',
      reason: 'forbidden',
    });
    expect((await call('reader', 'reanalyzePullRequest', 4)).value).toEqual({
      access: 'refused',
      reason: 'forbidden',
      message:
        'Only people who can write to this repository can re-analyse pull request #4; your permission on it is read.',
    });
    expect(reanalysisJobs()).toEqual([]);
  });

  test("a writer's request queues the same job an event would, naming the writer Forge says asked", async () => {
    const answer = await call('writer', 'reanalyzePullRequest', 4, {
      accountId: '712020:forged-by-the-page',
    });
    expect(answer.value).toMatchObject({ done: true, message: expect.stringContaining('again in a moment') });
    const [job] = reanalysisJobs();
    expect(job).toMatchObject({
      version: 1,
      workspaceUuid: '{4c16a397-8e48-479c-8ca2-442e46c90570}',
      repositoryUuid: WIDGETS_UUID,
      pullRequestId: 4,
      projectUuid: CORE_PROJECT_UUID,
      sourceBranch: 'feature',
      destinationBranch: 'main',
      reanalysis: { accountId: world.people.writer.accountId },
    });
    // The same queue and concurrency key as the trigger's: never racing an event-driven run of this pull request.
    const push = world.runtime.queuePushes.find((p) => (p.events[0] as { body: AnalysisJob }).body === job);
    expect(push?.queue).toBe('lintel-pr-analysis');
  });

  test('a closed pull request is not queued', async () => {
    world.emulator.setPullRequestState('acme', 'widgets', 8, 'MERGED');
    const before = reanalysisJobs().length;
    expect((await call('writer', 'reanalyzePullRequest', 8)).value).toMatchObject({
      done: false,
      reason: 'closed',
      message: 'Pull request #8 is merged: Lintel analyses open pull requests only.',
    });
    expect(reanalysisJobs()).toHaveLength(before);
  });
});

describe('dismissing a finding', () => {
  const dismiss = (person: Person, payload: object) => call(person, 'dismissFinding', 6, payload);

  test('a reader is refused; nothing is stored', async () => {
    expect((await dismiss('reader', { fingerprint: FINGERPRINT, reason: 'x' })).value).toMatchObject({
      access: 'refused',
      message: expect.stringContaining('can dismiss findings on pull request #6'),
    });
    expect(await kvs.get(`dismissed:${bare}:6:${FINGERPRINT}`)).toBeUndefined();
  });

  test('a request without a usable finding or reason is refused with what to fix', async () => {
    expect(await dismiss('writer', { fingerprint: '../../x', reason: 'x' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('fingerprint must be the 16-character id of a finding Lintel reported'),
    });
    expect((await dismiss('writer', { fingerprint: FINGERPRINT, reason: '   ' })).value).toMatchObject({
      done: false,
      reason: 'invalid',
      message: 'Say why the finding can be dismissed: reviewers read the reason.',
    });
    expect(
      (await dismiss('writer', { fingerprint: FINGERPRINT, reason: 'x'.repeat(501) })).value,
    ).toMatchObject({
      done: false,
      reason: 'invalid',
      message: 'The reason has 501 characters; at most 500 fit.',
    });
    // A fingerprint of the right form that Lintel never reported here cannot be dismissed.
    expect((await dismiss('writer', { fingerprint: 'f'.repeat(16), reason: 'x' })).value).toMatchObject({
      done: false,
      reason: 'invalid',
      message: expect.stringContaining("not in Lintel's latest result"),
    });
  });

  test("a writer's dismissal records the finding, the reason and who Forge says they are; restore undoes it", async () => {
    const answer = await dismiss('writer', {
      fingerprint: FINGERPRINT,
      reason: '  generated table,\n reviewed  ',
      accountId: '712020:forged-by-the-page',
    });
    expect(answer.value).toMatchObject({
      done: true,
      view: { dismissed: [{ fingerprint: FINGERPRINT, by: 'you' }] },
    });
    expect(await kvs.get(`dismissed:${bare}:6:${FINGERPRINT}`)).toEqual({
      fingerprint: FINGERPRINT,
      ruleId: 'complex-method',
      severity: 'HIGH',
      path: 'src/a.ts',
      line: 1,
      message: 'too complex',
      reason: 'generated table, reviewed',
      accountId: world.people.writer.accountId,
      displayName: 'Wes Writer',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // The panel of someone else shows who it was, and the finding no longer among the findings.
    const seen = (await call('reader', 'getPanelState', 6)).value as {
      status: { findings: unknown[] };
      dismissed: { by: string; byYou: boolean }[];
    };
    expect(seen.status.findings).toEqual([]);
    expect(seen.dismissed).toEqual([expect.objectContaining({ by: 'Wes Writer', byYou: false })]);

    expect((await call('reader', 'restoreFinding', 6, { fingerprint: FINGERPRINT })).value).toMatchObject({
      access: 'refused',
    });
    expect((await call('writer', 'restoreFinding', 6, { fingerprint: FINGERPRINT })).value).toMatchObject({
      done: true,
      view: { dismissed: [] },
    });
    expect(await kvs.get(`dismissed:${bare}:6:${FINGERPRINT}`)).toBeUndefined();
  });

  test('a pull request holds at most 200 dismissals', async () => {
    for (let i = 0; i < 200; i++) {
      const fingerprint = i.toString(16).padStart(16, '0');
      await kvs.set(`dismissed:${bare}:6:${fingerprint}`, {
        fingerprint,
        ruleId: 'complex-method',
        severity: 'LOW',
        path: 'src/a.ts',
        line: 1,
        message: 'm',
        reason: 'r',
        accountId: world.people.writer.accountId,
        at: '2026-01-12T09:00:00.000Z',
      });
    }
    expect((await dismiss('writer', { fingerprint: FINGERPRINT, reason: 'one more' })).value).toMatchObject({
      done: false,
      reason: 'limit',
      message: expect.stringContaining('already has 200 dismissed findings'),
    });
  });
});
