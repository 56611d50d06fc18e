// Projects on the emulator, as Bitbucket has them: every repository in exactly one, the project resource by key or
// UUID, explicit project permissions (listed only to project admins) that apply to every repository of the project.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorUser } from '../../../dev/bitbucket-emulator';
import { createGitRepository, type GitFixture } from '../../../dev/bitbucket-emulator/git-fixture';

const CORE = '{1860e69a-65c1-4ac2-8ab0-cbd2868e7573}';
const OPEN = '{2a7c4e1b-5d3f-4a6b-8c9d-0e1f2a3b4c5d}';
const WIDGETS = '{15a31549-1cff-45dc-9d0d-310114c5038b}';

let dir: string;
let fixture: GitFixture;
let bb: Emulator;
let owner: EmulatorUser;
let projectAdmin: EmulatorUser;
let projectWriter: EmulatorUser;
let creator: EmulatorUser;
let repositoryAdmin: EmulatorUser;
let widgetsReader: EmulatorUser;
let stranger: EmulatorUser;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lintel-bbemu-projects-'));
  fixture = await createGitRepository(path.join(dir, 'repo'), [
    { branch: 'main', message: 'initial', files: { 'a.txt': 'one\n' } },
  ]);
  bb = await startEmulator();
  owner = bb.addUser({ displayName: 'Owner' });
  projectAdmin = bb.addUser({ displayName: 'Project Admin' });
  projectWriter = bb.addUser({ displayName: 'Project Writer' });
  creator = bb.addUser({ displayName: 'Repository Creator' });
  repositoryAdmin = bb.addUser({ displayName: 'Repository Admin' });
  widgetsReader = bb.addUser({ displayName: 'Widgets Reader' });
  stranger = bb.addUser({ displayName: 'Stranger' });
  bb.addWorkspace({ slug: 'acme' });
  // The first repository of a workspace without projects creates its default project.
  bb.addRepository({ workspace: 'acme', slug: 'first', gitDir: fixture.gitDir });
  bb.addProject({ workspace: 'acme', key: 'CORE', name: 'Core', uuid: CORE, isPrivate: true });
  bb.addProject({ workspace: 'acme', key: 'OPEN', name: 'Open source', uuid: OPEN });
  const repo = (slug: string, project: string, uuid?: string) =>
    bb.addRepository({
      workspace: 'acme',
      slug,
      gitDir: fixture.gitDir,
      isPrivate: true,
      project,
      ...(uuid ? { uuid } : {}),
    });
  repo('widgets', 'CORE', WIDGETS);
  repo('gadgets', CORE);
  repo('tools', 'OPEN');
  bb.setWorkspaceRole({ workspace: 'acme', user: owner, role: 'owner' });
  bb.grantProjectPermission({ workspace: 'acme', project: 'CORE', user: projectAdmin, permission: 'admin' });
  bb.grantProjectPermission({ workspace: 'acme', project: CORE, user: projectWriter, permission: 'write' });
  bb.grantProjectPermission({ workspace: 'acme', project: 'CORE', user: creator, permission: 'create-repo' });
  bb.grantRepositoryPermission({
    workspace: 'acme',
    repo: 'widgets',
    user: repositoryAdmin,
    permission: 'admin',
  });
  bb.grantRepositoryPermission({
    workspace: 'acme',
    repo: 'widgets',
    user: widgetsReader,
    permission: 'read',
  });
});
afterAll(async () => {
  await bb?.close();
  await rm(dir, { recursive: true, force: true });
});

async function get(user: EmulatorUser, p: string) {
  const response = await fetch(p.startsWith('http') ? p : `${bb.baseUrl}${p}`, {
    headers: { authorization: `Bearer ${user.token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const permissionsOf = (user: EmulatorUser, project: string, query = '') =>
  get(user, `/2.0/workspaces/acme/projects/${encodeURIComponent(project)}/permissions-config/users${query}`);

const HIDDEN = {
  status: 404,
  body: {
    type: 'error',
    error: { message: 'You may not have access to this project or it no longer exists in this workspace.' },
  },
};

describe('every repository belongs to one project', () => {
  test("the repository resource names its project; a repository added without one joins the workspace's oldest", async () => {
    const first = await get(owner, '/2.0/repositories/acme/first');
    expect(first.status).toBe(200);
    expect(first.body.project).toEqual({
      type: 'project',
      key: 'PROJ',
      uuid: expect.stringMatching(/^\{[0-9a-f-]{36}\}$/),
      name: 'Untitled project',
      links: {
        html: { href: 'https://bitbucket.org/acme/workspace/projects/PROJ' },
        avatar: { href: expect.stringContaining('/projects/PROJ/avatar/') },
      },
    });
    bb.addRepository({ workspace: 'acme', slug: 'later', gitDir: fixture.gitDir });
    const later = await get(owner, '/2.0/repositories/acme/later');
    expect((later.body.project as { key: string }).key).toBe('PROJ');
    const widgets = await get(owner, `/2.0/repositories/acme/${WIDGETS}`);
    expect(widgets.body).toMatchObject({
      type: 'repository',
      uuid: WIDGETS,
      full_name: 'acme/widgets',
      is_private: true,
      mainbranch: { type: 'branch', name: 'main' },
      project: { type: 'project', key: 'CORE', uuid: CORE, name: 'Core' },
      workspace: { type: 'workspace', slug: 'acme' },
    });
  });

  test('a repository naming a project that does not exist, or public in a private project, is refused', () => {
    expect(() =>
      bb.addRepository({ workspace: 'acme', slug: 'lost', gitDir: fixture.gitDir, project: 'NOPE' }),
    ).toThrow('acme has no project "NOPE"; call addProject first');
    expect(() =>
      bb.addRepository({ workspace: 'acme', slug: 'leaky', gitDir: fixture.gitDir, project: 'CORE' }),
    ).toThrow('private projects cannot contain public repositories; pass isPrivate: true');
    expect(() => bb.addProject({ workspace: 'acme', key: '9LIVES' })).toThrow('invalid project key "9LIVES"');
    expect(() => bb.addProject({ workspace: 'acme', key: 'core' })).toThrow(
      'acme already has a project with key "CORE"',
    );
    expect(() =>
      bb.grantProjectPermission({ workspace: 'acme', project: 'NOPE', user: stranger, permission: 'read' }),
    ).toThrow('unknown project "NOPE"');
  });

  test('a rejected repository is not half-added', async () => {
    expect((await get(owner, '/2.0/repositories/acme/leaky')).status).toBe(404);
    expect((await get(owner, '/2.0/repositories/acme/lost')).status).toBe(404);
  });
});

describe('GET /2.0/workspaces/{workspace}/projects/{project_key}', () => {
  test('answers by key and by brace-wrapped UUID, not by a bare UUID', async () => {
    const byKey = await get(projectAdmin, '/2.0/workspaces/acme/projects/CORE');
    expect(byKey).toMatchObject({
      status: 200,
      body: {
        type: 'project',
        key: 'CORE',
        uuid: CORE,
        name: 'Core',
        is_private: true,
        has_publicly_visible_repos: false,
      },
    });
    expect(await get(projectAdmin, `/2.0/workspaces/acme/projects/${encodeURIComponent(CORE)}`)).toEqual(
      byKey,
    );
    expect((await get(owner, `/2.0/workspaces/acme/projects/${CORE.slice(1, -1)}`)).status).toBe(404);
  });

  test('a private project is visible to people with access to it or to one of its repositories', async () => {
    expect((await get(widgetsReader, '/2.0/workspaces/acme/projects/CORE')).status).toBe(200);
    expect((await get(projectWriter, '/2.0/workspaces/acme/projects/CORE')).status).toBe(200);
    // Nobody else learns it exists: the same 404 as a project that does not.
    expect(await get(stranger, '/2.0/workspaces/acme/projects/CORE')).toEqual(HIDDEN);
    expect(await get(stranger, '/2.0/workspaces/acme/projects/NOPE')).toEqual(HIDDEN);
    expect((await get(stranger, '/2.0/workspaces/acme/projects/OPEN')).status).toBe(200);
  });
});

describe('GET …/projects/{project_key}/permissions-config/users', () => {
  test("lists the project's explicit user permissions to a workspace owner and to the project's admins", async () => {
    const listed = await permissionsOf(owner, 'CORE');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ page: 1, pagelen: 10, size: 3 });
    const values = listed.body.values as Array<Record<string, unknown>>;
    expect(values.map((v) => [(v.user as { uuid: string }).uuid, v.permission])).toEqual([
      [projectAdmin.uuid, 'admin'],
      [projectWriter.uuid, 'write'],
      [creator.uuid, 'create-repo'],
    ]);
    expect(values[0]).toEqual({
      type: 'project_user_permission',
      permission: 'admin',
      user: expect.objectContaining({
        type: 'user',
        uuid: projectAdmin.uuid,
        account_id: projectAdmin.accountId,
      }),
      project: expect.objectContaining({ type: 'project', key: 'CORE', uuid: CORE }),
      links: {
        self: {
          href: `${bb.baseUrl}/2.0/workspaces/acme/projects/CORE/permissions-config/users/${projectAdmin.accountId}`,
        },
      },
    });
    expect(await permissionsOf(projectAdmin, CORE)).toEqual(listed);
  });

  test('pages like every collection: pagelen=1 gives one entry and a next link', async () => {
    const first = await permissionsOf(projectAdmin, CORE, '?pagelen=1');
    expect(first.body).toMatchObject({ size: 3, pagelen: 1, values: [{ permission: 'admin' }] });
    const second = await get(projectAdmin, first.body.next as string);
    expect(second.body).toMatchObject({ page: 2, values: [{ permission: 'write' }] });
  });

  test('anyone else who can see the project gets 403; whoever cannot, the 404 that hides it', async () => {
    const denied = {
      status: 403,
      body: {
        type: 'error',
        error: { message: 'Access denied. You must have admin access to this project.' },
      },
    };
    expect(await permissionsOf(projectWriter, 'CORE')).toEqual(denied);
    expect(await permissionsOf(creator, 'CORE')).toEqual(denied);
    // Admin of a repository in the project is not admin of the project.
    expect(await permissionsOf(repositoryAdmin, 'CORE')).toEqual(denied);
    expect(await permissionsOf(widgetsReader, 'CORE')).toEqual(denied);
    expect(await permissionsOf(stranger, 'OPEN')).toEqual(denied);
    expect(await permissionsOf(stranger, 'CORE')).toEqual(HIDDEN);
    expect(await permissionsOf(stranger, CORE)).toEqual(HIDDEN);
    expect(await permissionsOf(owner, 'NOPE')).toEqual(HIDDEN);
    // An admin of CORE administers no other project.
    expect(await permissionsOf(projectAdmin, 'OPEN')).toEqual(denied);
  });

  test('refuses BBQL, which the document says this endpoint does not support', async () => {
    const filtered = await permissionsOf(owner, 'CORE', `?q=${encodeURIComponent('permission="admin"')}`);
    expect(filtered.status).toBe(400);
    expect(JSON.stringify(filtered.body)).toContain('does not support BBQL');
  });
});

describe('project permissions apply to every repository of the project', () => {
  const permissions = async (user: EmulatorUser) => {
    const { body } = await get(user, '/2.0/user/workspaces/acme/permissions/repositories');
    return (body.values as Array<{ repository: { full_name: string }; permission: string }>).map(
      (v) => `${v.repository.full_name}:${v.permission}`,
    );
  };

  test("the caller's own repository permissions include what its project grants give", async () => {
    expect(await permissions(projectAdmin)).toEqual(['acme/widgets:admin', 'acme/gadgets:admin']);
    expect(await permissions(projectWriter)).toEqual(['acme/widgets:write', 'acme/gadgets:write']);
    // create-repo is write on the repositories (and creating new ones).
    expect(await permissions(creator)).toEqual(['acme/widgets:write', 'acme/gadgets:write']);
  });

  test('the effective permission is the highest of the repository and the project grant', async () => {
    const both = bb.addUser({ displayName: 'Both' });
    bb.grantProjectPermission({ workspace: 'acme', project: 'CORE', user: both, permission: 'read' });
    bb.grantRepositoryPermission({ workspace: 'acme', repo: 'gadgets', user: both, permission: 'admin' });
    expect(await permissions(both)).toEqual(['acme/widgets:read', 'acme/gadgets:admin']);
    bb.grantProjectPermission({ workspace: 'acme', project: 'CORE', user: both, permission: 'none' });
    expect(await permissions(both)).toEqual(['acme/gadgets:admin']);
  });

  test('a project grant opens its private repositories, makes a workspace member, and nothing beyond', async () => {
    expect((await get(projectWriter, '/2.0/repositories/acme/gadgets/commit/main')).status).toBe(200);
    expect((await get(projectWriter, '/2.0/repositories/acme/tools/commit/main')).status).toBe(404);
    expect((await get(stranger, '/2.0/repositories/acme/gadgets/commit/main')).status).toBe(404);
    expect((await get(projectWriter, '/2.0/user/workspaces/acme/permission')).body).toMatchObject({
      permission: 'member',
    });
    const status = await fetch(
      `${bb.baseUrl}/2.0/repositories/acme/gadgets/commit/${await fixture.head('main')}/statuses/build`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${projectWriter.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: 'lintel', state: 'SUCCESSFUL', url: 'https://example.com/x' }),
      },
    );
    expect(status.status).toBe(201);
  });
});

test("every request was one Bitbucket's OpenAPI document allows", () => {
  expect(bb.violations).toEqual([]);
});
