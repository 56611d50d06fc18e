/**
 * One pull-request run: confirm the job is current, analyse what the change adds, evaluate the gate, publish, and
 * store the verdict for the merge check and the panel. Every exit leaves Bitbucket consistent: an unrecoverable
 * error turns the INPROGRESS status into STOPPED with the reason, never leaving it spinning.
 */
import { BitbucketError } from '../bitbucket/errors';
import type { PullRequestInfo, RepoRef } from '../bitbucket/models';
import { analyzeChange, type ChangeAnalysis } from '../engine';
import { SEVERITIES_HIGH_FIRST } from '../engine/types';
import { evaluateGate } from '../gate';
import type { GateVerdict } from '../gate/types';
import { ignoreMatcher } from '../settings/ignore-matcher';
import { fetchChange } from './fetch-change';
import type { AnalysisJob } from './job';
import { publishFailure, publishInProgress, publishResults, statusFor, type PublishTarget } from '../publish';
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

  const previous = await store.get(job.repositoryUuid, id);
  if (previous?.state === 'done' && sameCommit(previous.headHash, job.sourceHash)) {
    // A redelivered or duplicated event: the result for this head is already published.
    const reason = `${previous.headHash.slice(0, 12)} was already analysed`;
    return { action: 'duplicate', reason, apiCalls: calls() };
  }
  let headHash: string;
  try {
    headHash = await api.fullHash(repo, job.sourceHash);
  } catch (error) {
    if (error instanceof BitbucketError && error.kind === 'not-found') {
      return {
        action: 'superseded',
        reason: `commit ${job.sourceHash} no longer exists (force-pushed?)`,
        apiCalls: calls(),
      };
    }
    throw error;
  }
  // The job names the pull request well enough for the INPROGRESS status; its full record is read just before
  // publishing, which is also where a moved head is caught — so no read is spent up front.
  const fromJob: PullRequestInfo = {
    id,
    title: '',
    state: 'OPEN',
    source: { branch: { name: job.sourceBranch }, commit: { hash: job.sourceHash } },
    destination: { branch: { name: job.destinationBranch }, commit: { hash: job.destinationHash } },
  };
  const settings = await deps.loadSettings(repo);
  let statusTarget = { repo, pullRequest: fromJob, commit: headHash };
  try {
    await store.set(job.repositoryUuid, id, { state: 'pending', headHash });
    await publishInProgress(api, statusTarget, settings);

    const change = await fetchChange(
      api,
      {
        repo,
        headHash,
        destinationHash: job.destinationHash,
        mergeBase: memo(() => api.mergeBase(repo, headHash, job.destinationHash)),
      },
      ignoreMatcher(settings.ignore),
    );
    const analysis = await analyzeChange(change, { thresholds: settings.thresholds });
    const verdict = evaluateGate(analysis, settings.gate);

    const pr = await api.pullRequest(repo, id);
    statusTarget = { ...statusTarget, pullRequest: pr };
    if (pr.state !== 'OPEN' || !sameCommit(pr.source.commit.hash, headHash)) {
      const reason = `pull request #${id} is now ${pr.state === 'OPEN' ? `at ${pr.source.commit.hash}` : pr.state}; publishing nothing (a newer event covers it)`;
      log(reason);
      // The INPROGRESS status on this commit must not spin forever, even though the PR no longer shows it.
      if (settings.statusChecks) {
        await api.postBuildStatus(repo, headHash, statusFor(pr, 'STOPPED', 'Superseded by a newer commit.'));
      }
      return { action: 'superseded', reason, apiCalls: calls() };
    }
    const target: PublishTarget = {
      ...statusTarget,
      changedLines: change.changedLines,
      durationMs: deps.clock.now() - started,
      // Lintel records every head it starts on before publishing there: no record means no report to clear.
      firstReportOnCommit:
        store.authoritative === true && !(previous && sameCommit(previous.headHash, headHash)),
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
