/**
 * Trigger for Bitbucket pull-request events. It must return well within the 25 s trigger budget, so it only checks
 * the event against storage and hands an analysis job to the queue; the consumer does the work.
 */
import { kvs } from '@forge/kvs';
import { parsePullRequestEvent } from '../pipeline/events';
import { jobFor } from '../pipeline/job';
import { decideOnEvent, type QueuedEvent } from '../pipeline/trigger-decision';
import type { StoredRun } from '../pipeline/types';
import { forgeStorage } from './ports';
import { queueAnalysis } from './analysis-queue';
import { chunkPlanKey, gateKey, queuedKey } from './storage-keys';

export type TriggerOutcome = { action: 'queued' | 'ignored' | 'cleaned-up' | 'rejected'; reason: string };

export async function onPrEvent(event: unknown): Promise<TriggerOutcome> {
  const parsed = parsePullRequestEvent(event);
  if (!parsed.ok) {
    console.error(`Lintel ignored an event it cannot use: ${parsed.error}`);
    return { action: 'rejected', reason: parsed.error };
  }
  const pr = parsed.value;
  const label = `pull request #${pr.pullRequestId} in repository ${pr.repositoryUuid}`;
  // Lintel's own comments and statuses raise events too; reacting to them would loop.
  if (pr.selfGenerated) return { action: 'ignored', reason: `self-generated event for ${label}` };

  if (pr.kind === 'fulfilled' || pr.kind === 'rejected') {
    await forgeStorage.run(`clear the state of ${label}`, () =>
      kvs
        .transact()
        .delete(gateKey(pr.repositoryUuid, pr.pullRequestId))
        .delete(queuedKey(pr.repositoryUuid, pr.pullRequestId))
        // A chunked run still in flight finds no plan and stops; its result keys expire with their TTL.
        .delete(chunkPlanKey(pr.repositoryUuid, pr.pullRequestId))
        .execute(),
    );
    console.log(`Lintel cleared its state for ${label} (${pr.kind})`);
    return {
      action: 'cleaned-up',
      reason: `${label} was ${pr.kind === 'fulfilled' ? 'merged' : 'declined'}`,
    };
  }

  const [stored, lastQueued] = await Promise.all([
    forgeStorage.run(`read the stored run of ${label}`, () =>
      kvs.get<StoredRun>(gateKey(pr.repositoryUuid, pr.pullRequestId)),
    ),
    forgeStorage.run(`read the last queued event of ${label}`, () =>
      kvs.get<QueuedEvent>(queuedKey(pr.repositoryUuid, pr.pullRequestId)),
    ),
  ]);
  const decision = decideOnEvent(pr, stored, lastQueued);
  if (!decision.queue) {
    console.log(`Lintel skipped an event for ${label}: ${decision.reason}`);
    return { action: 'ignored', reason: decision.reason };
  }
  // One analysis per pull request at a time: a newer push waits instead of racing the older run.
  await queueAnalysis(jobFor(pr, new Date()));
  await forgeStorage.run(`record the queued event of ${label}`, () =>
    kvs.set(queuedKey(pr.repositoryUuid, pr.pullRequestId), {
      sourceHash: pr.sourceHash,
      timestamp: pr.timestamp,
    } satisfies QueuedEvent),
  );
  console.log(`Lintel queued analysis of ${label} at ${pr.sourceHash}`);
  return { action: 'queued', reason: `${label} at ${pr.sourceHash}` };
}
