/**
 * The build status: one stable key overwritten on every run, because Bitbucket's merge check fails on any
 * stale FAILED or INPROGRESS key (bitbucket-api.md §3). refname must be the PR's source branch for the status
 * to attach to the pull request.
 */
import type { BitbucketApi } from '../bitbucket/api';
import { STATUS_DESCRIPTION_MAX, STATUS_KEY_MAX } from '../bitbucket/limits';
import type { BuildState, BuildStatusBody, PullRequestInfo } from '../bitbucket/models';
import type { ChangeAnalysis } from '../engine';
import { gateOutcome, notAnalysedText } from '../gate/coverage';
import type { GateVerdict } from '../gate/types';
import { healthText } from './report';
import { publicUrl } from '../bitbucket/web-links';
import { truncateOnWord } from './text';
import type { PublishTarget } from './types';

export const STATUS_KEY = 'lintel-quality-gate';
export const STATUS_NAME = 'Lintel quality gate';
export { STATUS_DESCRIPTION_MAX } from '../bitbucket/limits';

// Checked once at load, so a renamed key can never reach Bitbucket's 400.
if (STATUS_KEY.length > STATUS_KEY_MAX)
  throw new Error(`status key ${STATUS_KEY} exceeds ${STATUS_KEY_MAX} characters`);

/**
 * Where the status links to: the PR page. Bitbucket rejects non-URLs ("Enter a valid URL."), so without an html
 * link the documented `{repository.full_name}` placeholder builds one.
 */
export function statusUrl(pullRequest: PullRequestInfo): string {
  return (
    publicUrl(pullRequest.links?.html?.href) ??
    `https://bitbucket.org/{repository.full_name}/pull-requests/${pullRequest.id}`
  );
}

export function statusFor(
  pullRequest: PullRequestInfo,
  state: BuildState,
  description: string,
): BuildStatusBody {
  return {
    key: STATUS_KEY,
    state,
    name: STATUS_NAME,
    description: truncateOnWord(description.replace(/\s+/g, ' ').trim(), STATUS_DESCRIPTION_MAX),
    url: statusUrl(pullRequest),
    refname: pullRequest.source.branch.name,
  };
}

/** How a person gets an analysis that did not cover everything run again (the trigger queues either). */
export const HOW_TO_RETRY = 'push a commit or edit the pull request to try again';

/**
 * "Quality gate passed: …", "Quality gate failed: <failing conditions>[; N files were not analysed]" or, when only
 * files are missing, "Not analysed: N files were not analysed (…)" — what was not analysed is never left out.
 */
export function verdictDescription(verdict: GateVerdict, analysis: ChangeAnalysis): string {
  const outcome = gateOutcome(verdict);
  if (outcome === 'passed') {
    const issues = analysis.newFindings.length;
    return `Quality gate passed: ${issues} new issue${issues === 1 ? '' : 's'}, health ${healthText(analysis.health)}.`;
  }
  const missing = verdict.notAnalysed ? notAnalysedText(verdict.notAnalysed) : undefined;
  if (outcome === 'not-analysed')
    return `Not analysed: ${missing ?? 'files were not analysed'}; ${HOW_TO_RETRY}.`;
  const failing = verdict.conditions.filter((c) => !c.passed).map((c) => c.message);
  return `Quality gate failed: ${[...failing, ...(missing ? [missing] : [])].join('; ')}.`;
}

/** SUCCESSFUL, FAILED, or STOPPED for a pull request Lintel could not fully analyse: grey, never green. */
const STATE_OF = { passed: 'SUCCESSFUL', failed: 'FAILED', 'not-analysed': 'STOPPED' } as const;

export function verdictStatus(
  pullRequest: PullRequestInfo,
  verdict: GateVerdict,
  analysis: ChangeAnalysis,
): BuildStatusBody {
  return statusFor(pullRequest, STATE_OF[gateOutcome(verdict)], verdictDescription(verdict, analysis));
}

export function writeStatus(
  api: BitbucketApi,
  target: Pick<PublishTarget, 'repo' | 'commit'>,
  status: BuildStatusBody,
): Promise<void> {
  return api.postBuildStatus(target.repo, target.commit, status);
}
