/**
 * The app's real handlers on the local platform: a Bitbucket event goes through the trigger, the queue and the
 * consumer, whose requests travel through the real @forge/api to the Bitbucket emulator over HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import api, { route } from '@forge/api';
import { startEmulator, type Emulator, type EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { createForgeRuntime, mergeCheckEvent, pullRequestEvent } from '../../dev/forge-runtime';
import { createSampleRepository } from '../../dev/demo/sample-repo';

const APP_ROOT = path.resolve(__dirname, '../..');

describe('pull-request event flow on the local platform', () => {
  let workDir: string;
  let emulator: Emulator;
  let pr: EmulatorPullRequest;
  let appToken: string;
  let ids: { workspace: string; repository: string };

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-flow-'));
    const sample = await createSampleRepository(workDir);
    emulator = await startEmulator();
    appToken = emulator.addUser({ displayName: 'Lintel', app: true }).token;
    const author = emulator.addUser({ displayName: 'Dana' });
    const ws = emulator.addWorkspace({ slug: 'acme' });
    const repo = emulator.addRepository({ workspace: 'acme', slug: 'payments', gitDir: sample.gitDir });
    ids = { workspace: ws.uuid, repository: repo.uuid };
    pr = emulator.createPullRequest({
      workspace: 'acme',
      repo: 'payments',
      title: 'Retries',
      sourceBranch: sample.featureBranch,
      destinationBranch: sample.mainBranch,
      author,
    });
  });

  afterAll(async () => {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  function runtimeFor(options: { redeliver?: boolean } = {}) {
    const runtime = createForgeRuntime({
      appRoot: APP_ROOT,
      bitbucket: { baseUrl: emulator.baseUrl, appToken },
      installationContext: { workspaceId: ids.workspace },
      ...options,
    });
    runtime.install();
    return runtime;
  }

  const created = (extra: Record<string, unknown> = {}) => ({
    ...pullRequestEvent('created', {
      workspace: { uuid: ids.workspace },
      repository: { uuid: ids.repository, slug: 'payments' },
      pullRequest: pr,
    }),
    ...extra,
  });

  afterEach(() => expect(emulator.violations).toEqual([]));

  const published = () => ({
    reports: emulator.state.reports('acme', 'payments', pr.sourceCommit),
    statuses: emulator.state.statuses('acme', 'payments', pr.sourceCommit),
    summaries: emulator.state.comments('acme', 'payments', pr.id).filter((c) => !c.deleted && !c.inline),
    inline: emulator.state.comments('acme', 'payments', pr.id).filter((c) => !c.deleted && c.inline),
  });

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
      expect(calls.slice(0, 2)).toEqual([
        `GET /2.0/repositories/${ids.workspace}/${ids.repository}/commit/${pr.sourceShortHash}`,
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
      emulator.faults.inject({ status: 500, path: /\/src\//, times: 1000 });
      // Only the first consumer attempt is awaited here; budgets make retries fast (budgetScale of the shim).
      await runtime.fireProductEvent(created());
      await runtime.idle();
      emulator.faults.clear();
      const status = published().statuses[0];
      expect(status?.state).toBe('STOPPED');
      expect(String(status?.description)).toMatch(/HTTP 500/);
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

  it('merge check answers from storage and says analysis is in progress when there is no result', async () => {
    const runtime = runtimeFor();
    try {
      const event = mergeCheckEvent('on-merge', {
        workspaceUuid: ids.workspace,
        repositoryUuid: ids.repository,
        pullRequest: pr.id,
      });
      const result = await runtime.invokeMergeCheck('quality-gate-check', event);
      expect(result.value).toEqual({ success: false, message: expect.stringMatching(/in progress/) });
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
