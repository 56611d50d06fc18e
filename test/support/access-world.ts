/**
 * A workspace with people of every access level, for the tests of who may see what: the Bitbucket emulator (private
 * repositories, explicit permissions, workspace roles) and the Forge runtime over the real app, whose `asUser()`
 * calls carry each person's own token. Nothing is mocked.
 *
 *   project core (private): widgets  (private)  pull requests #1…#9   owner (workspace owner), admin, writer, reader,
 *                                                                     projectAdmin (admin of core: admin on widgets)
 *   project ops  (private): secrets  (private)  pull request  #1      owner only
 *   newcomer: admin on widgets, but has not yet allowed Lintel to act as them (no token: NeedsAuthenticationError)
 *   outsider: signed in, no role and no permission
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startEmulator,
  type Emulator,
  type EmulatorPullRequest,
  type EmulatorUser,
} from '../../dev/bitbucket-emulator';
import { createGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import { addBitbucketUser, createForgeRuntime, type ForgeRuntime } from '../../dev/forge-runtime';
import { bundledFunctionsDir } from './forge-app';

export const APP_ROOT = path.resolve(__dirname, '../..');
export const WORKSPACE_UUID = '{4c16a397-8e48-479c-8ca2-442e46c90570}';
export const WIDGETS_UUID = '{15a31549-1cff-45dc-9d0d-310114c5038b}';
export const SECRETS_UUID = '{0f4e2b8c-9a51-4d3e-8c7a-2b6d1e9f3a40}';
/** Project `core` (key CORE), holding widgets; the UUID of Forge's documented event sample. */
export const CORE_PROJECT_UUID = '{1860e69a-65c1-4ac2-8ab0-cbd2868e7573}';
/** Project `ops` (key OPS), holding secrets. */
export const OPS_PROJECT_UUID = '{6b2f0c1e-3d4a-4e5b-9c6d-7e8f9a0b1c2d}';
export const OWNER_ACCOUNT = '712020:f44b4850-c6f6-54ce-9722-b800af117eb4';
export const WIDGETS_PULL_REQUESTS = 9;

export type Person = 'owner' | 'admin' | 'projectAdmin' | 'writer' | 'reader' | 'outsider' | 'newcomer';

export interface AccessWorld {
  emulator: Emulator;
  runtime: ForgeRuntime;
  people: Record<Person, EmulatorUser>;
  /** The repository `secrets`' only pull request, which nobody but the owner may read. */
  secretPullRequest: EmulatorPullRequest;
  /** The token Bitbucket knows a person by, for a consent given later (`runtime.setUserToken`). */
  tokenOf(accountId: string): string;
  stop(): Promise<void>;
}

/** `appRoot`: the app whose handlers run (default: Lintel itself). */
export async function startAccessWorld(options: { appRoot?: string } = {}): Promise<AccessWorld> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lintel-access-'));
  const repo = await createGitRepository(path.join(dir, 'repo'), [
    { branch: 'main', message: 'initial', files: { 'src/a.ts': 'export const a = 1;\n' } },
    { branch: 'feature', from: 'main', message: 'change', files: { 'src/a.ts': 'export const a = 2;\n' } },
  ]);
  const emulator = await startEmulator();
  const app = emulator.addUser({ displayName: 'Lintel', app: true });
  emulator.addWorkspace({ slug: 'acme', uuid: WORKSPACE_UUID });
  emulator.addProject({
    workspace: 'acme',
    key: 'CORE',
    name: 'core',
    uuid: CORE_PROJECT_UUID,
    isPrivate: true,
  });
  emulator.addProject({
    workspace: 'acme',
    key: 'OPS',
    name: 'ops',
    uuid: OPS_PROJECT_UUID,
    isPrivate: true,
  });
  emulator.addRepository({
    workspace: 'acme',
    slug: 'widgets',
    uuid: WIDGETS_UUID,
    gitDir: repo.gitDir,
    isPrivate: true,
    project: 'CORE',
  });
  emulator.addRepository({
    workspace: 'acme',
    slug: 'secrets',
    uuid: SECRETS_UUID,
    gitDir: repo.gitDir,
    isPrivate: true,
    project: 'OPS',
  });
  const runtime = createForgeRuntime({
    appRoot: options.appRoot ?? APP_ROOT,
    // Lintel's own resolvers run as `forge deploy` ships them; a fixture app (options.appRoot) runs from its sources.
    ...(options.appRoot ? {} : { functionsDir: bundledFunctionsDir() }),
    bitbucket: { baseUrl: emulator.baseUrl, appToken: app.token },
    installationContext: { workspaceId: WORKSPACE_UUID },
  });
  runtime.install();
  const person = (displayName: string, spec: Omit<Parameters<typeof addBitbucketUser>[2], 'displayName'>) =>
    addBitbucketUser(emulator, runtime, { displayName, ...spec });
  const people: Record<Person, EmulatorUser> = {
    owner: person('Olga Owner', { workspace: 'acme', role: 'owner', accountId: OWNER_ACCOUNT }),
    admin: person('Ada Admin', { workspace: 'acme', role: 'member', repositories: { widgets: 'admin' } }),
    // Admin of project core only: no repository grant, so widgets' admin comes from the project.
    projectAdmin: person('Pia Project-Admin', {
      workspace: 'acme',
      role: 'member',
      projects: { CORE: 'admin' },
    }),
    writer: person('Wes Writer', { workspace: 'acme', role: 'member', repositories: { widgets: 'write' } }),
    reader: person('Rae Reader', { workspace: 'acme', role: 'member', repositories: { widgets: 'read' } }),
    outsider: person('Otto Outsider', { workspace: 'acme' }),
    newcomer: person('Nia Newcomer', {
      workspace: 'acme',
      role: 'member',
      repositories: { widgets: 'admin' },
      consented: false,
    }),
  };
  const pullRequest = (repoSlug: string) =>
    emulator.createPullRequest({
      workspace: 'acme',
      repo: repoSlug,
      title: 'Change a',
      sourceBranch: 'feature',
      destinationBranch: 'main',
      author: people.owner,
    });
  // Pages and tests address pull requests #1…#9 of widgets; ids are sequential per repository.
  for (let i = 0; i < WIDGETS_PULL_REQUESTS; i++) pullRequest('widgets');
  const secretPullRequest = pullRequest('secrets');
  const tokens = new Map(Object.values(people).map((user) => [user.accountId, user.token]));
  return {
    emulator,
    runtime,
    people,
    secretPullRequest,
    tokenOf: (accountId) => {
      const token = tokens.get(accountId);
      if (!token) throw new Error(`no person with account ${accountId} in the access world`);
      return token;
    },
    async stop() {
      runtime.uninstall();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
