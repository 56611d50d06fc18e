/**
 * One pull-request run: confirm the job is current, analyse what the change adds, evaluate the gate, publish, and
 * store the verdict for the merge check and the panel. Every exit leaves Bitbucket consistent: an unrecoverable
 * error turns the INPROGRESS status into STOPPED with the reason, never leaving it spinning.
 */
import type { BitbucketApi } from '../bitbucket/api';
import type { PullRequestInfo, RepoRef } from '../bitbucket/models';
import { analyzeChange, type ChangeAnalysis } from '../engine';
import { SEVERITIES_HIGH_FIRST } from '../engine/types';
import { evaluateGate } from '../gate';
import type { GateVerdict } from '../gate/types';
import { ignoreMatcher } from '../settings/ignore-matcher';
import { fetchChange } from './fetch-change';
import type { AnalysisJob } from './job';
import { publishFailure, publishInProgress, publishResults, type PublishTarget } from '../publish';
import type { PipelineDeps, RunOutcome, StoredFinding, StoredRun } from './types';

/** Findings kept in storage for the panel: enough to show the worst, small enough for a kvs value. */
const STORED_FINDINGS = 20;

/** Abbreviations of different lengths name the same commit when the shorter is a prefix of the longer. */
export function sameCommit(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return n >= 7 && a.slice(0, n).toLowerCase() === b.slice(0, n).toLowerCase();
}

export async function runPullRequest(job: AnalysisJob, deps: PipelineDeps): Promise<RunOutcome> {
  const { api, store, log } = deps;
  const calls = () => api.client.calls;
  const repo: RepoRef = { workspace: job.workspaceUuid, repository: job.repositoryUuid };
  const id = job.pullRequestId;
  const started = deps.clock.now();

  const pr = await api.pullRequest(repo, id);
  if (pr.state !== 'OPEN')
    return { action: 'closed', reason: `pull request #${id} is ${pr.state}`, apiCalls: calls() };
  if (!sameCommit(pr.source.commit.hash, job.sourceHash)) {
    const reason = `pull request #${id} moved from ${job.sourceHash} to ${pr.source.commit.hash}; the newer event is analysed instead`;
    return { action: 'superseded', reason, apiCalls: calls() };
  }
  const previous = await store.get(job.repositoryUuid, id);
  if (previous?.state === 'done' && sameCommit(previous.headHash, pr.source.commit.hash)) {
    // A redelivered or duplicated event: the result for this head is already published.
    return {
      action: 'duplicate',
      reason: `${previous.headHash.slice(0, 12)} was already analysed`,
      apiCalls: calls(),
    };
  }

  const headHash = await api.fullHash(repo, pr.source.commit.hash);
  const statusTarget = { repo, pullRequest: pr, commit: headHash };
  const settings = await deps.loadSettings(repo);
  try {
    await store.set(job.repositoryUuid, id, { state: 'pending', headHash });
    await publishInProgress(api, statusTarget, settings);

    const change = await fetchChange(
      api,
      {
        repo,
        pullRequestId: id,
        headHash,
        mergeBase: memo(() => api.mergeBase(repo, headHash, pr.destination.commit.hash)),
      },
      ignoreMatcher(settings.ignore),
    );
    const analysis = await analyzeChange(change, { thresholds: settings.thresholds });
    const verdict = evaluateGate(analysis, settings.gate);

    if (await headMoved(api, repo, pr)) {
      log(`pull request #${id} moved during the analysis; publishing nothing (the newer event will)`);
      return {
        action: 'superseded',
        reason: `pull request #${id} moved during the analysis`,
        apiCalls: calls(),
      };
    }
    const target: PublishTarget = {
      ...statusTarget,
      changedLines: change.changedLines,
      durationMs: deps.clock.now() - started,
    };
    // Files the pipeline skipped before analysis (deleted, binary, ignored) are reported with the engine's own.
    const reported = { ...analysis, skipped: [...change.skipped, ...analysis.skipped] };
    const outcome = await publishResults(api, target, reported, verdict, settings, deps.publishPorts);
    for (const f of outcome.failed) log(`publishing ${f.part} failed: ${f.message}`);
    await store.set(
      job.repositoryUuid,
      id,
      storedRun(headHash, analysis, verdict, new Date(deps.clock.now())),
    );
    return { action: 'published', headHash, passed: verdict.passed, outcome, apiCalls: calls() };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`analysis of pull request #${id} failed: ${reason}`);
    await store.set(job.repositoryUuid, id, {
      state: 'error',
      headHash,
      summary: `Lintel could not analyse this pull request: ${reason}`,
    });
    const reported = await publishFailure(api, statusTarget, reason, settings);
    for (const f of reported.failed) log(`could not report the failure on Bitbucket: ${f.message}`);
    return { action: 'failed', reason, apiCalls: calls() };
  }
}

async function headMoved(api: BitbucketApi, repo: RepoRef, pr: PullRequestInfo): Promise<boolean> {
  const now = await api.pullRequest(repo, pr.id);
  return now.state !== 'OPEN' || !sameCommit(now.source.commit.hash, pr.source.commit.hash);
}

function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

function storedRun(headHash: string, analysis: ChangeAnalysis, verdict: GateVerdict, at: Date): StoredRun {
  const rank = (s: string) => SEVERITIES_HIGH_FIRST.indexOf(s as never);
  const findings: StoredFinding[] = [...analysis.newFindings]
    .sort((a, b) => rank(a.severity) - rank(b.severity) || a.path.localeCompare(b.path) || a.line - b.line)
    .slice(0, STORED_FINDINGS)
    .map(({ severity, ruleId, path, line, message }) => ({ severity, ruleId, path, line, message }));
  const failing = verdict.conditions.filter((c) => !c.passed).map((c) => c.message);
  return {
    state: 'done',
    headHash,
    passed: verdict.passed,
    summary: verdict.passed
      ? 'Lintel quality gate passed.'
      : `Lintel quality gate failed: ${failing.join('; ')}.`,
    reasons: failing,
    health: analysis.health,
    newIssues: analysis.newFindings.length,
    fixedIssues: analysis.fixedFindings.length,
    findings,
    analysedAt: at.toISOString(),
  };
}
