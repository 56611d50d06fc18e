// Who may do what on the emulator, as Bitbucket decides it: private repositories, explicit permissions, workspace
// roles, the app user, and the caller's own permission endpoints under /2.0/user/workspaces/{workspace}.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorUser } from '../../../dev/bitbucket-emulator';
import { createGitRepository } from '../../../dev/bitbucket-emulator/git-fixture';

const WORKSPACE = '{11111111-1111-4111-8111-111111111111}';
const PRIVATE = '{22222222-2222-4222-8222-222222222222}';
const PUBLIC = '{33333333-3333-4333-8333-333333333333}';
const OTHER = '{44444444-4444-4444-8444-444444444444}';

let dir: string;
let bb: Emulator;
let app: EmulatorUser;
let owner: EmulatorUser;
let admin: EmulatorUser;
let writer: EmulatorUser;
let reader: EmulatorUser;
let stranger: EmulatorUser;
let head: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lintel-bbemu-access-'));
  const repo = await createGitRepository(path.join(dir, 'repo'), [
    { branch: 'main', message: 'initial', files: { 'a.txt': 'one\n' } },
    { branch: 'feature', from: 'main', message: 'change', files: { 'a.txt': 'two\n' } },
  ]);
  head = await repo.head('feature');
  bb = await startEmulator();
  app = bb.addUser({ displayName: 'Lintel', app: true });
  owner = bb.addUser({ displayName: 'Owner' });
  admin = bb.addUser({ displayName: 'Admin' });
  writer = bb.addUser({ displayName: 'Writer' });
  reader = bb.addUser({ displayName: 'Reader' });
  stranger = bb.addUser({ displayName: 'Stranger' });
  bb.addWorkspace({ slug: 'acme', uuid: WORKSPACE });
  bb.addRepository({ workspace: 'acme', slug: 'vault', uuid: PRIVATE, gitDir: repo.gitDir, isPrivate: true });
  bb.addRepository({ workspace: 'acme', slug: 'docs', uuid: PUBLIC, gitDir: repo.gitDir });
  bb.addRepository({ workspace: 'acme', slug: 'other', uuid: OTHER, gitDir: repo.gitDir, isPrivate: true });
  bb.setWorkspaceRole({ workspace: 'acme', user: owner, role: 'owner' });
  bb.grantRepositoryPermission({ workspace: 'acme', repo: 'vault', user: admin, permission: 'admin' });
  bb.grantRepositoryPermission({ workspace: 'acme', repo: 'other', user: admin, permission: 'read' });
  bb.grantRepositoryPermission({ workspace: 'acme', repo: 'vault', user: writer, permission: 'write' });
  bb.grantRepositoryPermission({ workspace: 'acme', repo: 'vault', user: reader, permission: 'read' });
  bb.createPullRequest({
    workspace: 'acme',
    repo: 'vault',
    title: 'x',
    sourceBranch: 'feature',
    destinationBranch: 'main',
    author: admin,
  });
});
afterAll(async () => {
  await bb?.close();
  await rm(dir, { recursive: true, force: true });
});

function call(user: EmulatorUser, p: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  return fetch(`${bb.baseUrl}${p}`, {
    ...rest,
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const NO_ACCESS = {
  type: 'error',
  error: {
    message:
      'You may not have access to this repository or it no longer exists in this workspace. If you think this ' +
      'repository exists and you have access, make sure you are authenticated.',
  },
};

describe('private repositories', () => {
  test('anyone with a permission reads the pull request; others get the 404 of a missing repository', async () => {
    expect((await call(reader, '/2.0/repositories/acme/vault/pullrequests/1')).status).toBe(200);
    expect((await call(app, `/2.0/repositories/acme/${PRIVATE}/pullrequests/1`)).status).toBe(200);
    expect(await answer(await call(stranger, '/2.0/repositories/acme/vault/pullrequests/1'))).toEqual({
      status: 404,
      body: NO_ACCESS,
    });
    // Existence does not leak: a repository that does not exist answers the same way to a stranger.
    expect((await call(stranger, '/2.0/repositories/acme/nothing-here/pullrequests/1')).status).toBe(404);
    expect((await call(owner, '/2.0/repositories/acme/vault/pullrequests/1')).status).toBe(200);
  });

  test('writing a build status needs write; readers get 403, and may still comment', async () => {
    const status = { key: 'lintel', state: 'SUCCESSFUL', url: 'https://example.com/x' };
    const path = `/2.0/repositories/acme/vault/commit/${head}/statuses/build`;
    expect(await answer(await call(reader, path, { method: 'POST', json: status }))).toEqual({
      status: 403,
      body: { type: 'error', error: { message: 'Access denied. You must have write or admin access.' } },
    });
    expect((await call(writer, path, { method: 'POST', json: status })).status).toBe(201);
    const comment = await call(reader, '/2.0/repositories/acme/vault/pullrequests/1/comments', {
      method: 'POST',
      json: { content: { raw: 'looks good' } },
    });
    expect(comment.status).toBe(201);
  });

  test('a public repository is readable by every signed-in caller, but writable only with write', async () => {
    expect((await call(stranger, '/2.0/repositories/acme/docs/commit/main')).status).toBe(200);
    const statuses = `/2.0/repositories/acme/docs/commit/${head}/statuses/build`;
    const status = { key: 'lintel', state: 'SUCCESSFUL', url: 'https://example.com/x' };
    expect((await call(stranger, statuses, { method: 'POST', json: status })).status).toBe(403);
    expect((await call(app, statuses, { method: 'POST', json: status })).status).toBe(201);
  });

  test('an app user reaches only the workspaces it is installed in, as asApp() does on Forge', async () => {
    const elsewhere = bb.addUser({ displayName: 'Lintel (other site)', app: true, installedIn: ['globex'] });
    expect((await call(elsewhere, '/2.0/repositories/acme/vault/commit/main')).status).toBe(404);
    expect((await call(app, '/2.0/repositories/acme/vault/commit/main')).status).toBe(200);
  });
});

describe('GET /2.0/user/workspaces/{workspace}/permissions/repositories', () => {
  const list = async (user: EmulatorUser, query = '') => {
    const res = await call(user, `/2.0/user/workspaces/acme/permissions/repositories${query}`);
    return answer(res);
  };
  const permissions = (body: Record<string, unknown>) =>
    (body.values as Array<{ repository: { full_name: string }; permission: string }>).map(
      (v) => `${v.repository.full_name}:${v.permission}`,
    );

  test("lists the caller's effective permission per repository it holds one on", async () => {
    expect(permissions((await list(admin)).body)).toEqual(['acme/vault:admin', 'acme/other:read']);
    expect(permissions((await list(reader)).body)).toEqual(['acme/vault:read']);
    // Owners administer every repository of the workspace, the app user too; public ones are listed only with a grant.
    expect(permissions((await list(owner)).body)).toEqual([
      'acme/vault:admin',
      'acme/docs:admin',
      'acme/other:admin',
    ]);
    expect(permissions((await list(app)).body)).toEqual([
      'acme/vault:admin',
      'acme/docs:admin',
      'acme/other:admin',
    ]);
  });

  test('entries are repository_permission objects, filtered by q on repository.uuid', async () => {
    const q = encodeURIComponent(`repository.uuid="${PRIVATE}"`);
    const { status, body } = await list(writer, `?q=${q}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      page: 1,
      size: 1,
      values: [
        {
          type: 'repository_permission',
          permission: 'write',
          user: { uuid: writer.uuid },
          repository: { type: 'repository', uuid: PRIVATE, full_name: 'acme/vault', is_private: true },
        },
      ],
    });
    expect(
      (await list(writer, `?q=${encodeURIComponent(`repository.uuid="${OTHER}"`)}`)).body.values,
    ).toEqual([]);
  });

  test('pages with next links, and rejects a q on a field the schema does not have', async () => {
    const first = await list(owner, '?pagelen=2');
    expect(first.body).toMatchObject({ size: 3, pagelen: 2 });
    const next = await answer(
      await fetch(first.body.next as string, { headers: { authorization: `Bearer ${owner.token}` } }),
    );
    expect(permissions(next.body)).toEqual(['acme/other:admin']);
    const bad = await list(owner, `?q=${encodeURIComponent('secret="x"')}`);
    expect(bad.status).toBe(400);
  });

  test('a caller outside the workspace gets 403', async () => {
    expect((await list(stranger)).status).toBe(403);
  });
});

describe('GET /2.0/user/workspaces/{workspace}/permission', () => {
  const role = async (user: EmulatorUser, workspace = 'acme') =>
    answer(await call(user, `/2.0/user/workspaces/${workspace}/permission`));

  test("answers the caller's role: owner, member through a repository permission, 403 outside", async () => {
    expect(await role(owner)).toMatchObject({
      status: 200,
      body: {
        type: 'workspace_membership',
        permission: 'owner',
        workspace: { uuid: WORKSPACE, slug: 'acme' },
      },
    });
    expect((await role(reader, encodeURIComponent(WORKSPACE))).body).toMatchObject({ permission: 'member' });
    expect(await role(stranger)).toEqual({
      status: 403,
      body: {
        type: 'error',
        error: { message: 'The requesting user does not have access to the workspace.' },
      },
    });
  });

  test('roles and grants can be taken away again', async () => {
    const temp = bb.addUser({ displayName: 'Temp' });
    bb.setWorkspaceRole({ workspace: 'acme', user: temp, role: 'owner' });
    bb.grantRepositoryPermission({ workspace: 'acme', repo: 'vault', user: temp, permission: 'read' });
    expect((await role(temp)).body.permission).toBe('owner');
    bb.setWorkspaceRole({ workspace: 'acme', user: temp, role: 'none' });
    expect((await role(temp)).body.permission).toBe('member');
    bb.grantRepositoryPermission({ workspace: 'acme', repo: 'vault', user: temp, permission: 'none' });
    expect((await role(temp)).status).toBe(403);
    expect((await call(temp, '/2.0/repositories/acme/vault/pullrequests/1')).status).toBe(404);
  });
});

test("every request here is one Bitbucket's OpenAPI document allows", () => {
  expect(bb.violations).toEqual([]);
});
