import { request } from 'node:http';
import { json, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** fetch percent-encodes braces; Forge sends them raw, so this sends the path byte for byte. */
function rawGet(baseUrl: string, rawPath: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/`,
      { path: rawPath, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('pull request and commit resources', () => {
  it('returns a pull request with 12-character hashes, branch names and absolute links', async () => {
    const response = await h.call(`${h.repoApi}/pullrequests/${h.pr.id}`);
    expect(response.status).toBe(200);
    const pr = await json<{
      source: { commit: { hash: string }; branch: { name: string } };
      destination: { commit: { hash: string } };
      state: string;
      author: { uuid: string };
      links: Record<string, { href: string }>;
    }>(response);
    expect(pr.source.commit.hash).toBe((await h.fixture.head('feature')).slice(0, 12));
    expect(pr.destination.commit.hash).toBe((await h.fixture.head('main')).slice(0, 12));
    expect(pr.source.branch.name).toBe('feature');
    expect(pr.state).toBe('OPEN');
    expect(pr.author.uuid).toBe(h.user.uuid);
    for (const name of ['diff', 'diffstat', 'comments', 'statuses'])
      expect(pr.links[name]?.href).toMatch(new RegExp(`^${h.emulator.baseUrl}/2\\.0/`));
  });

  it('resolves a short hash to the full 40-character hash, and refuses hashes shorter than 7', async () => {
    const full = await h.fixture.head('feature');
    const commit = await json<{ hash: string; parents: Array<{ hash: string }> }>(
      await h.call(`${h.repoApi}/commit/${full.slice(0, 12)}`),
    );
    expect(commit.hash).toBe(full);
    expect(commit.parents).toHaveLength(1);
    const tooShort = await h.call(`${h.repoApi}/commit/${full.slice(0, 6)}`);
    expect(tooShort.status).toBe(404);
    expect(await json(tooShort)).toMatchObject({ type: 'error', error: { message: 'Commit not found' } });
  });

  it('answers PR diff and diffstat with 302 to repository-level resources that use the merge base', async () => {
    const redirect = await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/diff`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(location).toContain(`${h.emulator.baseUrl}${h.repoApi}/diff/`);
    const diff = await (await h.call(location)).text();
    expect(diff).toContain('+TWO');
    expect(diff).toContain('new.md');
    // main changed after the feature branched: those changes are not part of the PR.
    expect(diff).not.toContain('main-only.txt');
    expect(diff).not.toContain('+zero');

    const statRedirect = await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/diffstat`, {
      redirect: 'manual',
    });
    expect(statRedirect.status).toBe(302);
    const stat = await json<{
      values: Array<{ status: string; old: { path: string } | null; new: { path: string } | null }>;
    }>(await h.call(statRedirect.headers.get('location') ?? ''));
    expect(stat.values.map((v) => [v.status, v.new?.path ?? v.old?.path]).sort()).toEqual([
      ['added', 'new.md'],
      ['modified', 'a.txt'],
      ['removed', 'lib/util.ts'],
    ]);
  });

  it('uses the merge base for repository-level diffs by default, and a two-dot diff with topic=false', async () => {
    const topic = await (await h.call(`${h.repoApi}/diff/feature..main`)).text();
    expect(topic).toContain('+TWO');
    expect(topic).not.toContain('main-only.txt');
    const diff = await (await h.call(`${h.repoApi}/diff/feature..main?topic=false`)).text();
    expect(diff).toContain('main-only.txt');
    expect(diff).toContain('-zero');
  });

  it('returns the merge base of two revisions', async () => {
    const base = await json<{ hash: string }>(await h.call(`${h.repoApi}/merge-base/feature..main`));
    expect(base.hash).toBe(await h.fixture.head('main~1'));
  });

  it('reports a merged pull request as MERGED and lists pull requests by state', async () => {
    const local = await startHarness();
    try {
      local.emulator.setPullRequestState('acme', 'widgets', local.pr.id, 'MERGED');
      const pr = await json<{ state: string }>(
        await local.call(`${local.repoApi}/pullrequests/${local.pr.id}`),
      );
      expect(pr.state).toBe('MERGED');
      const open = await json<{ values: unknown[] }>(await local.call(`${local.repoApi}/pullrequests`));
      expect(open.values).toHaveLength(0);
      const merged = await json<{ values: Array<{ id: number }> }>(
        await local.call(`${local.repoApi}/pullrequests?state=MERGED`),
      );
      expect(merged.values.map((v) => v.id)).toEqual([local.pr.id]);
    } finally {
      await local.close();
    }
  });

  it('addresses workspace and repository by braced UUID, raw or percent-encoded', async () => {
    const raw = await rawGet(
      h.emulator.baseUrl,
      `/2.0/repositories/{11111111-1111-4111-8111-111111111111}/{22222222-2222-4222-8222-222222222222}/pullrequests/${h.pr.id}`,
      h.user.token,
    );
    expect(raw.status).toBe(200);
    expect(JSON.parse(raw.body)).toMatchObject({ id: h.pr.id });
    const encoded = await h.call(
      `/2.0/repositories/%7B11111111-1111-4111-8111-111111111111%7D/%7B22222222-2222-4222-8222-222222222222%7D/pullrequests/${h.pr.id}`,
    );
    expect(encoded.status).toBe(200);
    const unknown = await h.call(`/2.0/repositories/acme/nope/pullrequests/1`);
    expect(unknown.status).toBe(404);
  });

  it('requires a bearer token and answers 401 in Bitbucket error shape', async () => {
    const missing = await fetch(`${h.emulator.baseUrl}${h.repoApi}/pullrequests/${h.pr.id}`);
    expect(missing.status).toBe(401);
    expect(await json(missing)).toMatchObject({ type: 'error', error: { message: expect.any(String) } });
    const wrong = await fetch(`${h.emulator.baseUrl}/2.0/user`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const me = await json<{ uuid: string; type: string }>(await h.call('/2.0/user'));
    expect(me).toMatchObject({ uuid: h.user.uuid, type: 'app_user' });
  });
});
