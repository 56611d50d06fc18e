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
import type { Finding, SkipReason } from '../engine/types';
import { gateOutcome, shortfallsOf } from '../gate/coverage';
import type { GateVerdict } from '../gate/types';
import { diffLineUrl } from '../bitbucket/web-links';
import { bySeverityThenPlace } from './finding-order';
import { SUMMARY_MARKER } from './markers';
import { dismissedText, gateText, healthText, severityCounts, suppressedText } from './report';
import { HOW_TO_RETRY } from './status';
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
  /** Findings dismissed on this pull request that this run found again (they are listed nowhere). */
  dismissed?: number;
  /** The pull request's page (`links.html.href`): each listed issue links to its line in the diff. */
  pullRequestUrl?: string;
  /** The AI review's two or three sentences on the change's risk (src/ai/), already sanitised. */
  aiOverview?: string;
  /** Why the AI review could not run as asked (no Forge LLM for the site, rate limit, time). */
  aiNotice?: string;
}

/** Issues listed by default; fewer when the comment would exceed COMMENT_MAX_CHARS. */
export const SUMMARY_TOP_ISSUES = 20;
/** One issue's message is cut here so a single huge message cannot crowd out the rest. */
const ISSUE_MESSAGE_MAX = 300;

/** Where an issue sits, linked to its line in the pull request's diff when the page is known. */
function placeOf(f: Finding, pullRequestUrl: string | undefined, side: 'new' | 'old'): string {
  const place = escapeMarkdown(`${f.path}:${f.line}`);
  const url = diffLineUrl(pullRequestUrl, f.path, f.line, side);
  return url ? `[${place}](${url})` : place;
}

const issueLine =
  (pullRequestUrl: string | undefined, side: 'new' | 'old') =>
  (f: Finding): string =>
    `- **${f.severity}** ${placeOf(f, pullRequestUrl, side)}: ${escapeMarkdown(truncateOnWord(f.message, ISSUE_MESSAGE_MAX))}`;

function issueList(
  title: string,
  findings: readonly Finding[],
  limit: number,
  line: (f: Finding) => string,
): string[] {
  if (findings.length === 0) return [];
  const sorted = [...findings].sort(bySeverityThenPlace);
  const lines = [``, `**${title} (${findings.length})**`, ``, ...sorted.slice(0, limit).map(line)];
  if (sorted.length > limit) lines.push(`- and ${sorted.length - limit} more`);
  return lines;
}

const HEADLINE_ICON = { passed: '✅', failed: '❌', 'not-analysed': '⚠️' } as const;

function skipList(title: string, skips: readonly SkipReason[], limit: number, why?: string): string[] {
  if (skips.length === 0) return [];
  const lines = ['', `**${title}** (${skips.length})${why ? `: ${why}` : ''}`, ''];
  lines.push(...skips.slice(0, limit).map((s) => `- ${escapeMarkdown(`${s.path}: ${s.reason}`)}`));
  if (skips.length > limit) lines.push(`- and ${skips.length - limit} more`);
  return lines;
}

/** Files Lintel meant to analyse (or scan for secrets) and could not: said before anything else (docs/gate.md). */
function shortfallLines(verdict: GateVerdict, skipped: readonly SkipReason[], limit: number): string[] {
  const why = verdict.notAnalysed
    ? `Lintel could not analyse these, so this pull request cannot pass the quality gate; ${HOW_TO_RETRY}.`
    : undefined;
  const shortfalls = shortfallsOf(skipped);
  // A file whose secret scan alone failed was analysed: the heading says what it lacks.
  const title = shortfalls.every((s) => s.kind === 'secrets-not-scanned')
    ? 'Not scanned for secrets'
    : 'Not analysed';
  const lines = skipList(title, shortfalls, limit, why);
  return lines.length > 0 ? [...lines.slice(1), ''] : [];
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
    `### ${HEADLINE_ICON[gateOutcome(verdict)]} Lintel quality gate: ${gateText(verdict).toLowerCase()}`,
    '',
    ...(input.notices ?? []).map((n) => `> ⚠️ ${escapeMarkdown(truncateOnWord(n, ISSUE_MESSAGE_MAX))}`),
    ...((input.notices ?? []).length > 0 ? [''] : []),
    ...shortfallLines(verdict, analysis.skipped, limit),
    ...failing.map((c) => `- ${escapeMarkdown(c.message)}`),
    ...(failing.length > 0 ? [''] : []),
    ...(input.aiOverview
      ? [`${escapeMarkdown(input.aiOverview)} _(Overview written by AI from Lintel's findings.)_`, '']
      : []),
    `**Code health** ${healthText(analysis.health)} · **New issues** ${analysis.newFindings.length} (${severityCounts(analysis)}) · **Fixed** ${fixedText(analysis, input.fixedSinceEarlierPush ?? 0)}`,
    '',
    `**Complexity added** ${analysis.complexityAdded} · **Duplicated lines added** ${analysis.duplicatedLinesAdded} · **Secrets** ${analysis.secrets}`,
    // Said every time there are some, so a reviewer notices code that silences its own findings.
    ...(analysis.suppressed.length > 0
      ? ['', `_${suppressedText(analysis)} (\`lintel-disable\` comments)._`]
      : []),
    // Dismissed on the pull request by someone who can write to it, with a reason the Lintel panel shows.
    ...((input.dismissed ?? 0) > 0
      ? ['', `_${dismissedText(input.dismissed ?? 0)} on this pull request (reasons in the Lintel panel)._`]
      : []),
    ...issueList('New issues', analysis.newFindings, limit, issueLine(input.pullRequestUrl, 'new')),
    ...issueList('Fixed issues', analysis.fixedFindings, limit, issueLine(input.pullRequestUrl, 'old')),
  ];
  // Set aside by design (deleted, binary, ignored, generated, minified, over the size limit): the verdict stands.
  lines.push(
    ...skipList(
      'Set aside',
      analysis.skipped.filter((s) => s.kind === undefined),
      limit,
    ),
  );
  if (input.aiNotice) lines.push('', `_${escapeMarkdown(input.aiNotice)}_`);
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
