/** The trigger's decisions, from stored state alone (the merge check's: merge-verdict.test.ts). */
import type { PullRequestEvent } from '../../src/pipeline/events';
import { sameCommit } from '../../src/pipeline/commits';
import { decideOnEvent } from '../../src/pipeline/trigger-decision';

const FULL = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const event = (sourceHash: string, timestamp = '2026-11-22T10:00:00Z'): PullRequestEvent => ({
  kind: 'updated',
  selfGenerated: false,
  workspaceUuid: '{w}',
  repositoryUuid: '{r}',
  pullRequestId: 3,
  sourceHash,
  sourceBranch: 'f',
  destinationHash: 'bbbbbbbbbbbb',
  destinationBranch: 'main',
  timestamp,
});

describe('sameCommit', () => {
  it('matches abbreviations of one commit and refuses too-short or different ones', () => {
    expect(sameCommit(FULL, FULL.slice(0, 12))).toBe(true);
    expect(sameCommit(FULL.slice(0, 7), FULL)).toBe(true);
    expect(sameCommit(FULL.slice(0, 6), FULL)).toBe(false);
    expect(sameCommit('ffffffffffff', FULL)).toBe(false);
  });
});

describe('decideOnEvent', () => {
  it('queues a new head', () => {
    expect(decideOnEvent(event('cccccccccccc'), { state: 'done', headHash: FULL }, undefined)).toEqual({
      queue: true,
    });
  });

  it('drops a head that was already analysed (redelivered or duplicated event)', () => {
    expect(
      decideOnEvent(event(FULL.slice(0, 12)), { state: 'done', headHash: FULL }, undefined),
    ).toMatchObject({
      queue: false,
      reason: expect.stringContaining('already analysed'),
    });
  });

  it('drops a head already queued, unless its last run failed', () => {
    const queued = { sourceHash: FULL.slice(0, 12), timestamp: '2026-11-22T10:00:00Z' };
    expect(decideOnEvent(event(FULL.slice(0, 12)), { state: 'pending', headHash: FULL }, queued).queue).toBe(
      false,
    );
    expect(decideOnEvent(event(FULL.slice(0, 12)), { state: 'error', headHash: FULL }, queued).queue).toBe(
      true,
    );
  });

  it('drops an older event that arrives after a newer one for another commit', () => {
    const queued = { sourceHash: 'dddddddddddd', timestamp: '2026-11-22T10:05:00Z' };
    expect(decideOnEvent(event('cccccccccccc', '2026-11-22T10:01:00Z'), undefined, queued)).toMatchObject({
      queue: false,
      reason: expect.stringContaining('superseded'),
    });
  });
});
