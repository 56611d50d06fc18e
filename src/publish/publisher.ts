/**
 * Publishes one analysis to a pull request: Code Insights report and annotations, the summary comment, inline
 * comments, then the build status last, so the INPROGRESS status set at the start covers all of the writing
 * and the merge check flips once. Each part's failure is recorded, never thrown, so one failing part does
 * not stop the others.
 */
import { reviewPullRequest, type AiReviewResult } from '../ai/review-pull-request';
import type { BitbucketApi } from '../bitbucket/api';
import type { ChangeAnalysis } from '../engine';
import type { Finding } from '../engine/types';
import type { GateVerdict } from '../gate/types';
import type { Settings } from '../settings/types';
import { annotationsFor } from './annotations';
import { listAppComments, type AppComments } from './app-comments';
import { writeCodeInsights } from './code-insights-writer';
import { describeFailure } from './failures';
import { inlineCommentsFor, postInlineComments, type InlineComment } from './inline-comments';
import { overviewFactsOf } from './overview-facts';
import { markerKeyOf } from './markers';
import { publishPlan, skipReasons, type PublishPlan } from './publish-plan';
import { reportFor } from './report';
import { statusFor, verdictStatus, writeStatus } from './status';
import { summaryCommentFor, upsertSummaryComment } from './summary-comment';
import type { PublishOutcome, PublishPorts, PublishTarget } from './types';

type SettingsFlags = Pick<Settings, 'statusChecks' | 'annotations' | 'summaries' | 'aiComments'> &
  Partial<Pick<Settings, 'inlineCommentLimit'>>;

function emptyOutcome(plan: PublishPlan): PublishOutcome {
  return {
    published: [],
    skipped: skipReasons(plan),
    failed: [],
    annotations: { published: 0, total: 0 },
    inlineComments: { posted: 0, alreadyPosted: 0, aiWritten: 0, resolved: 0 },
    apiCalls: 0,
  };
}

async function publishCodeInsights(
  api: BitbucketApi,
  target: PublishTarget,
  analysis: ChangeAnalysis,
  verdict: GateVerdict,
  plan: PublishPlan,
  outcome: PublishOutcome,
): Promise<void> {
  const report = reportFor({
    analysis,
    verdict,
    pullRequest: target.pullRequest,
    durationMs: target.durationMs,
  });
  const annotations = plan.annotations ? annotationsFor(analysis.newFindings, target.changedLines) : [];
  outcome.annotations.total = annotations.length;
  try {
    const result = await writeCodeInsights(
      api,
      target.commitRepo ?? target.repo,
      target.commit,
      report,
      annotations,
      target.firstReportOnCommit,
    );
    outcome.annotations.published = result.annotationsPublished;
    if (result.reportUpdateFailure) {
      outcome.failed.push({
        part: 'report',
        message: `could not record "${result.annotationFailure}": ${result.reportUpdateFailure}`,
        cause: result.reportUpdateError,
      });
    } else outcome.published.push('report');
    if (result.annotationFailure)
      outcome.failed.push({
        part: 'annotations',
        message: result.annotationFailure,
        cause: result.annotationError,
      });
    else if (plan.annotations) outcome.published.push('annotations');
  } catch (error) {
    outcome.failed.push({ part: 'report', message: describeFailure(error), cause: error });
    if (plan.annotations)
      outcome.failed.push({ part: 'annotations', message: 'not published: the report could not be written' });
  }
}

async function publishComments(
  api: BitbucketApi,
  target: PublishTarget,
  analysis: ChangeAnalysis,
  verdict: GateVerdict,
  plan: PublishPlan,
  ports: PublishPorts,
  outcome: PublishOutcome,
): Promise<void> {
  let existing: AppComments;
  try {
    existing = await listAppComments(api, target, await ports.identity.get());
  } catch (error) {
    const message = `could not read the pull request's comments: ${describeFailure(error)}`;
    if (plan.summaryComment) outcome.failed.push({ part: 'summary-comment', message, cause: error });
    if (plan.inlineComments) outcome.failed.push({ part: 'inline-comments', message, cause: error });
    return;
  }
  // Only inline comments are resolved, so only when they are on do they count as fixed in the summary.
  const fixed = plan.inlineComments
    ? fixedSinceCommented(analysis, existing, target.dismissed ?? [])
    : { count: 0, toResolve: [] };
  const chosen = plan.inlineComments
    ? inlineCommentsFor(analysis.newFindings, target.changedLines, existing, plan.inlineCommentLimit)
    : [];
  // Before anything is written: the summary carries its overview and the inline comments its suggestions.
  const review = await aiReview(target, analysis, verdict, plan, ports, chosen, existing);
  if (review) outcome.ai = { ...review.stats, ...(review.notice ? { notice: review.notice } : {}) };
  if (plan.summaryComment) {
    try {
      const body = summaryCommentFor({
        analysis,
        verdict,
        commit: target.commit,
        fixedSinceEarlierPush: fixed.count,
        ...(target.notices ? { notices: target.notices } : {}),
        ...(target.dismissed ? { dismissed: target.dismissed.length } : {}),
        ...(target.pullRequest.links?.html?.href
          ? { pullRequestUrl: target.pullRequest.links.html.href }
          : {}),
        ...(review?.overview ? { aiOverview: review.overview } : {}),
        ...(review?.notice ? { aiNotice: review.notice } : {}),
      });
      outcome.summaryComment = await upsertSummaryComment(
        api,
        target,
        body,
        existing.summary,
        ports.identity,
      );
      outcome.published.push('summary-comment');
    } catch (error) {
      outcome.failed.push({ part: 'summary-comment', message: describeFailure(error), cause: error });
    }
  }
  if (plan.inlineComments) {
    outcome.inlineComments.alreadyPosted = existing.inlineCount;
    const result = await postInlineComments(api, target, chosen, ports.identity, review?.explanations);
    outcome.inlineComments.posted = result.posted;
    outcome.inlineComments.aiWritten = result.aiWritten;
    const resolved = await resolveComments(api, target, fixed.toResolve);
    outcome.inlineComments.resolved = resolved.count;
    const failure = result.failure ?? resolved.failure;
    const cause = result.failure ? result.error : resolved.error;
    if (failure) outcome.failed.push({ part: 'inline-comments', message: failure, cause });
    else outcome.published.push('inline-comments');
  }
}

/**
 * The AI review of this run (src/ai/review-pull-request.ts), when the settings ask for it and a model port is given:
 * the chosen inline comments' findings with their code windows, and the summary's facts. It never throws.
 */
async function aiReview(
  target: PublishTarget,
  analysis: ChangeAnalysis,
  verdict: GateVerdict,
  plan: PublishPlan,
  ports: PublishPorts,
  chosen: readonly InlineComment[],
  existing: AppComments,
): Promise<AiReviewResult | undefined> {
  const inline = plan.ai && chosen.length > 0;
  const overview = plan.aiOverview && plan.summaryComment;
  if (!ports.ai || (!inline && !overview)) return undefined;
  return reviewPullRequest(
    {
      findings: inline ? chosen.flatMap((c) => [c.finding, ...c.others]) : [],
      windows: target.codeWindows ?? new Map(),
      alreadyReviewed: existing.aiCount ?? 0,
      ...(overview ? { overview: overviewFactsOf(analysis, verdict) } : {}),
    },
    ports.ai,
  );
}

/**
 * Lintel's inline comments whose finding this head no longer has: fixed by a later push (or changed enough that its
 * fingerprint did). Each such finding counts as fixed; a comment still open is resolved once none of the findings it
 * names is left. A file this run did not analyse proves nothing, so its comments are left alone.
 */
function fixedSinceCommented(
  analysis: ChangeAnalysis,
  existing: AppComments,
  dismissed: readonly Finding[],
): { count: number; toResolve: number[] } {
  // A dismissed finding is still in the code: its comment stays as it is and nothing counts it as fixed.
  const stillThere = new Set([...analysis.newFindings, ...dismissed].map((f) => markerKeyOf(f.fingerprint)));
  const unread = new Set(analysis.skipped.map((s) => s.path));
  // A comment naming several findings stays open while any of them is still there.
  const stillDiscussed = new Set<number>();
  for (const [fingerprint, comment] of existing.inlineByFingerprint) {
    if (stillThere.has(fingerprint)) stillDiscussed.add(comment.id);
  }
  let count = 0;
  const toResolve = new Set<number>();
  for (const [fingerprint, comment] of existing.inlineByFingerprint) {
    if (stillThere.has(fingerprint) || unread.has(comment.path)) continue;
    count += 1;
    if (!comment.resolved && !stillDiscussed.has(comment.id)) toResolve.add(comment.id);
  }
  return { count, toResolve: [...toResolve] };
}

/** Resolves those comments, so the conversation shows them dealt with, as a reviewer would. One request each. */
async function resolveComments(
  api: BitbucketApi,
  target: PublishTarget,
  ids: readonly number[],
): Promise<{ count: number; failure?: string; error?: unknown }> {
  let count = 0;
  for (const id of ids) {
    try {
      await api.resolveComment(target.repo, target.pullRequest.id, id);
      count += 1;
    } catch (error) {
      return {
        count,
        failure: `could not resolve the comment of a fixed finding: ${describeFailure(error)}`,
        error,
      };
    }
  }
  return { count };
}

export async function publishResults(
  api: BitbucketApi,
  target: PublishTarget,
  analysis: ChangeAnalysis,
  verdict: GateVerdict,
  settings: SettingsFlags,
  ports: PublishPorts,
): Promise<PublishOutcome> {
  const callsBefore = api.client.calls;
  const plan = publishPlan(settings);
  const outcome = emptyOutcome(plan);
  if (plan.report) await publishCodeInsights(api, target, analysis, verdict, plan, outcome);
  if (plan.summaryComment || plan.inlineComments) {
    await publishComments(api, target, analysis, verdict, plan, ports, outcome);
  }
  if (plan.status) {
    try {
      const status = verdictStatus(target.pullRequest, verdict, analysis);
      await writeStatus(api, { repo: target.commitRepo ?? target.repo, commit: target.commit }, status);
      outcome.published.push('status');
    } catch (error) {
      outcome.failed.push({ part: 'status', message: describeFailure(error), cause: error });
    }
  }
  outcome.apiCalls = api.client.calls - callsBefore;
  return outcome;
}

type StatusTarget = Pick<PublishTarget, 'repo' | 'pullRequest' | 'commit'>;

async function publishStatusOnly(
  api: BitbucketApi,
  target: StatusTarget,
  settings: SettingsFlags | undefined,
  status: Parameters<typeof writeStatus>[2],
): Promise<PublishOutcome> {
  const callsBefore = api.client.calls;
  const plan = publishPlan(
    settings ?? { statusChecks: true, annotations: false, summaries: false, aiComments: false },
  );
  const outcome = emptyOutcome(plan);
  outcome.skipped = outcome.skipped.filter((s) => s.part === 'status');
  if (plan.status) {
    try {
      await writeStatus(api, target, status);
      outcome.published.push('status');
    } catch (error) {
      outcome.failed.push({ part: 'status', message: describeFailure(error), cause: error });
    }
  }
  outcome.apiCalls = api.client.calls - callsBefore;
  return outcome;
}

/** INPROGRESS on the stable key when analysis starts; it blocks merging until the verdict replaces it. */
export function publishInProgress(
  api: BitbucketApi,
  target: StatusTarget,
  settings?: SettingsFlags,
): Promise<PublishOutcome> {
  return publishStatusOnly(
    api,
    target,
    settings,
    statusFor(target.pullRequest, 'INPROGRESS', 'Lintel is analysing this pull request.'),
  );
}

/**
 * For the pipeline's unrecoverable errors: STOPPED with the reason, replacing INPROGRESS so the pull request
 * does not wait forever. Without settings (they may be what failed to load) the status is still written.
 */
export function publishFailure(
  api: BitbucketApi,
  target: StatusTarget,
  reason: string,
  settings?: SettingsFlags,
): Promise<PublishOutcome> {
  return publishStatusOnly(
    api,
    target,
    settings,
    statusFor(target.pullRequest, 'STOPPED', `Lintel could not analyse this pull request: ${reason}`),
  );
}
