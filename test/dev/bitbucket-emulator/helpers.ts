/** Shared set-up for the emulator tests: a real git repository in a temp dir and a running emulator. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type EmulatorPullRequest,
  type EmulatorUser,
} from '../../../dev/bitbucket-emulator';
import {
  createGitRepository,
  type FixtureCommit,
  type GitFixture,
} from '../../../dev/bitbucket-emulator/git-fixture';

export interface Harness {
  emulator: Emulator;
  fixture: GitFixture;
  user: EmulatorUser;
  pr: EmulatorPullRequest;
  repoApi: string;
  /** fetch with the user's bearer token and JSON content type. */
  call(pathOrUrl: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** main: a.txt, lib/util.ts; feature branches off and changes a.txt, adds new.md, deletes lib/util.ts; main then moves on. */
export const DEFAULT_HISTORY: FixtureCommit[] = [
  {
    branch: 'main',
    message: 'initial',
    files: { 'a.txt': 'one\ntwo\nthree\n', 'lib/util.ts': 'export const x = 1;\n' },
  },
  {
    branch: 'feature',
    from: 'main',
    message: 'feature work',
    files: { 'a.txt': 'one\nTWO\nthree\n', 'new.md': '# new\n', 'lib/util.ts': null },
  },
  {
    branch: 'main',
    message: 'main moves on',
    files: { 'main-only.txt': 'added on main after branching\n', 'a.txt': 'zero\none\ntwo\nthree\n' },
  },
];

export async function startHarness(
  history: FixtureCommit[] = DEFAULT_HISTORY,
  options: EmulatorOptions = {},
): Promise<Harness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lintel-bbemu-'));
  const fixture = await createGitRepository(path.join(dir, 'repo'), history);
  const emulator = await startEmulator(options);
  const user = emulator.addUser({
    displayName: 'Lintel App',
    uuid: '{00000000-0000-4000-8000-000000000001}',
    token: 'token-lintel',
    app: true,
  });
  emulator.addWorkspace({ slug: 'acme', uuid: '{11111111-1111-4111-8111-111111111111}' });
  emulator.addRepository({
    workspace: 'acme',
    slug: 'widgets',
    uuid: '{22222222-2222-4222-8222-222222222222}',
    gitDir: fixture.gitDir,
  });
  const pr = emulator.createPullRequest({
    workspace: 'acme',
    repo: 'widgets',
    title: 'Feature',
    sourceBranch: 'feature',
    destinationBranch: 'main',
    author: user,
  });
  const call = (pathOrUrl: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> => {
    const { json, ...rest } = init;
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${emulator.baseUrl}${pathOrUrl}`;
    return fetch(url, {
      ...rest,
      headers: {
        authorization: `Bearer ${user.token}`,
        'content-type': 'application/json',
        ...(rest.headers as Record<string, string> | undefined),
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
  return {
    emulator,
    fixture,
    user,
    pr,
    repoApi: '/2.0/repositories/acme/widgets',
    call,
    close: async () => {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
