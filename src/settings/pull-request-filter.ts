/**
 * Which pull requests Lintel analyses (settings `pullRequests`). Branch patterns are globs on the destination
 * branch's full name (`main`, `release/*`, `release/**`), matched with picomatch as Bitbucket Pipelines matches its
 * branch patterns: `*` stops at `/`, `**` does not.
 */
import picomatch from 'picomatch';
import type { PullRequestFilter } from './types';

export interface FilteredPullRequest {
  destinationBranch: string;
  /** Unknown (undefined) when the caller has not read the pull request; then drafts cannot be skipped yet. */
  draft?: boolean;
}

/** Which setting leaves a pull request alone: the panel says what to do about each. */
export type PullRequestSkipKind = 'disabled' | 'branch-filtered' | 'draft';

export interface PullRequestSkip {
  kind: PullRequestSkipKind;
  /** Why, as a clause after "Lintel does not analyse this pull request: ". */
  reason: string;
}

/** Which setting leaves this pull request alone and why, or undefined when it is analysed. */
export function pullRequestSkip(
  filter: PullRequestFilter,
  pr: FilteredPullRequest,
): PullRequestSkip | undefined {
  if (!filter.enabled) {
    return { kind: 'disabled', reason: 'Lintel is switched off for this repository in its settings' };
  }
  if (filter.targetBranches.length > 0) {
    const matches = picomatch(filter.targetBranches, { dot: true });
    if (!matches(pr.destinationBranch)) {
      return {
        kind: 'branch-filtered',
        reason:
          `its destination branch ${pr.destinationBranch} is not one Lintel analyses ` +
          `(target branches: ${filter.targetBranches.join(', ')})`,
      };
    }
  }
  if (filter.skipDrafts && pr.draft === true) {
    return {
      kind: 'draft',
      reason: 'it is a draft, and drafts are skipped until they are marked ready for review',
    };
  }
  return undefined;
}

/** Why the settings leave this pull request alone, or undefined when it is analysed. */
export function pullRequestSkipReason(
  filter: PullRequestFilter,
  pr: FilteredPullRequest,
): string | undefined {
  return pullRequestSkip(filter, pr)?.reason;
}
