/**
 * The app's real handlers on the local platform: a Bitbucket event goes through the trigger, the queue and the
 * consumer, whose requests travel through the real @forge/api to the Bitbucket emulator over HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import api, { route } from '@forge/api';
import type { Emulator, EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { mergeCheckEvent } from '../../dev/forge-runtime';
import { createSampleRepository } from '../../dev/demo/sample-repo';
import { startSamplePullRequest, type SamplePullRequest } from '../support/sample-pull-request';

describe('pull-request event flow on the local platform', () => {
  let workDir: string;
  let world: SamplePullRequest;
  let emulator: Emulator;
  let pr: EmulatorPullRequest;
  let ids: SamplePullRequest['ids'];

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-flow-'));
    world = await startSamplePullRequest(await createSampleRepository(workDir));
    ({ emulator, pr, ids } = world);
  });

  afterAll(async () => {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  // The functions as `forge deploy` ships them: Forge's bundler output, with no node_modules beside it.
  const runtimeFor = (options: { redeliver?: boolean } = {}) => world.runtime(options);
  const created = (extra: Record<string, unknown> = {}) => world.created(extra);
  const published = () => world.published();

  afterEach(() => expect(emulator.violations).toEqual([]));

  it('runs trigger → queue → consumer and publishes the verdict on the head commit', async () => {
    const runtime = runtimeFor();
    try {
      const before = emulator.requests.length;
      const [trigger] = await runtime.fireProductEvent(created());
      await runtime.idle();
      expect(trigger).toMatchObject({ ok: true, value: { action: 'queued' } });
      expect(runtime.queuePushes).toHaveLength(1);
      const consumer = runtime.invocations.find((i) => i.functionKey === 'run-analysis');
      expect(consumer?.ok).toBe(true);
      const calls = emulator.requests.slice(before).map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
      // The short hash from the event is resolved before anything is written on the commit.
      // Then the settings file on the destination, which may change what is written at all (docs/settings.md).
      expect(calls.slice(0, 3)).toEqual([
        `GET /2.0/repositories/${ids.workspace}/${ids.repository}/commit/${pr.sourceShortHash}`,
        `GET /2.0/repositories/${ids.workspace}/${ids.repository}/src/${pr.destinationShortHash}/.lintel.yml`,
        `POST /2.0/repositories/${ids.workspace}/${ids.repository}/commit/${pr.sourceCommit}/statuses/build`,
      ]);
      // The pull request is read once, after the analysis, to make sure its head has not moved.
      expect(calls.filter((c) => c.endsWith(`/pullrequests/${pr.id}`))).toHaveLength(1);
      const { reports, statuses, summaries } = published();
      expect(reports.map((r) => r.result)).toEqual(['FAILED']);
      expect(statuses.map((s) => s.state)).toEqual(['FAILED']);
      expect(summaries).toHaveLength(1);
      const stored = runtime.kvs.snapshot();
      const gate = Object.entries(stored).find(([k]) => k.startsWith('gate:'))?.[1] as {
        state: string;
        passed: boolean;
      };
      expect(gate).toMatchObject({ state: 'done', passed: false });
    } finally {
      runtime.uninstall();
    }
  });

  it('a redelivered job publishes nothing twice', async () => {
    const runtime = runtimeFor({ redeliver: true });
    try {
      await runtime.fireProductEvent(created());
      await runtime.idle();
      const runs = runtime.invocations.filter((i) => i.functionKey === 'run-analysis' && i.ok);
      expect(runs).toHaveLength(2);
      expect(runtime.logs.some((l) => /already analysed/.test(l.message))).toBe(true);
      const { reports, statuses, summaries, inline } = published();
      expect(reports).toHaveLength(1);
      expect(statuses).toHaveLength(1);
      expect(summaries).toHaveLength(1);
      // Each inline comment carries its finding's fingerprint marker: none may appear twice.
      const markers = inline.map(
        (c) => /\[lintel:finding:([0-9a-f]+)\]/.exec(String((c.content as { raw: string }).raw))?.[1],
      );
      expect(markers.every(Boolean)).toBe(true);
      expect(new Set(markers).size).toBe(markers.length);
    } finally {
      runtime.uninstall();
    }
  });

  it('an unrecoverable Bitbucket failure ends with a STOPPED status naming the call, never INPROGRESS', async () => {
    const runtime = runtimeFor();
    try {
      // Bitbucket never manages the diffstat (555): Lintel retries the job, then gives up after its last attempt
      // (test/integration/consumer-retries.test.ts covers each failure kind).
      emulator.faults.inject({ method: 'GET', status: 555, path: /\/diffstat\//, times: 1000 });
      await runtime.fireProductEvent(created());
      await runtime.idle();
      emulator.faults.clear();
      const status = published().statuses[0];
      expect(status?.state).toBe('STOPPED');
      expect(String(status?.description)).toMatch(
        /read the diffstat.*HTTP 555.*\(gave up after 5 attempts\)/,
      );
    } finally {
      emulator.faults.clear();
      runtime.uninstall();
    }
  });

  it('ignores self-generated events and rejects malformed ones with a message naming the field', async () => {
    const runtime = runtimeFor();
    try {
      const [self] = await runtime.fireProductEvent(created({ selfGenerated: true }));
      expect(self?.value).toMatchObject({ action: 'ignored' });
      const broken = created();
      (broken.pullrequest as Record<string, unknown>).id = 'seven';
      const [bad] = await runtime.fireProductEvent(broken);
      expect(bad?.value).toMatchObject({
        action: 'rejected',
        reason: expect.stringContaining('pullrequest.id'),
      });
      await runtime.idle();
      expect(runtime.queuePushes).toHaveLength(0);
      expect(runtime.logs.some((l) => l.message.includes('pullrequest.id must be a positive integer'))).toBe(
        true,
      );
    } finally {
      runtime.uninstall();
    }
  });

  it('publishes nothing for a commit the pull request has moved past, and stops its status', async () => {
    const runtime = runtimeFor();
    try {
      // An event that names an older commit (here: the destination tip, which exists but is not the PR head).
      const stale = created();
      const older = pr.destinationCommit;
      (stale.pullrequest as { source: { commit: { hash: string } } }).source.commit.hash = older.slice(0, 12);
      await runtime.fireProductEvent(stale);
      await runtime.idle();
      expect(runtime.invocations.find((i) => i.functionKey === 'run-analysis')?.ok).toBe(true);
      expect(runtime.logs.map((l) => l.message).join('\n')).toMatch(/publishing nothing/);
      expect(emulator.state.reports('acme', 'payments', older)).toEqual([]);
      expect(emulator.state.statuses('acme', 'payments', older).map((s) => s.state)).toEqual(['STOPPED']);
    } finally {
      runtime.uninstall();
    }
  });

  it('drops a job whose commit no longer exists (force-pushed away)', async () => {
    const runtime = runtimeFor();
    try {
      const gone = created();
      (gone.pullrequest as { source: { commit: { hash: string } } }).source.commit.hash = '0123456789ab';
      await runtime.fireProductEvent(gone);
      await runtime.idle();
      expect(runtime.logs.map((l) => l.message).join('\n')).toMatch(/commit 0123456789ab no longer exists/);
    } finally {
      runtime.uninstall();
    }
  });

  it('merge check answers from storage and says a pull request with no result was not analysed', async () => {
    const runtime = runtimeFor();
    try {
      const event = mergeCheckEvent('on-merge', {
        workspaceUuid: ids.workspace,
        repositoryUuid: ids.repository,
        pullRequest: pr.id,
      });
      const result = await runtime.invokeMergeCheck('quality-gate-check', event);
      expect(result.value).toEqual({
        success: false,
        message: expect.stringMatching(/has not analysed this pull request.*push a commit/),
      });
    } finally {
      runtime.uninstall();
    }
  });

  it('an invalid request sent through the real @forge/api is rejected by the OpenAPI validation', async () => {
    const runtime = runtimeFor();
    try {
      const res = await api
        .asApp()
        .requestBitbucket(
          route`/2.0/repositories/${ids.workspace}/${ids.repository}/commit/${pr.sourceCommit}/reports/lintel-test/annotations`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify([{ external_id: 'a', summary: 'x', annotation_type: 'NOT_A_TYPE' }]),
          },
        );
      expect(res.status).toBe(400);
      expect(emulator.violations).toHaveLength(1);
      expect(emulator.violations[0]?.message).toMatch(/annotation_type/);
      emulator.violations.length = 0;
    } finally {
      runtime.uninstall();
    }
  });
});
