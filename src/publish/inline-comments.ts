/**
 * Inline comments for new HIGH and CRITICAL findings: at most the settings' `inlineCommentLimit` per pull request counting
 * those already there, and never twice for one fingerprint across runs (each comment carries a finding marker
 * that the shared comment listing reads back). Findings that land on the same line (a function too long and too
 * complex) share one comment carrying each one's marker, as the report shows them in one annotation. Bitbucket has
 * no bulk comment endpoint, so each comment is one POST.
 */
import { ruleExplanation, type FindingExplanation } from '../ai/finding-explanation';
import type { BitbucketApi } from '../bitbucket/api';
import { ruleById } from '../engine/rules';
import type { Finding, Severity } from '../engine/types';
import { describeFailure, worthContinuingAfter } from './failures';
import { anchorLine, uniqueBySeverity } from './finding-order';
import { AI_MARKER, findingMarker, markerKeyOf } from './markers';
import { escapeMarkdown, escapeMarkdownBlock } from './text';
import type { AppIdentity, ChangedLines, PublishTarget } from './types';

/** Codacy's cap on inline comments per pull request: past it, comments are noise (report holds the rest). */
export const INLINE_COMMENTS_PER_PR = 25;
// The settings' default (src/settings/defaults.ts) repeats this value: settings must not import the publisher.
const INLINE_SEVERITIES: ReadonlySet<Severity> = new Set<Severity>(['CRITICAL', 'HIGH']);

export interface InlineComment {
  /** The most severe finding of the comment. */
  finding: Finding;
  /** Further new findings on the same line, most severe first: the same comment names them too. */
  others: Finding[];
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
  const byPlace = new Map<string, InlineComment>();
  for (const finding of uniqueBySeverity(newFindings)) {
    if (!INLINE_SEVERITIES.has(finding.severity)) continue;
    if (already.postedFingerprints.has(markerKeyOf(finding.fingerprint))) continue;
    const line = anchorLine(finding, changedLines);
    if (line === undefined) continue;
    const place = `${line}:${finding.path}`;
    const same = byPlace.get(place);
    if (same) {
      same.others.push(finding);
    } else if (chosen.length < budget) {
      const comment = { finding, others: [], path: finding.path, line };
      chosen.push(comment);
      byPlace.set(place, comment);
    }
  }
  return chosen;
}

/** File extension → the language name a markdown fence takes, for the suggestion's highlighting. */
const FENCE_LANGUAGES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  jsx: 'jsx',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  java: 'java',
  go: 'go',
  cs: 'csharp',
  rb: 'ruby',
  php: 'php',
  rs: 'rust',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  kt: 'kotlin',
  kts: 'kotlin',
  swift: 'swift',
};

/** A fenced block the code cannot close: its fence is longer than any run of backticks in it. */
export function fencedCode(code: string, path: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const language = FENCE_LANGUAGES[path.split('.').pop()?.toLowerCase() ?? ''] ?? '';
  return `${fence}${language}\n${code}\n${fence}`;
}

function suggestionText(explanation: FindingExplanation, path: string): string[] {
  const s = explanation.suggestion;
  if (!s) return [];
  const lines = s.startLine === s.endLine ? `line ${s.startLine}` : `lines ${s.startLine}–${s.endLine}`;
  return ['', `Suggested replacement for ${lines}:`, '', fencedCode(s.code, path)];
}

export interface ExplainedFinding {
  finding: Finding;
  explanation: FindingExplanation;
}

/** One comment's text: a marker per finding, then each finding with its explanation, the most severe first. */
export function inlineCommentText(
  finding: Finding,
  explanation: FindingExplanation,
  others: readonly ExplainedFinding[] = [],
): string {
  const all = [{ finding, explanation }, ...others];
  const ai = all.some((entry) => entry.explanation.source === 'ai');
  const sections = all.flatMap((entry) => {
    const title = ruleById(entry.finding.ruleId)?.meta.title ?? entry.finding.ruleId;
    return [
      '',
      `**${entry.finding.severity} · ${escapeMarkdown(title)}**: ${escapeMarkdown(entry.finding.message)}`,
      '',
      escapeMarkdownBlock(entry.explanation.text),
      ...suggestionText(entry.explanation, entry.finding.path),
    ];
  });
  return [
    ...all.map((entry) => findingMarker(entry.finding.fingerprint)),
    // Counts the pull request's AI-written comments against the AI review's cap on later runs.
    ...(ai ? [AI_MARKER] : []),
    ...sections,
    '',
    ai
      ? '_Written by AI from the rule and the code around the finding; check it before applying._'
      : '_Lintel_',
  ].join('\n');
}

export interface InlineResult {
  posted: number;
  aiWritten: number;
  /** First failure, when some comments could not be posted. */
  failure?: string;
  /** The error behind `failure`. */
  error?: unknown;
}

export async function postInlineComments(
  api: BitbucketApi,
  target: Pick<PublishTarget, 'repo' | 'pullRequest'>,
  comments: readonly InlineComment[],
  identity: AppIdentity,
  /** The AI review's explanations by fingerprint (src/ai/review-pull-request.ts); others get the rule's text. */
  aiExplanations: ReadonlyMap<string, FindingExplanation> = new Map(),
): Promise<InlineResult> {
  const result: InlineResult = { posted: 0, aiWritten: 0 };
  const explain = (finding: Finding): FindingExplanation =>
    aiExplanations.get(finding.fingerprint) ?? ruleExplanation(finding);
  for (const comment of comments) {
    const explanation = explain(comment.finding);
    const others = comment.others.map((finding) => ({ finding, explanation: explain(finding) }));
    try {
      const created = await api.createComment(
        target.repo,
        target.pullRequest.id,
        inlineCommentText(comment.finding, explanation, others),
        { path: comment.path, to: comment.line },
      );
      result.posted += 1;
      if ([explanation, ...others.map((o) => o.explanation)].some((e) => e.source === 'ai'))
        result.aiWritten += 1;
      if (created.user?.uuid && !(await identity.get())) await identity.remember(created.user.uuid);
    } catch (error) {
      if (result.failure === undefined) {
        result.failure = describeFailure(error);
        result.error = error;
      }
      if (!worthContinuingAfter(error)) break;
    }
  }
  return result;
}
