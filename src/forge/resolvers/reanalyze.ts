/**
 * "Re-analyse" in the panel: queues the pull request's head through the same queue, job and pipeline as a Bitbucket
 * event (analysis-queue.ts), for people who can write to the repository — checked as the caller (`asUser()`), never
 * from an id the page sent. Two requests for the same verdict (a double click, two tabs) queue one run: each first
 * takes a claim whose key names the head and the run it would replace (storage-keys.ts, reanalysisClaimKey).
 */
import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { sameCommit, shortHash } from '../../pipeline/commits';
import { jobFor } from '../../pipeline/job';
import { queueAnalysis } from '../analysis-queue';
import { createOrReadBack, forgeStorage } from '../forge-storage';
import { queuedKey } from '../storage-keys';
import { readQueuedEvent } from '../../panel/stored-run-schema';
import { isObject } from './json-object';
import {
  readPanelView,
  reanalysisClaimKeyFor,
  storedRunOf,
  type ReadPullRequest,
  type ReanalysisClaim,
} from './panel-view-reader';
import { pullRequestWriterOf } from './pull-request-writer';
import type { ResolverRequest } from './resolver-request';
import { ResolverInputError } from './resolverError';
import type { AccessRefused, PanelActionResult } from './types';

/** Long enough to outlive the queued run (retries included); a claim only blocks requests for the run it names. */
const CLAIM_TTL = { value: 1, unit: 'DAYS' } as const;

/** The repository's project, whose settings layer the run reads: the same job a Bitbucket event would have queued. */
async function projectUuidOf(workspace: string, repositoryUuid: string): Promise<string | undefined> {
  const response = await api
    .asApp()
    .requestBitbucket(route`/2.0/repositories/${workspace}/${repositoryUuid}`, {
      headers: { Accept: 'application/json' },
    });
  if (response.status !== 200) {
    throw new ResolverInputError(
      `Lintel could not read this repository from Bitbucket (HTTP ${response.status}), so it cannot queue the ` +
        'analysis with its project settings. Try again in a minute.',
    );
  }
  const body: unknown = await response.json();
  const project = isObject(body) && isObject(body.project) ? body.project : undefined;
  return typeof project?.uuid === 'string' && project.uuid !== '' ? project.uuid : undefined;
}

export async function reanalyzePullRequest(
  request: ResolverRequest,
): Promise<PanelActionResult | AccessRefused> {
  const writer = await pullRequestWriterOf(
    request,
    (id) => `re-analyse pull request #${id}`,
    'Only a signed-in person can ask Lintel to analyse again.',
  );
  if ('access' in writer) return writer;
  return queueReanalysis(writer.workspace, writer.pr, writer.accountId);
}

async function queueReanalysis(
  workspace: string,
  pr: ReadPullRequest,
  accountId: string,
): Promise<PanelActionResult> {
  const facts = pr.pullRequest;
  const view = () => readPanelView(pr, accountId);
  const id = pr.pullRequestId;
  if (facts.state !== 'OPEN') {
    return {
      done: false,
      reason: 'closed',
      message: `Pull request #${id} is ${facts.state.toLowerCase()}: Lintel analyses open pull requests only.`,
      view: await view(),
    };
  }
  const { sourceHash: head, sourceBranch, destinationHash, destinationBranch } = facts;
  if (!head || !sourceBranch || !destinationHash || !destinationBranch) {
    throw new ResolverInputError(
      `Bitbucket did not name the commits and branches of pull request #${id}, so Lintel cannot queue it. Try again in a minute.`,
    );
  }
  const stored = await storedRunOf(pr);
  const run = stored.found && stored.ok ? stored.run : undefined;
  const runIsForHead = run !== undefined && sameCommit(run.headHash, head);
  if (runIsForHead && run.state === 'pending') {
    return {
      done: false,
      reason: 'in-progress',
      message: `Lintel is analysing ${shortHash(head)} right now; its verdict replaces this one when it is done.`,
      view: await view(),
    };
  }
  const queued = readQueuedEvent(
    await forgeStorage.run('read the queued event', () => kvs.get<unknown>(queuedKey(pr.repositoryUuid, id))),
  );
  if (!runIsForHead && queued && sameCommit(queued.sourceHash, head)) {
    return {
      done: false,
      reason: 'in-progress',
      message: `Lintel has already queued the analysis of ${shortHash(head)}.`,
      view: await view(),
    };
  }
  const mine: ReanalysisClaim = { accountId, requestedAt: new Date().toISOString() };
  const key = reanalysisClaimKeyFor(pr, run, head);
  const holder = await createOrReadBack(forgeStorage, 'the re-analysis request', key, mine, CLAIM_TTL);
  if (holder?.accountId !== mine.accountId || holder.requestedAt !== mine.requestedAt) {
    const who = holder?.accountId === accountId ? 'you' : 'someone else';
    return {
      done: false,
      reason: 'in-progress',
      message: `A re-analysis of ${shortHash(head)} was already requested by ${who}: Lintel runs it once.`,
      view: await view(),
    };
  }
  const projectUuid = await projectUuidOf(workspace, pr.repositoryUuid);
  const job = {
    ...jobFor(
      {
        kind: 'updated',
        selfGenerated: false,
        workspaceUuid: workspace,
        repositoryUuid: pr.repositoryUuid,
        pullRequestId: id,
        ...(projectUuid ? { projectUuid } : {}),
        sourceHash: head,
        sourceBranch,
        destinationHash,
        destinationBranch,
        timestamp: mine.requestedAt,
      },
      new Date(mine.requestedAt),
    ),
    reanalysis: mine,
  };
  try {
    await queueAnalysis(job);
  } catch (error) {
    // Nothing was queued: give the claim back, so the next click can try again instead of waiting a day.
    await forgeStorage.run('release the re-analysis request', () => kvs.delete(key)).catch(() => undefined);
    throw error;
  }
  console.log(`Lintel queued a re-analysis of pull request #${id} at ${shortHash(head)} for ${accountId}`);
  return {
    done: true,
    message: `Lintel will analyse ${shortHash(head)} again in a moment; this panel shows the new verdict once it is done.`,
    view: await view(),
  };
}
