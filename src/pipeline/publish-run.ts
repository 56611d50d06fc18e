/**
 * The end of a run, shared by a whole pull request and the publishing chunk of a large one: judge, make sure the
 * pull request still shows this head, publish, and store the verdict for the merge check and the panel — or, on
 * an unrecoverable error, replace INPROGRESS with STOPPED and the reason.
 */
import type { PullRequestInfo, RepoRef } from '../bitbucket/models';
import type { ChangeAnalysis } from '../engine';
import { SEVERITIES_HIGH_FIRST } from '../engine/types';
import { evaluateGate, gateOutcome, judgeCoverage, notAnalysedText } from '../gate';
import type { ChangeFacts, GateVerdict } from '../gate/types';
import { publishFailure, publishResults, statusFor, type PublishTarget } from '../publish';
import type { Settings } from '../settings/types';
import { countBySeverity } from './chunk-result';
import { sameCommit } from './commits';
import { withoutDismissed } from './dismissed-findings';
import { mayRecordOver } from './record-precedence';
import { decideOnFailure, retryLater } from './retry-policy';
import type { PipelineDeps, RunOutcome, StoredFinding, StoredRun } from './types';

/**
 * Findings kept in storage for the panel and its findings dialog (where they can be dismissed): enough to show the
 * worst, small enough for a kvs value (50 findings are a few KB of the 240 KiB).
 */
const STORED_FINDINGS = 50;

// Re-exported for the modules that already import it from here.
export { sameCommit };

/** A pull request as a job names it: enough for statuses, before (or without) reading it from Bitbucket. */
export function pullRequestFromJob(job: {
  pullRequestId: number;
  sourceBranch: string;
  destinationBranch: string;
  destinationHash: string;
  sourceHash: string;
}): PullRequestInfo {
  return {
    id: job.pullRequestId,
    title: '',
    state: 'OPEN',
    source: { branch: { name: job.sourceBranch }, commit: { hash: job.sourceHash } },
    destination: { branch: { name: job.destinationBranch }, commit: { hash: job.destinationHash } },
  };
}

export interface VerdictInput {
  repositoryUuid: string;
  /** The repository the pull request belongs to: its comments go there. */
  repo: RepoRef;
  /** Where `headHash` lives, when not `repo` (a fork): the report and the build status go on its commit there. */
  headRepo?: RepoRef;
  pullRequestId: number;
  headHash: string;
  /** The status target used so far (the pull request as the job named it). */
  pullRequest: PullRequestInfo;
  settings: Settings;
  /** Warnings about the settings (an ignored `.lintel.yml` or stored document), shown first in the summary. */
  notices?: string[];
  /** What is published. */
  analysis: ChangeAnalysis;
  /** What the gate judges; the analysis itself unless some findings were counted but not kept. */
  gateFacts?: ChangeFacts;
  changedLines: PublishTarget['changedLines'];
  /** Redacted code around the new HIGH and CRITICAL findings, for the AI review (each chunk's own, in chunk mode). */
  codeWindows?: PublishTarget['codeWindows'];
  startedAt: number;
  firstReportOnCommit: boolean;
}

export async function publishVerdict(input: VerdictInput, deps: PipelineDeps): Promise<RunOutcome> {
  const { api, store, log } = deps;
  const { repo, headHash, settings } = input;
  const id = input.pullRequestId;
  // Findings people dismissed on this pull request are judged and published nowhere, only counted (dismissal.ts).
  const dismissals = deps.dismissals ? await deps.dismissals(input.repositoryUuid, id) : [];
  const kept = withoutDismissed(input.analysis, input.gateFacts ?? input.analysis, dismissals);
  const { analysis, gateFacts: facts } = kept;
  // What the run could not cover is judged with the conditions: never a pass then (docs/gate.md).
  const verdict = judgeCoverage(evaluateGate(facts, settings.gate), analysis.skipped);

  const pr = await api.pullRequest(repo, id);
  if (pr.state !== 'OPEN' || !sameCommit(pr.source.commit.hash, headHash)) {
    const reason = `pull request #${id} is now ${pr.state === 'OPEN' ? `at ${pr.source.commit.hash}` : pr.state}; publishing nothing (a newer event covers it)`;
    log(reason);
    // The INPROGRESS status on this commit must not spin forever, even though the PR no longer shows it.
    if (settings.statusChecks) {
      const status = statusFor(pr, 'STOPPED', 'Superseded by a newer commit.');
      await api.postBuildStatus(input.headRepo ?? repo, headHash, status);
    }
    return { action: 'superseded', reason, apiCalls: api.client.calls };
  }
  const target: PublishTarget = {
    repo,
    ...(input.headRepo && input.headRepo !== repo ? { commitRepo: input.headRepo } : {}),
    pullRequest: pr,
    commit: headHash,
    changedLines: input.changedLines,
    durationMs: deps.clock.now() - input.startedAt,
    firstReportOnCommit: input.firstReportOnCommit,
    ...(input.notices && input.notices.length > 0 ? { notices: input.notices } : {}),
    ...(kept.dismissedAgain.length > 0 ? { dismissed: kept.dismissedAgain } : {}),
    ...(input.codeWindows ? { codeWindows: input.codeWindows } : {}),
  };
  const outcome = await publishResults(api, target, analysis, verdict, settings, deps.publishPorts);
  for (const f of outcome.failed) log(`publishing ${f.part} failed: ${f.message}`);
  // A part lost to a passing failure (a rate limit, an outage, an answer that never came) is completed by another
  // attempt of the job: every part is idempotent (docs/publishing.md, "Retries"). Thrown, so the caller's failure
  // path decides — and a chunk publisher gives its lock up — exactly as for a failed read. Past the cap the verdict
  // stands with what could be published, rather than turning into STOPPED.
  const incomplete = outcome.failed.find(
    (f) => f.cause !== undefined && decideOnFailure(f.cause, deps.attempt).retry,
  );
  if (incomplete) throw incomplete.cause;
  const counts = {
    newIssues: facts.newFindings.length,
    fixedIssues: analysis.fixedFindings.length,
    newBySeverity: countBySeverity(facts.newFindings),
    fixedBySeverity: countBySeverity(analysis.fixedFindings),
    ...(kept.dismissedAgain.length > 0 ? { dismissed: kept.dismissedAgain.length } : {}),
  };
  await store.set(
    input.repositoryUuid,
    id,
    storedRun(headHash, analysis, counts, verdict, new Date(deps.clock.now())),
  );
  return {
    action: 'published',
    headHash,
    passed: verdict.passed,
    verdict: gateOutcome(verdict),
    ...(verdict.notAnalysed ? { notAnalysed: notAnalysedText(verdict.notAnalysed) } : {}),
    outcome,
    apiCalls: api.client.calls,
  };
}

/**
 * Records the failure and turns INPROGRESS into STOPPED with the reason — unless it is worth another attempt of the
 * queued job (retry-policy.ts): then INPROGRESS stays true and the outcome asks for a retry.
 */
export async function reportRunFailure(
  error: unknown,
  input: Pick<
    VerdictInput,
    'repositoryUuid' | 'repo' | 'headRepo' | 'pullRequestId' | 'headHash' | 'pullRequest'
  > & {
    settings?: Settings;
    /** When a whole-pull-request job was received; a chunk has none (record-precedence.ts). */
    receivedAt?: string;
  },
  deps: PipelineDeps,
): Promise<RunOutcome> {
  const { api, store, log } = deps;
  const decision = decideOnFailure(error, deps.attempt);
  if (decision.retry) return retryLater(decision, input, deps, api.client.calls);
  const reason = decision.reason;
  log(`analysis of pull request #${input.pullRequestId} failed: ${reason}`);
  try {
    // A newer run's record (pending, or its verdict) stays: the merge check and the panel show the newest head.
    const stored = await store.get(input.repositoryUuid, input.pullRequestId);
    if (mayRecordOver(stored, input.headHash, input.receivedAt)) {
      await store.set(input.repositoryUuid, input.pullRequestId, {
        state: 'error',
        headHash: input.headHash,
        summary: `Lintel could not analyse this pull request: ${reason}`,
        analysedAt: new Date(deps.clock.now()).toISOString(),
      });
    } else log(`a newer run's record of pull request #${input.pullRequestId} stays`);
  } catch (storeError) {
    // Often the very failure being reported (storage over its rate limit): the STOPPED status must still go out.
    log(
      `could not store the failure: ${storeError instanceof Error ? storeError.message : String(storeError)}`,
    );
  }
  // Only a status is written, on the head commit: in the fork, for a pull request from one.
  const target = {
    repo: input.headRepo ?? input.repo,
    pullRequest: input.pullRequest,
    commit: input.headHash,
  };
  const reported = await publishFailure(api, target, reason, input.settings);
  for (const f of reported.failed) log(`could not report the failure on Bitbucket: ${f.message}`);
  return { action: 'failed', reason, apiCalls: api.client.calls };
}

function storedRun(
  headHash: string,
  analysis: ChangeAnalysis,
  counts: Pick<StoredRun, 'newIssues' | 'fixedIssues' | 'newBySeverity' | 'fixedBySeverity' | 'dismissed'>,
  verdict: GateVerdict,
  at: Date,
): StoredRun {
  const rank = (s: string) => SEVERITIES_HIGH_FIRST.indexOf(s as never);
  const findings: StoredFinding[] = [...analysis.newFindings]
    .sort((a, b) => rank(a.severity) - rank(b.severity) || a.path.localeCompare(b.path) || a.line - b.line)
    .slice(0, STORED_FINDINGS)
    .map(({ severity, ruleId, path, line, message, fingerprint }) => ({
      severity,
      ruleId,
      path,
      line,
      message,
      fingerprint,
    }));
  const failing = verdict.conditions.filter((c) => !c.passed).map((c) => c.message);
  const missing = verdict.notAnalysed ? notAnalysedText(verdict.notAnalysed) : undefined;
  const summary = verdict.passed
    ? 'Lintel quality gate passed.'
    : failing.length > 0
      ? `Lintel quality gate failed: ${[...failing, ...(missing ? [missing] : [])].join('; ')}.`
      : `Lintel could not analyse all of this pull request: ${missing ?? 'files were not analysed'}.`;
  return {
    state: 'done',
    headHash,
    passed: verdict.passed,
    summary,
    reasons: failing,
    ...(verdict.notAnalysed ? { incomplete: { ...verdict.notAnalysed } } : {}),
    health: analysis.health,
    ...counts,
    complexityAdded: analysis.complexityAdded,
    duplicatedLinesAdded: analysis.duplicatedLinesAdded,
    findings,
    analysedAt: at.toISOString(),
  };
}
