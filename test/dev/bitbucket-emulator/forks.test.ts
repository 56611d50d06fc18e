/**
 * Pull requests from forks on the emulator: the fork is a repository of its own whose commits the destination
 * does not have, the pull request names it as its source, and its diff is addressed the way Bitbucket's own
 * redirect does it, `diff/{fork}:{head}%0D{destination}` on the destination repository.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorPullRequest } from '../../../dev/bitbucket-emulator';
import {
  createGitRepository,
  forkGitRepository,
  type GitFixture,
} from '../../../dev/bitbucket-emulator/git-fixture';

let dir: string;
let emulator: Emulator;
let token: string;
let upstream: GitFixture;
let fork: GitFixture;
let pr: EmulatorPullRequest;
const DEST = '/2.0/repositories/acme/widgets';
const FORK = '/2.0/repositories/acme/widgets-fork';

const call = (url: string, init: RequestInit = {}) =>
  fetch(url.startsWith('http') ? url : `${emulator.baseUrl}${url}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lintel-forks-'));
  upstream = await createGitRepository(path.join(dir, 'widgets'), [
    { branch: 'main', message: 'initial', files: { 'a.txt': 'one\ntwo\n' } },
  ]);
  fork = await forkGitRepository(upstream.gitDir, path.join(dir, 'widgets-fork'), [
    {
      branch: 'fix',
      from: 'main',
      message: 'fix in the fork',
      files: { 'a.txt': 'one\nTWO\n', 'b.txt': 'b\n' },
    },
  ]);
  emulator = await startEmulator();
  const user = emulator.addUser({ displayName: 'Lintel', app: true });
  token = user.token;
  emulator.addWorkspace({ slug: 'acme' });
  emulator.addRepository({ workspace: 'acme', slug: 'widgets', gitDir: upstream.gitDir });
  emulator.addRepository({
    workspace: 'acme',
    slug: 'widgets-fork',
    gitDir: fork.gitDir,
    forkOf: { workspace: 'acme', slug: 'widgets' },
  });
  pr = emulator.createPullRequest({
    workspace: 'acme',
    repo: 'widgets',
    title: 'Fix from a fork',
    sourceBranch: 'fix',
    destinationBranch: 'main',
    author: user,
    sourceRepository: { workspace: 'acme', slug: 'widgets-fork' },
  });
});

afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => expect(emulator.violations).toEqual([]));

describe('a pull request from a fork', () => {
  it('names the fork as its source repository and the destination as its destination', async () => {
    const body = (await (await call(`${DEST}/pullrequests/${pr.id}`)).json()) as {
      source: {
        repository: { full_name: string };
        commit: { hash: string; links: { self: { href: string } } };
      };
      destination: { repository: { full_name: string } };
      links: { diff: { href: string } };
    };
    expect(body.source.repository.full_name).toBe('acme/widgets-fork');
    expect(body.destination.repository.full_name).toBe('acme/widgets');
    expect(body.source.commit.hash).toBe((await fork.head('fix')).slice(0, 12));
    expect(body.source.commit.links.self.href).toContain('/repositories/acme/widgets-fork/commit/');
    expect(body.links.diff.href).toContain(
      `/repositories/acme/widgets/diff/acme/widgets-fork:${pr.sourceShortHash}%0D`,
    );
  });

  it('keeps the fork’s commit out of the destination repository', async () => {
    const head = await fork.head('fix');
    expect((await call(`${DEST}/commit/${head}`)).status).toBe(404);
    expect((await call(`${FORK}/commit/${head.slice(0, 12)}`)).status).toBe(200);
    expect((await call(`${DEST}/diff/${head}..main`)).status).toBe(404);
  });

  it('serves the diff and diffstat through the destination with the fork-qualified spec', async () => {
    const redirect = await call(`${DEST}/pullrequests/${pr.id}/diff`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const diff = await (await call(redirect.headers.get('location') ?? '')).text();
    expect(diff).toContain('+TWO');
    expect(diff).toContain('b/b.txt');
    const head = await fork.head('fix');
    const stat = (await (
      await call(`${DEST}/diffstat/acme/widgets-fork:${head}%0D${pr.destinationShortHash}?topic=true`)
    ).json()) as { values: Array<{ new: { path: string; links: { self: { href: string } } } }> };
    expect(stat.values.map((v) => v.new.path).sort()).toEqual(['a.txt', 'b.txt']);
    // The new side's file link points into the fork, where that commit lives.
    const href = stat.values.find((v) => v.new.path === 'b.txt')?.new.links.self.href ?? '';
    expect(href).toContain('/repositories/acme/widgets-fork/src/');
    expect(await (await call(href)).text()).toBe('b\n');
  });

  it('refuses a spec, or a pull request, naming a repository outside the fork network', async () => {
    const other = await createGitRepository(path.join(dir, 'unrelated'), [
      { branch: 'main', message: 'x', files: { 'x.txt': 'x\n' } },
    ]);
    emulator.addRepository({ workspace: 'acme', slug: 'unrelated', gitDir: other.gitDir });
    const res = await call(`${DEST}/diff/acme/unrelated:main%0Dmain`);
    expect(res.status).toBe(404);
    expect(() =>
      emulator.createPullRequest({
        workspace: 'acme',
        repo: 'widgets',
        title: 'not a fork',
        sourceBranch: 'main',
        destinationBranch: 'main',
        author: pr.author,
        sourceRepository: { workspace: 'acme', slug: 'unrelated' },
      }),
    ).toThrow(/not a fork/);
  });

  it('a deleted fork answers 404 everywhere while the pull request still names it', async () => {
    const head = await fork.head('fix');
    emulator.deleteRepository('acme', 'widgets-fork');
    expect((await call(`${FORK}/commit/${head}`)).status).toBe(404);
    expect((await call(`${DEST}/diff/acme/widgets-fork:${head}%0Dmain`)).status).toBe(404);
    const body = (await (await call(`${DEST}/pullrequests/${pr.id}`)).json()) as {
      source: { repository: { full_name: string }; commit: { hash: string } };
    };
    expect(body.source.repository.full_name).toBe('acme/widgets-fork');
    expect(body.source.commit.hash).toBe(head.slice(0, 12));
  });
});
