/**
 * Which repository a pull request's head lives in, read from the pull request as Bitbucket returns it, and the
 * fork as queued chunk jobs carry it. The end-to-end behaviour is in test/integration/fork-pull-request.test.ts.
 */
import type { PullRequestInfo } from '../../src/bitbucket/models';
import { sourceRepositoryOf } from '../../src/pipeline/head-repository';
import { parseQueuedJob } from '../../src/pipeline/job';

const DEST = { uuid: '{22222222-2222-4222-8222-222222222222}', full_name: 'acme/widgets', name: 'widgets' };

const pullRequest = (source: PullRequestInfo['source']['repository']): PullRequestInfo => ({
  id: 7,
  title: 't',
  state: 'OPEN',
  source: { branch: { name: 'fix' }, commit: { hash: 'a1b2c3d4e5f6' }, repository: source },
  destination: { branch: { name: 'main' }, commit: { hash: '0f0f0f0f0f0f' }, repository: DEST },
});

describe('sourceRepositoryOf', () => {
  it('is the destination itself when the uuids agree, in any letter case', () => {
    expect(sourceRepositoryOf(pullRequest({ ...DEST, uuid: DEST.uuid.toUpperCase() }))).toEqual({
      kind: 'same',
    });
  });

  it('is the fork, addressed by the slugs of its full name', () => {
    const fork = { uuid: '{33333333-3333-4333-8333-333333333333}', full_name: 'contrib/widgets-fork' };
    expect(sourceRepositoryOf(pullRequest(fork))).toEqual({
      kind: 'fork',
      repo: { workspace: 'contrib', repository: 'widgets-fork' },
      fullName: 'contrib/widgets-fork',
    });
  });

  it('is gone when Bitbucket names no repository, or one it cannot be addressed by', () => {
    expect(sourceRepositoryOf(pullRequest(null))).toEqual({ kind: 'gone' });
    expect(sourceRepositoryOf(pullRequest({ uuid: '{3}' }))).toEqual({ kind: 'gone' });
  });
});

describe('a queued chunk job from a fork', () => {
  const job = (fork: unknown) => ({
    version: 1,
    kind: 'chunk',
    workspaceUuid: '{w}',
    repositoryUuid: '{r}',
    pullRequestId: 4,
    headHash: 'a'.repeat(40),
    sourceBranch: 'fix',
    destinationHash: 'bbbbbbbbbbbb',
    destinationBranch: 'main',
    fork,
    chunk: { index: 0, count: 1, files: [{ path: 'a.ts' }] },
    startedAt: '2026-01-01T00:00:00Z',
  });

  it('keeps the fork it names', () => {
    expect(parseQueuedJob(job({ workspace: 'contrib', repository: 'widgets-fork' }))).toMatchObject({
      ok: true,
      value: { fork: { workspace: 'contrib', repository: 'widgets-fork' } },
    });
  });

  it('refuses a fork without both names, saying what it must be', () => {
    expect(parseQueuedJob(job({ workspace: 'contrib' }))).toEqual({
      ok: false,
      error: "the queued chunk job's fork must be { workspace, repository } with non-empty names",
    });
    expect(parseQueuedJob(job('contrib/widgets-fork'))).toMatchObject({ ok: false });
  });
});
