/**
 * What a pull request shows once Lintel has settled, read back from the emulator and the runtime's kvs, and the one
 * end state every fault and race must reach (issue 10.4): on the newest head exactly one report and one build status
 * that is a verdict (never INPROGRESS), exactly one summary comment naming that head, no inline comment twice, and
 * the stored verdict for that head; on older heads no INPROGRESS left behind.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import type { Emulator, EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { pullRequestEvent, type ForgeRuntime } from '../../dev/forge-runtime';
import { gateKey } from '../../src/forge/storage-keys';
import type { StoredRun } from '../../src/pipeline/types';
import { WORKSPACE, type LocalApp } from './local-app';

const run = promisify(execFile);

/** The parts of a local app (./local-app.ts) these helpers read. */
export type AppWorld = Pick<LocalApp, 'emulator' | 'repository' | 'ids'>;

type Raw = { content?: { raw?: string }; inline?: unknown; deleted?: boolean };
const rawOf = (c: Raw): string => c.content?.raw ?? '';

/** What Bitbucket shows for one head of a pull request, in a form two runs can be compared by. */
export interface Shown {
  reports: number;
  /** The report's result and data, without the analysis time (it differs between any two runs). */
  report?: { result: unknown; data: unknown };
  annotations: string[];
  statuses: { state: unknown; description: unknown }[];
  summaries: string[];
  /** Finding fingerprints of Lintel's inline comments, in posting order. */
  inlineMarkers: string[];
}

export function shownOn(
  emulator: Emulator,
  repository: string,
  pr: EmulatorPullRequest,
  head: string,
): Shown {
  const reports = emulator.state.reports(WORKSPACE, repository, head);
  const report = reports[0] as { result?: unknown; data?: { title: string }[] } | undefined;
  const comments = (emulator.state.comments(WORKSPACE, repository, pr.id) as Raw[]).filter((c) => !c.deleted);
  return {
    reports: reports.length,
    ...(report
      ? { report: { result: report.result, data: report.data?.filter((d) => d.title !== 'Analysis time') } }
      : {}),
    annotations: emulator.state
      .annotations(WORKSPACE, repository, head, 'lintel-analysis')
      .map((a) => String(a.external_id))
      .sort(),
    statuses: emulator.state
      .statuses(WORKSPACE, repository, head)
      .map((s) => ({ state: s.state, description: s.description })),
    summaries: comments.filter((c) => !c.inline && rawOf(c).includes('[lintel:summary]')).map(rawOf),
    inlineMarkers: comments
      .filter((c) => c.inline)
      .flatMap((c) => [...rawOf(c).matchAll(/\[lintel:finding:([^\]]+)\]/g)].map((m) => m[1] ?? '')),
  };
}

/**
 * Asserts the settled end state on `head` (the pull request's newest) and returns what it shows; `olderHeads` are
 * commits the pull request showed before, which may keep what was published on them but never INPROGRESS.
 */
export function expectSettledOn(
  app: AppWorld,
  runtime: ForgeRuntime,
  pr: EmulatorPullRequest,
  head: string,
  olderHeads: readonly string[] = [],
): Shown {
  const { emulator, repository } = app;
  expect(emulator.state.pullRequest(WORKSPACE, repository, pr.id)?.sourceCommit).toBe(head);
  const shown = shownOn(emulator, repository, pr, head);
  expect(shown.reports).toBe(1);
  expect(shown.statuses.map((s) => s.state)).toEqual([expect.stringMatching(/^(SUCCESSFUL|FAILED)$/)]);
  expect(shown.summaries).toHaveLength(1);
  expect(shown.summaries[0]).toContain(`_Commit ${head.slice(0, 12)}.`);
  expect(new Set(shown.inlineMarkers).size).toBe(shown.inlineMarkers.length);
  const stored = runtime.kvs.get(gateKey(app.ids.repository, pr.id)) as StoredRun | undefined;
  expect(stored).toMatchObject({ state: 'done', headHash: head });
  // The verdict everywhere is the same one: report, status and stored record agree.
  const passed = stored?.passed === true;
  expect(shown.report?.result).toBe(passed ? 'PASSED' : 'FAILED');
  expect(shown.statuses[0]?.state).toBe(passed ? 'SUCCESSFUL' : 'FAILED');
  for (const older of olderHeads) {
    const states = emulator.state.statuses(WORKSPACE, repository, older).map((s) => s.state);
    expect(states).not.toContain('INPROGRESS');
  }
  expect(emulator.violations).toEqual([]);
  return shown;
}

/** Commits `files` (null deletes) on `branch` of the repository whose `.git` is `gitDir`; returns the full hash. */
export async function pushCommit(
  gitDir: string,
  branch: string,
  files: Record<string, string | null>,
  message = 'push',
): Promise<string> {
  const work = path.dirname(gitDir);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: 'dev@example.invalid',
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: 'dev@example.invalid',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const git = async (...args: string[]) => (await run('git', args, { cwd: work, env })).stdout;
  await git('checkout', '-q', branch);
  const fs = await import('node:fs/promises');
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(work, file);
    if (text === null) await fs.rm(target, { force: true });
    else {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text);
    }
  }
  await git('add', '-A');
  await git('commit', '-q', '--allow-empty', '-m', message);
  return (await git('rev-parse', 'HEAD')).trim();
}

/** The `avi:bitbucket:updated:pullrequest` event Bitbucket sends after a push moved the pull request to `head`. */
export function updatedEvent(app: AppWorld, pr: EmulatorPullRequest, head: string): object {
  const event = pullRequestEvent('updated', {
    workspace: { uuid: app.ids.workspace },
    repository: { uuid: app.ids.repository, slug: app.repository, project: { uuid: app.ids.project } },
    pullRequest: pr,
  });
  (event.pullrequest as { source: { commit: { hash: string } } }).source.commit.hash = head.slice(0, 12);
  return event;
}

/** Resolves once the emulator has answered a request matching `predicate` (polled: requests are logged when answered). */
export async function whenRequested(
  emulator: Emulator,
  predicate: (r: Emulator['requests'][number]) => boolean,
): Promise<void> {
  const from = emulator.requests.length;
  while (!emulator.requests.slice(from).some(predicate)) await new Promise((r) => setTimeout(r, 5));
}
