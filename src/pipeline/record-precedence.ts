/**
 * Which run's word the stored record keeps when runs of one pull request overlap (docs/publishing.md, "Races"): a
 * failing or stopping run must not overwrite what a newer run recorded. A leaf, for the consumer's failure paths.
 */
import { sameCommit } from './commits';
import type { StoredRun } from './stored-run';

/**
 * Whether a run of `head` may overwrite the stored record with its failure: it is about the same head, or nothing
 * newer is there. A record for another head that is still pending, or that ended after this run's job was received,
 * belongs to a newer run. A chunk (no `receivedAt`) only ever records on its own head.
 */
export function mayRecordOver(stored: StoredRun | undefined, head: string, receivedAt?: string): boolean {
  if (!stored || stored.state === 'error' || sameCommit(stored.headHash, head)) return true;
  if (stored.state === 'pending' || receivedAt === undefined) return false;
  return Date.parse(stored.analysedAt ?? '') < Date.parse(receivedAt);
}
