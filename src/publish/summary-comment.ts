/**
 * The one summary comment per pull request: built from the analysis, found again by its hidden marker and the
 * app's uuid, and edited in place (PUT only when the text changed). Its text holds nothing that changes
 * between two runs on the same head (no timings), so a re-run costs no write.
 */
import type { BitbucketApi } from '../bitbucket/api';
import { BitbucketError } from '../bitbucket/errors';
import { COMMENT_MAX_CHARS } from '../bitbucket/limits';
import type { CommentInfo } from '../bitbucket/models';
import type { ChangeAnalysis } from '../engine';
import type { Finding } from '../engine/types';
import type { GateVerdict } from '../gate/types';
import { bySeverityThenPlace } from './finding-order';
import { SUMMARY_MARKER } from './markers';
import { gateText, healthText, severityCounts, suppressedText } from './report';
import { escapeMarkdown, truncateOnWord } from './text';
import type { AppIdentity, PublishTarget } from './types';

export interface SummaryInput {
  analysis: ChangeAnalysis;
  verdict: GateVerdict;
  /** Full hash of the analysed head; the comment names its first 12 characters. */
  commit: string;
  /** Warnings about the settings the run used, shown first so nobody trusts a gate that was not the one meant. */
  notices?: string[];
  /** Findings an earlier push brought and this one fixed (their inline comments are resolved): counted as fixed. */
  fixedSinceEarlierPush?: number;
}

/** Issues listed by default; fewer when the comment would exceed COMMENT_MAX_CHARS. */
export const SUMMARY_TOP_ISSUES = 20;
/** One issue's message is cut here so a single huge message cannot crowd out the rest. */
const ISSUE_MESSAGE_MAX = 300;

const issueLine = (f: Finding): string =>
  `- **${f.severity}** ${escapeMarkdown(`${f.path}:${f.line}`)}: ${escapeMarkdown(truncateOnWord(f.message, ISSUE_MESSAGE_MAX))}`;

function issueList(title: string, findings: readonly Finding[], limit: number): string[] {
  if (findings.length === 0) return [];
  const sorted = [...findings].sort(bySeverityThenPlace);
  const lines = [``, `**${title} (${findings.length})**`, ``, ...sorted.slice(0, limit).map(issueLine)];
  if (sorted.length > limit) lines.push(`- and ${sorted.length - limit} more`);
  return lines;
}

function fixedText(analysis: ChangeAnalysis, sincePush: number): string {
  const total = analysis.fixedFindings.length + sincePush;
  return sincePush > 0 ? `${total} (${sincePush} since an earlier push)` : String(total);
}

function render(input: SummaryInput, limit: number): string {
  const { analysis, verdict } = input;
  const failing = verdict.conditions.filter((c) => !c.passed);
  const lines = [
    SUMMARY_MARKER,
    '',
    `### ${verdict.passed ? '✅' : '❌'} Lintel quality gate: ${gateText(verdict).toLowerCase()}`,
    '',
    ...(input.notices ?? []).map((n) => `> ⚠️ ${escapeMarkdown(truncateOnWord(n, ISSUE_MESSAGE_MAX))}`),
    ...((input.notices ?? []).length > 0 ? [''] : []),
    ...failing.map((c) => `- ${escapeMarkdown(c.message)}`),
    ...(failing.length > 0 ? [''] : []),
    `**Code health** ${healthText(analysis.health)} · **New issues** ${analysis.newFindings.length} (${severityCounts(analysis)}) · **Fixed** ${fixedText(analysis, input.fixedSinceEarlierPush ?? 0)}`,
    '',
    `**Complexity added** ${analysis.complexityAdded} · **Duplicated lines added** ${analysis.duplicatedLinesAdded} · **Secrets** ${analysis.secrets}`,
    // Said every time there are some, so a reviewer notices code that silences its own findings.
    ...(analysis.suppressed.length > 0
      ? ['', `_${suppressedText(analysis)} (\`lintel-disable\` comments)._`]
      : []),
    ...issueList('New issues', analysis.newFindings, limit),
    ...issueList('Fixed issues', analysis.fixedFindings, limit),
  ];
  if (analysis.skipped.length > 0) {
    lines.push('', `**Not analysed** (${analysis.skipped.length})`, '');
    lines.push(
      ...analysis.skipped.slice(0, limit).map((s) => `- ${escapeMarkdown(`${s.path}: ${s.reason}`)}`),
    );
    if (analysis.skipped.length > limit) lines.push(`- and ${analysis.skipped.length - limit} more`);
  }
  lines.push(
    '',
    `_Commit ${input.commit.slice(0, 12)}. Details in the Lintel report and the annotations on the diff._`,
  );
  return lines.join('\n');
}

/** The comment text, never over COMMENT_MAX_CHARS: the lists shrink first ("and N more"), then the text is cut. */
export function summaryCommentFor(input: SummaryInput, topIssues = SUMMARY_TOP_ISSUES): string {
  for (let limit = topIssues; ; limit = Math.floor(limit / 2)) {
    const text = render(input, limit);
    if (text.length <= COMMENT_MAX_CHARS) return text;
    if (limit === 0) return truncateOnWord(text, COMMENT_MAX_CHARS);
  }
}

export type SummaryAction = 'created' | 'updated' | 'unchanged';

async function rememberAuthor(identity: AppIdentity, comment: CommentInfo): Promise<void> {
  const uuid = comment.user?.uuid;
  if (uuid && (await identity.get()) !== uuid) await identity.remember(uuid);
}

/**
 * Edits `existing` when its text differs, or creates the comment. Without a known uuid the marker alone found
 * `existing`, which may be someone else's copy: Bitbucket then answers 403 and a new comment is made instead.
 */
export async function upsertSummaryComment(
  api: BitbucketApi,
  target: Pick<PublishTarget, 'repo' | 'pullRequest'>,
  body: string,
  existing: CommentInfo | undefined,
  identity: AppIdentity,
): Promise<SummaryAction> {
  const prId = target.pullRequest.id;
  if (existing) {
    if ((existing.content.raw ?? '').trim() === body.trim()) return 'unchanged';
    try {
      await rememberAuthor(identity, await api.updateComment(target.repo, prId, existing.id, body));
      return 'updated';
    } catch (error) {
      const notOurs =
        error instanceof BitbucketError && error.kind === 'forbidden' && !(await identity.get());
      if (!notOurs) throw error;
    }
  }
  await rememberAuthor(identity, await api.createComment(target.repo, prId, body));
  return 'created';
}
