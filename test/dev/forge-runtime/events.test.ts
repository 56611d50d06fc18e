// Event factories: payloads shaped like Forge's documented Bitbucket samples (forge-platform.md §1).
import {
  mergeCheckEvent,
  pullRequestEvent,
  type ApiPullRequestLike,
} from '../../../dev/forge-runtime/events';

const FULL_SOURCE = 'cc2758d231fc0123456789abcdef0123456789ab';
const FULL_DEST = 'a37e0ad81173fedcba9876543210fedcba987654';

/** A pull request as the Bitbucket REST API returns it. */
const apiPr: ApiPullRequestLike = {
  id: 3,
  title: 'PR title',
  state: 'OPEN',
  author: {
    uuid: '{c0de26c1-c01f-4d70-a19c-dac5a7b2e531}',
    account_id: '712020:f44b',
    display_name: 'Jane Smith',
  },
  source: {
    branch: { name: 'feature/x' },
    commit: { hash: FULL_SOURCE },
    repository: { uuid: '{15a31549-1cff-45dc-9d0d-310114c5038b}', name: 'repository-slug' },
  },
  destination: {
    branch: { name: 'master' },
    commit: { hash: FULL_DEST },
    repository: { uuid: '{15a31549-1cff-45dc-9d0d-310114c5038b}', name: 'repository-slug' },
  },
  comment_count: 2,
  task_count: 1,
  created_on: '2026-05-27T06:42:44.936130+00:00',
  updated_on: '2026-06-01T03:12:16.159643+00:00',
};

test('a created event from an API pull request matches the documented sample shape', () => {
  const event = pullRequestEvent('created', {
    workspace: { uuid: '4c16a397-8e48-479c-8ca2-442e46c90570' },
    pullRequest: apiPr,
    actor: { accountId: '5ffed3379edf280075d75b20', uuid: 'cc8e193d-7603-4dfd-8771-fcc8960aa0fb' },
    timestamp: '2026-03-23T06:03:12.361017Z',
  });
  expect(event).toEqual({
    eventType: 'avi:bitbucket:created:pullrequest',
    timestamp: '2026-03-23T06:03:12.361017Z',
    selfGenerated: false,
    actor: {
      type: 'user',
      accountId: '5ffed3379edf280075d75b20',
      uuid: '{cc8e193d-7603-4dfd-8771-fcc8960aa0fb}',
    },
    repository: { uuid: '{15a31549-1cff-45dc-9d0d-310114c5038b}', slug: 'repository-slug' },
    workspace: { uuid: '{4c16a397-8e48-479c-8ca2-442e46c90570}' },
    pullrequest: {
      id: 3,
      state: 'OPEN',
      source: { branch: 'feature/x', commit: { hash: 'cc2758d231fc' } },
      destination: { branch: 'master', commit: { hash: 'a37e0ad81173' } },
      title: { value: 'PR title', truncated: false },
      author: {
        type: 'user',
        accountId: '712020:f44b',
        uuid: '{c0de26c1-c01f-4d70-a19c-dac5a7b2e531}',
        displayName: 'Jane Smith',
      },
      createdOn: '2026-05-27T06:42:44.936130+00:00',
      updatedOn: '2026-06-01T03:12:16.159643+00:00',
      commentCount: 2,
      taskCount: 1,
    },
  });
});

test('emulator-style pull requests (field by field, full hashes) are shortened to 12 characters', () => {
  const event = pullRequestEvent('rejected', {
    workspace: { uuid: '{4c16a397-8e48-479c-8ca2-442e46c90570}' },
    repository: { uuid: '{15a31549-1cff-45dc-9d0d-310114c5038b}' },
    pullRequest: {
      id: 9,
      sourceBranch: 'f',
      destinationBranch: 'main',
      sourceCommit: FULL_SOURCE,
      destinationCommit: FULL_DEST,
    },
    selfGenerated: true,
  });
  expect(event).toMatchObject({
    eventType: 'avi:bitbucket:rejected:pullrequest',
    selfGenerated: true,
    pullrequest: {
      id: 9,
      state: 'DECLINED',
      source: { commit: { hash: 'cc2758d231fc' } },
      destination: { commit: { hash: 'a37e0ad81173' } },
    },
  });
  expect(Date.parse(event.timestamp as string)).not.toBeNaN();
});

test('factories reject input that would make an impossible payload', () => {
  expect(() => pullRequestEvent('created', { pullRequest: apiPr } as never)).toThrow(
    'workspace.uuid is required',
  );
  expect(() =>
    pullRequestEvent('created', {
      workspace: { uuid: 'w' },
      repository: { uuid: 'r' },
      pullRequest: {
        id: 1,
        sourceBranch: 'a',
        destinationBranch: 'b',
        sourceCommit: 'zz',
        destinationCommit: FULL_DEST,
      },
    }),
  ).toThrow("Not a commit hash: 'zz'");
  expect(() => pullRequestEvent('merged' as never, { workspace: { uuid: 'w' }, pullRequest: apiPr })).toThrow(
    /unknown kind 'merged'/,
  );
  expect(() => mergeCheckEvent('on-merge', { workspace: { uuid: 'w' }, pullRequest: 1 })).toThrow(
    'repository.uuid is required',
  );
});

test('merge-check events carry no hashes, and mergeProperties only on merge', () => {
  const onMerge = mergeCheckEvent('on-merge', { workspace: { uuid: 'w-1' }, pullRequest: apiPr });
  expect(onMerge).toEqual({
    workspace: { uuid: '{w-1}' },
    repository: { uuid: '{15a31549-1cff-45dc-9d0d-310114c5038b}' },
    pullrequest: { id: 3 },
    trigger: { type: 'on-merge' },
    mergeProperties: {
      commitMessage: 'Merged in feature/x (pull request #3)',
      commitMessageTruncated: false,
      mergeStrategy: 'merge_commit',
      closeSourceBranch: false,
    },
  });
  const pushed = mergeCheckEvent('on-code-pushed', {
    workspace: { uuid: 'w-1' },
    repository: { uuid: 'r-1' },
    pullRequest: 3,
  });
  expect(pushed).toEqual({
    workspace: { uuid: '{w-1}' },
    repository: { uuid: '{r-1}' },
    pullrequest: { id: 3 },
    trigger: { type: 'on-code-pushed' },
  });
  expect(JSON.stringify(pushed)).not.toMatch(/hash/);
});
