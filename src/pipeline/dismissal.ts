/**
 * A finding someone dismissed on one pull request, with their reason: stored per pull request (src/forge/
 * dismissal-store.ts), left out of every later run's report, annotations, comments and gate on that pull request
 * (./dismissed-findings.ts), and counted in the summary. A leaf with types and limits only, because the resolvers and
 * the Custom UI import it too.
 */
import type { Severity } from '../engine/types';

export interface Dismissal {
  /** The finding's fingerprint: it survives line shifts, so the dismissal holds across pushes. */
  fingerprint: string;
  /** The finding as it was when dismissed, so the panel can still name it once no run reports it. */
  ruleId: string;
  severity: Severity;
  path: string;
  line: number;
  message: string;
  reason: string;
  /** Who dismissed it: the Atlassian account id Forge gave the resolver (never one the page sent). */
  accountId: string;
  /** Their name as Bitbucket answered it when they dismissed it, so reviewers see who did. */
  displayName?: string;
  /** ISO time of the dismissal. */
  at: string;
}

/** The dismissals of one pull request (Forge kvs in the consumer; none in the CLI). */
export type DismissalSource = (
  repositoryUuid: string,
  pullRequestId: number,
) => Promise<readonly Dismissal[]>;

/** A reason is a sentence or two for the reviewers who read it later, not an essay. */
export const DISMISSAL_REASON_MAX_CHARS = 500;
/**
 * Dismissals one pull request may hold. Past this, dismissing is no longer reviewing findings one by one: fix them,
 * silence them in code with a reason (docs/suppression.md) or change the rule's settings.
 */
export const DISMISSALS_PER_PULL_REQUEST_MAX = 200;

/** Engine fingerprints: 16 lower-case hex characters (FNV-1a 64, src/engine/fingerprint). */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{16}$/;
