/**
 * Inline comments for new HIGH and CRITICAL findings: at most the settings' `inlineCommentLimit` per pull request counting
 * those already there, and never twice for one fingerprint across runs (each comment carries a finding marker
 * that the shared comment listing reads back). Bitbucket has no bulk comment endpoint, so each is one POST.
 */
import { explainFinding, type ExplainOptions, type FindingExplanation } from '../ai/explain-finding';
import type { BitbucketApi } from '../bitbucket/api';
import { ruleById } from '../engine/rules';
import type { Finding, Severity } from '../engine/types';
import { describeFailure, worthContinuingAfter } from './failures';
import { anchorLine, uniqueBySeverity } from './finding-order';
import { findingMarker, markerKeyOf } from './markers';
import { escapeMarkdown, escapeMarkdownBlock } from './text';
import type { AppIdentity, ChangedLines, PublishTarget } from './types';

/** Codacy's cap on inline comments per pull request: past it, comments are noise (report holds the rest). */
export const INLINE_COMMENTS_PER_PR = 25;
// The settings' default (src/settings/defaults.ts) repeats this value: settings must not import the publisher.
const INLINE_SEVERITIES: ReadonlySet<Severity> = new Set<Severity>(['CRITICAL', 'HIGH']);

export interface InlineComment {
  finding: Finding;
  path: string;
  /** A changed line of the head (inside the diff), where Bitbucket can show the comment. */
  line: number;
}

/** Which new findings get an inline comment this run, most severe first. */
export function inlineCommentsFor(
  newFindings: readonly Finding[],
  changedLines: ChangedLines,
  already: { postedFingerprints: ReadonlySet<string>; inlineCount: number },
  limit: number = INLINE_COMMENTS_PER_PR,
): InlineComment[] {
  const budget = Math.max(0, limit - already.inlineCount);
  const chosen: InlineComment[] = [];
  for (const finding of uniqueBySeverity(newFindings)) {
    if (chosen.length >= budget) break;
    if (!INLINE_SEVERITIES.has(finding.severity)) continue;
    if (already.postedFingerprints.has(markerKeyOf(finding.fingerprint))) continue;
    const line = anchorLine(finding, changedLines);
    if (line !== undefined) chosen.push({ finding, path: finding.path, line });
  }
  return chosen;
}

export function inlineCommentText(finding: Finding, explanation: FindingExplanation): string {
  const title = ruleById(finding.ruleId)?.meta.title ?? finding.ruleId;
  return [
    findingMarker(finding.fingerprint),
    '',
    `**${finding.severity} · ${escapeMarkdown(title)}**: ${escapeMarkdown(finding.message)}`,
    '',
    escapeMarkdownBlock(explanation.text),
    '',
    explanation.source === 'ai'
      ? '_Explanation written by AI from the rule description; check before applying._'
      : '_Lintel_',
  ].join('\n');
}

export interface InlineResult {
  posted: number;
  aiWritten: number;
  /** First failure, when some comments could not be posted. */
  failure?: string;
}

export async function postInlineComments(
  api: BitbucketApi,
  target: Pick<PublishTarget, 'repo' | 'pullRequest'>,
  comments: readonly InlineComment[],
  identity: AppIdentity,
  ai: ExplainOptions,
): Promise<InlineResult> {
  const result: InlineResult = { posted: 0, aiWritten: 0 };
  for (const comment of comments) {
    const explanation = await explainFinding(comment.finding, ai);
    try {
      const created = await api.createComment(
        target.repo,
        target.pullRequest.id,
        inlineCommentText(comment.finding, explanation),
        { path: comment.path, to: comment.line },
      );
      result.posted += 1;
      if (explanation.source === 'ai') result.aiWritten += 1;
      if (created.user?.uuid && !(await identity.get())) await identity.remember(created.user.uuid);
    } catch (error) {
      result.failure ??= describeFailure(error);
      if (!worthContinuingAfter(error)) break;
    }
  }
  return result;
}
