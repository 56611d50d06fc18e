/**
 * The build status: one stable key overwritten on every run, because Bitbucket's merge check fails on any
 * stale FAILED or INPROGRESS key (bitbucket-api.md §3). refname must be the PR's source branch for the status
 * to attach to the pull request.
 */
import type { BitbucketApi } from '../bitbucket/api';
import { STATUS_DESCRIPTION_MAX, STATUS_KEY_MAX } from '../bitbucket/limits';
import type { BuildState, BuildStatusBody, PullRequestInfo } from '../bitbucket/models';
import type { ChangeAnalysis } from '../engine';
import type { GateVerdict } from '../gate/types';
import { healthText } from './report';
import { publicUrl, truncateOnWord } from './text';
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

/** "Quality gate passed: …" or "Quality gate failed: <failing conditions>". */
export function verdictDescription(verdict: GateVerdict, analysis: ChangeAnalysis): string {
  if (verdict.passed) {
    const issues = analysis.newFindings.length;
    return `Quality gate passed: ${issues} new issue${issues === 1 ? '' : 's'}, health ${healthText(analysis.health)}.`;
  }
  const failing = verdict.conditions.filter((c) => !c.passed).map((c) => c.message);
  return `Quality gate failed: ${failing.join('; ')}.`;
}

export function verdictStatus(
  pullRequest: PullRequestInfo,
  verdict: GateVerdict,
  analysis: ChangeAnalysis,
): BuildStatusBody {
  return statusFor(
    pullRequest,
    verdict.passed ? 'SUCCESSFUL' : 'FAILED',
    verdictDescription(verdict, analysis),
  );
}

export function writeStatus(
  api: BitbucketApi,
  target: Pick<PublishTarget, 'repo' | 'commit'>,
  status: BuildStatusBody,
): Promise<void> {
  return api.postBuildStatus(target.repo, target.commit, status);
}
