/**
 * Reads what Lintel stored about one pull request (its run, the trigger's queued event, a pending "Re-analyse"
 * request, the dismissals) and turns it into the panel's view model, checked against its schema. Called only after
 * the caller's access was proven (authorize.ts); the pull request's facts are what Bitbucket answered that check.
 */
import { kvs } from '@forge/kvs';
import { sameCommit, shortHash } from '../../pipeline/commits';
import type { StoredRun } from '../../pipeline/stored-run';
import { panelViewFor, type PanelFacts } from '../../panel/panel-view-for';
import { panelViewSchema, type PanelView } from '../../panel/panel-view';
import { readQueuedEvent, readStoredRun } from '../../panel/stored-run-schema';
import { kvsDismissalStore } from '../dismissal-store';
import { forgeStorage } from '../forge-storage';
import { gateKey, queuedKey, reanalysisClaimKey } from '../storage-keys';
import type { PullRequestFacts, ReadablePullRequest } from './authorize';

export type ReadPullRequest = ReadablePullRequest & { pullRequest: PullRequestFacts };

/** What a "Re-analyse" request records (reanalyze.ts): who asked, and when. */
export interface ReanalysisClaim {
  accountId: string;
  requestedAt: string;
}

/**
 * Which stored run a re-analysis would replace: the head and when its run ended. Two requests that see the same
 * run name the same claim key; once the requested run ends, the next request names a new one.
 */
export function reanalysisGeneration(run: StoredRun | undefined, head: string): string {
  if (!run || !sameCommit(run.headHash, head)) return 'none';
  const ended = run.analysedAt ? Date.parse(run.analysedAt) : Number.NaN;
  return Number.isNaN(ended) ? run.state : String(ended);
}

export function reanalysisClaimKeyFor(pr: ReadPullRequest, run: StoredRun | undefined, head: string): string {
  return reanalysisClaimKey(
    pr.repositoryUuid,
    pr.pullRequestId,
    shortHash(head),
    reanalysisGeneration(run, head),
  );
}

/** The stored run as the panel reads it; `undefined` when there is none or it is unreadable. */
export async function storedRunOf(pr: ReadablePullRequest): Promise<ReturnType<typeof readStoredRun>> {
  const key = gateKey(pr.repositoryUuid, pr.pullRequestId);
  return readStoredRun(await forgeStorage.run('read the stored verdict', () => kvs.get<unknown>(key)));
}

export async function readPanelView(pr: ReadPullRequest, accountId: string | undefined): Promise<PanelView> {
  const { repositoryUuid, pullRequestId } = pr;
  const [stored, queuedValue, dismissals] = await Promise.all([
    storedRunOf(pr),
    forgeStorage.run('read the queued event', () =>
      kvs.get<unknown>(queuedKey(repositoryUuid, pullRequestId)),
    ),
    kvsDismissalStore.list(repositoryUuid, pullRequestId),
  ]);
  const head = pr.pullRequest.sourceHash;
  const run = stored.found && stored.ok ? stored.run : undefined;
  // A "Re-analyse" that no run has answered yet shows as queued, in every tab, until the run starts.
  const runningOnHead = head && run && sameCommit(run.headHash, head) && run.state === 'pending';
  if (head && pr.pullRequest.state === 'OPEN' && !runningOnHead) {
    const claimKey = reanalysisClaimKeyFor(pr, run, head);
    const claim = await forgeStorage.run('read the re-analysis request', () =>
      kvs.get<ReanalysisClaim>(claimKey),
    );
    if (claim) return checked(factsOf(pr, accountId, stored, undefined, dismissals), head);
  }
  return checked(factsOf(pr, accountId, stored, readQueuedEvent(queuedValue), dismissals));
}

function factsOf(
  pr: ReadPullRequest,
  accountId: string | undefined,
  stored: PanelFacts['stored'],
  queued: PanelFacts['queued'],
  dismissals: PanelFacts['dismissals'],
): PanelFacts {
  return {
    pullRequestId: pr.pullRequestId,
    pullRequest: pr.pullRequest,
    stored,
    queued,
    dismissals,
    accountId,
  };
}

/**
 * The view, validated. `requestedHead`: a re-analysis of that head is waiting, so the panel says so instead of the
 * verdict it will replace. A view that fails its own schema is a bug: the panel then says so in words.
 */
function checked(facts: PanelFacts, requestedHead?: string): PanelView {
  const view = panelViewFor(facts);
  if (requestedHead) view.status = { state: 'analysing', commit: requestedHead, queued: true };
  const parsed = panelViewSchema.safeParse(view);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0];
  console.error(
    `Lintel built a panel view it cannot show (${problem?.path.join('.') ?? 'view'}: ${problem?.message ?? '?'})`,
  );
  return panelViewSchema.parse(
    panelViewFor({
      ...facts,
      stored: { found: true, ok: false, problem: 'the panel could not show it' },
      queued: undefined,
      dismissals: [],
    }),
  );
}
