import { json, startHarness, type Harness } from './helpers';

interface Comment {
  id: number;
  deleted: boolean;
  content: { raw: string };
  user: { uuid: string };
  inline?: { path: string; to?: number };
}
interface Page {
  values: Comment[];
  next?: string;
  pagelen: number;
  size: number;
}

let h: Harness;
let comments: string;
beforeAll(async () => {
  h = await startHarness();
  comments = `${h.repoApi}/pullrequests/${h.pr.id}/comments`;
  for (let i = 1; i <= 23; i++) {
    const response = await h.call(comments, { method: 'POST', json: { content: { raw: `comment ${i}` } } });
    expect(response.status).toBe(201);
  }
});
afterAll(() => h.close());

async function allPages(first: string): Promise<Comment[]> {
  const out: Comment[] = [];
  for (let url: string | undefined = first; url;) {
    const page: Page = await json<Page>(await h.call(url));
    out.push(...page.values);
    url = page.next;
  }
  return out;
}

describe('pull request comments', () => {
  it('pages 10 at a time by default, oldest first, with absolute next links', async () => {
    const first = await json<Page>(await h.call(comments));
    expect(first.values).toHaveLength(10);
    expect(first.values[0]?.content.raw).toBe('comment 1');
    expect(first.next).toMatch(new RegExp(`^${h.emulator.baseUrl}/`));
    const all = await allPages(comments);
    expect(all.map((c) => c.content.raw)).toEqual(Array.from({ length: 23 }, (_, i) => `comment ${i + 1}`));
  });

  it('sorts newest first with sort=-created_on and caps pagelen at 100', async () => {
    const page = await json<Page>(await h.call(`${comments}?sort=-created_on&pagelen=500`));
    expect(page.pagelen).toBe(100);
    expect(page.values[0]?.content.raw).toBe('comment 23');
  });

  it('creates inline comments authored by the token user, and filters with BBQL', async () => {
    const other = h.emulator.addUser({ displayName: 'Human Reviewer', token: 'token-human' });
    const inline = await h.call(comments, {
      method: 'POST',
      json: { content: { raw: '[lintel:inline] complex function' }, inline: { path: 'a.txt', to: 2 } },
    });
    expect(inline.status).toBe(201);
    expect(inline.headers.get('location')).toMatch(/\/comments\/\d+$/);
    const byOther = await fetch(`${h.emulator.baseUrl}${comments}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: { raw: 'mentions lintel:inline too' } }),
    });
    expect(((await byOther.json()) as Comment).user.uuid).toBe(other.uuid);

    const q = `deleted = false AND user.uuid = "${h.user.uuid}" AND content.raw ~ "LINTEL:INLINE"`;
    const mine = await allPages(`${comments}?q=${encodeURIComponent(q)}`);
    expect(mine.map((c) => c.content.raw)).toEqual(['[lintel:inline] complex function']);
    const onFile = await allPages(`${comments}?q=${encodeURIComponent('inline.path = "a.txt"')}`);
    expect(onFile.map((c) => c.inline)).toEqual([{ path: 'a.txt', to: 2 }]);
  });

  it('keeps deleted comments listed with deleted=true and empty content', async () => {
    const created = await json<Comment>(
      await h.call(comments, { method: 'POST', json: { content: { raw: 'to be deleted' } } }),
    );
    expect((await h.call(`${comments}/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const fetched = await json<Comment>(await h.call(`${comments}/${created.id}`));
    expect(fetched).toMatchObject({ deleted: true, content: { raw: '' } });
    const live = await allPages(`${comments}?q=${encodeURIComponent('deleted = false')}&pagelen=100`);
    expect(live.some((c) => c.id === created.id)).toBe(false);
    const everything = await allPages(`${comments}?pagelen=100`);
    expect(everything.find((c) => c.id === created.id)?.deleted).toBe(true);
  });

  it('edits with PUT and rejects pending', async () => {
    const created = await json<Comment>(
      await h.call(comments, { method: 'POST', json: { content: { raw: 'v1' } } }),
    );
    const edited = await h.call(`${comments}/${created.id}`, {
      method: 'PUT',
      json: { content: { raw: 'v2' } },
    });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as Comment).content.raw).toBe('v2');
    const pending = await h.call(`${comments}/${created.id}`, {
      method: 'PUT',
      json: { content: { raw: 'v3' }, pending: true },
    });
    expect(pending.status).toBe(400);
    expect(await json(pending)).toMatchObject({
      type: 'error',
      error: { message: 'extra keys not allowed' },
    });
  });

  it('answers 400 naming the problem for filters it cannot evaluate', async () => {
    for (const q of [
      'resolved_on > 2024-01-01',
      'content.raw ~',
      'deleted = false AND (',
      'content.raw ~ unquoted',
    ]) {
      const response = await h.call(`${comments}?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(400);
      const body = await json<{ error: { message: string } }>(response);
      expect(body.error.message).toMatch(/^Invalid q parameter: /);
    }
  });

  it('rejects inline anchors the schema forbids (null line, extra keys)', async () => {
    const nullTo = await h.call(comments, {
      method: 'POST',
      json: { content: { raw: 'x' }, inline: { path: 'a.txt', to: null } },
    });
    expect(nullTo.status).toBe(400);
    const extra = await h.call(comments, {
      method: 'POST',
      json: { content: { raw: 'x' }, inline: { path: 'a.txt', to: 1, type: 'x' } },
    });
    expect(extra.status).toBe(400);
  });
});
