/**
 * The panel's view of one pull request, from what Lintel stored (its run record, the trigger's queued event, the
 * dismissals) and what Bitbucket says about the pull request now (asked as the person looking). Pure: the resolver
 * reads, this decides. Every state a person can meet has its reason in words and what to do about it.
 */
import type { PullRequestFacts } from '../forge/resolvers/authorize';
import type { Dismissal } from '../pipeline/dismissal';
import { sameCommit, shortHash } from '../pipeline/commits';
import type { StoredRun } from '../pipeline/stored-run';
import { notAnalysedText } from '../gate/shortfall-text';
import type { QueuedEvent } from '../pipeline/trigger-decision';
import { diffLineUrl, pullRequestDiffUrl } from '../bitbucket/web-links';
import type { NotAnalysedReason, PanelDismissal, PanelStatus, PanelView } from './panel-view';
import type { ReadStoredRun } from './stored-run-schema';

export interface PanelFacts {
  pullRequestId: number;
  pullRequest: PullRequestFacts;
  stored: ReadStoredRun;
  queued: QueuedEvent | undefined;
  dismissals: readonly Dismissal[];
  /** The caller (Forge's accountId), to say "you" on their own dismissals. */
  accountId: string | undefined;
}

/** Both raise the pull-request event Lintel listens to; the panel adds its own button. */
const START_NOW = 'Select Re-analyse to start now, or push a commit to the source branch.';

const WHAT_TO_DO: Record<Exclude<NotAnalysedReason, 'closed'>, string> = {
  never:
    'It may have been opened before Lintel was installed, or Bitbucket has not told Lintel about it yet. ' +
    START_NOW,
  disabled:
    'A repository admin can switch "Analyse pull requests" back on in Repository settings → Lintel (or a ' +
    'project or workspace admin at their level), then select Re-analyse.',
  'branch-filtered':
    'A repository admin can add the destination branch to "Target branches" in Repository settings → Lintel, ' +
    'then select Re-analyse.',
  draft: 'Mark the pull request as ready for review: Lintel analyses it then.',
  'too-large':
    'Split the change into smaller pull requests, or ask an admin about the limits for large pull requests ' +
    '(docs/large-pull-requests.md).',
  error:
    'Select Re-analyse to try again. If it keeps failing, Repository settings → Lintel lists each attempt and why ' +
    'it ended.',
  unreadable: 'Select Re-analyse: Lintel analyses the pull request again and stores a fresh result.',
};

const SHORTFALL_WHAT_TO_DO =
  'Select Re-analyse to analyse the missed files again (a failure or time limit often passes). If they are missed ' +
  'again, the reasons above say why; Repository settings → Lintel lists each attempt.';

const STALE_WHAT_TO_DO =
  'Lintel analyses a new commit when Bitbucket reports it, usually within a few minutes. ' + START_NOW;

function notAnalysed(
  reason: NotAnalysedReason,
  message: string,
  extra: { commit?: string; at?: string; whatToDo?: string } = {},
): PanelStatus {
  return {
    state: 'not-analysed',
    reason,
    message,
    whatToDo: extra.whatToDo ?? (reason === 'closed' ? '' : WHAT_TO_DO[reason]),
    ...(extra.commit ? { commit: extra.commit } : {}),
    ...(extra.at ? { at: extra.at } : {}),
  };
}

/** Settings-driven records from before `notAnalysed` was stored name the reason in their summary only. */
function skipReasonOf(run: StoredRun): NotAnalysedReason {
  if (run.notAnalysed) return run.notAnalysed;
  if (/\bdraft\b/i.test(run.summary ?? '')) return 'draft';
  return 'branch-filtered';
}

function statusOfRun(run: StoredRun, facts: PanelFacts, dismissed: ReadonlySet<string>): PanelStatus {
  const at = run.analysedAt ? { at: run.analysedAt } : {};
  switch (run.state) {
    case 'pending':
      return {
        state: 'analysing',
        commit: run.headHash,
        queued: false,
        ...(run.summary ? { detail: run.summary } : {}),
      };
    case 'error':
      return notAnalysed('error', run.summary ?? 'Lintel could not analyse this pull request.', {
        commit: run.headHash,
        ...at,
      });
    case 'not-analysed':
      return notAnalysed(skipReasonOf(run), run.summary ?? 'Lintel does not analyse this pull request.', {
        commit: run.headHash,
        ...at,
      });
    case 'done':
      return verdictOf(run, facts, dismissed);
  }
}

function verdictOf(run: StoredRun, facts: PanelFacts, dismissed: ReadonlySet<string>): PanelStatus {
  const htmlUrl = facts.pullRequest.htmlUrl;
  const findings = (run.findings ?? [])
    .filter((f) => !(f.fingerprint && dismissed.has(f.fingerprint)))
    .map((f) => {
      const url = diffLineUrl(htmlUrl, f.path, f.line);
      return { ...f, ...(url ? { url } : {}) };
    });
  const failingConditions = run.passed ? [] : (run.reasons ?? []);
  const shortfall = run.incomplete && {
    message: notAnalysedText(run.incomplete),
    whatToDo: SHORTFALL_WHAT_TO_DO,
  };
  return {
    state: run.passed ? 'passed' : shortfall && failingConditions.length === 0 ? 'incomplete' : 'failed',
    failingConditions,
    ...(shortfall ? { shortfall } : {}),
    commit: run.headHash,
    ...(run.analysedAt ? { analysedAt: run.analysedAt } : {}),
    ...(run.health ? { health: run.health } : {}),
    newIssues: {
      total: run.newIssues ?? findings.length,
      ...(run.newBySeverity ? { bySeverity: run.newBySeverity } : {}),
    },
    fixedIssues: {
      total: run.fixedIssues ?? 0,
      ...(run.fixedBySeverity ? { bySeverity: run.fixedBySeverity } : {}),
    },
    ...(run.complexityAdded !== undefined ? { complexityAdded: run.complexityAdded } : {}),
    ...(run.duplicatedLinesAdded !== undefined ? { duplicatedLinesAdded: run.duplicatedLinesAdded } : {}),
    findings,
    dismissedAgain: run.dismissed ?? 0,
  };
}

function dismissedView(facts: PanelFacts): PanelDismissal[] {
  return facts.dismissals.map((d) => {
    const url = diffLineUrl(facts.pullRequest.htmlUrl, d.path, d.line);
    const byYou = facts.accountId !== undefined && d.accountId === facts.accountId;
    return {
      fingerprint: d.fingerprint,
      severity: d.severity,
      ruleId: d.ruleId,
      path: d.path,
      line: d.line,
      message: d.message,
      ...(url ? { url } : {}),
      reason: d.reason,
      at: d.at,
      by: byYou ? 'you' : (d.displayName ?? 'someone with write access'),
      byYou,
    };
  });
}

export function panelViewFor(facts: PanelFacts): PanelView {
  const { pullRequest, stored, queued } = facts;
  const head = pullRequest.sourceHash;
  const open = pullRequest.state === 'OPEN';
  const run = stored.found && stored.ok ? stored.run : undefined;
  const runIsForHead = run !== undefined && (head === undefined || sameCommit(run.headHash, head));
  const queuedForHead =
    !runIsForHead && head !== undefined && queued !== undefined && sameCommit(queued.sourceHash, head);
  const dismissed = new Set(facts.dismissals.map((d) => d.fingerprint));

  let status: PanelStatus;
  if (queuedForHead && open) {
    status = { state: 'analysing', commit: head, queued: true };
  } else if (run) {
    status = statusOfRun(run, facts, dismissed);
  } else if (!open) {
    const word = pullRequest.state === 'MERGED' ? 'merged' : pullRequest.state.toLowerCase();
    status = notAnalysed('closed', `This pull request is ${word}: Lintel analyses open pull requests only.`);
  } else if (stored.found && !stored.ok) {
    status = notAnalysed(
      'unreadable',
      `Lintel cannot read the result it stored for this pull request (${stored.problem}): it was written by ` +
        'another version of Lintel, or it was damaged.',
    );
  } else {
    status = notAnalysed('never', 'Lintel has not analysed this pull request yet.');
  }

  const analysedCommit = status.commit;
  const stale =
    open && head !== undefined && analysedCommit !== undefined && !sameCommit(analysedCommit, head)
      ? { analysedCommit: shortHash(analysedCommit), headCommit: shortHash(head), whatToDo: STALE_WHAT_TO_DO }
      : undefined;
  const diffUrl = pullRequestDiffUrl(pullRequest.htmlUrl);
  return {
    version: 1,
    pullRequest: {
      id: facts.pullRequestId,
      state: pullRequest.state,
      ...(head ? { headCommit: head } : {}),
      ...(diffUrl ? { diffUrl } : {}),
    },
    status,
    ...(stale ? { stale } : {}),
    dismissed: dismissedView(facts),
    canReanalyze: open,
  };
}
