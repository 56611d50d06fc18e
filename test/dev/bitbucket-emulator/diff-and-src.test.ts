import { json, startHarness, type Harness } from './helpers';

interface DiffstatPage {
  values: Array<{
    status: string;
    lines_added: number;
    lines_removed: number;
    old: { path: string; attributes?: string; links: { self: { href: string } } } | null;
    new: {
      path: string;
      escaped_path: string;
      attributes?: string;
      links: { self: { href: string } };
    } | null;
  }>;
  next?: string;
  pagelen: number;
  size: number;
}

const FILES = 100;
const LINES_PER_FILE = 200; // 100 files × 200 lines = 20,000 changed lines

function bigChange(): Record<string, string | Buffer | null> {
  const files: Record<string, string | Buffer | null> = {};
  for (let f = 0; f < FILES; f++)
    files[`src/module-${String(f).padStart(3, '0')}.ts`] =
      Array.from({ length: LINES_PER_FILE }, (_, i) => `export const v${i} = ${f * i};`).join('\n') + '\n';
  return files;
}

let h: Harness;
let head: string;
beforeAll(async () => {
  h = await startHarness([
    {
      branch: 'main',
      message: 'initial',
      files: {
        'README.md': '# readme\n',
        'old-name.txt': 'same content\nline 2\nline 3\n',
        'logo.bin': Buffer.from([0, 1, 2, 3, 0, 255]),
        'docs/guide.md': 'guide\n',
      },
    },
    {
      branch: 'feature',
      from: 'main',
      message: 'big change',
      files: {
        ...bigChange(),
        'old-name.txt': null,
        'new-name.txt': 'same content\nline 2\nline 3\n',
        'logo.bin': Buffer.from([0, 9, 9, 9, 0, 255]),
        'dir with space/ü.txt': 'unicode\n',
      },
    },
  ]);
  head = await h.fixture.head('feature');
});
afterAll(() => h.close());

describe('diff and diffstat', () => {
  it('serves a 100-file, 20,000-line pull request diff and diffstat', async () => {
    const diff = await (await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/diff`)).text();
    expect(diff.split('\n').filter((l) => l.startsWith('+export const')).length).toBe(FILES * LINES_PER_FILE);
    const stat = await json<DiffstatPage>(await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/diffstat`));
    expect(stat.pagelen).toBe(500);
    expect(stat.values.filter((v) => v.status === 'added' && v.new?.path.startsWith('src/'))).toHaveLength(
      FILES,
    );
    expect(stat.values.reduce((sum, v) => sum + v.lines_added, 0)).toBe(FILES * LINES_PER_FILE + 1);
  });

  it('reports renames, binary files and escaped paths', async () => {
    const stat = await json<DiffstatPage>(await h.call(`${h.repoApi}/diffstat/feature..main`));
    const renamed = stat.values.find((v) => v.status === 'renamed');
    expect(renamed?.old?.path).toBe('old-name.txt');
    expect(renamed?.new?.path).toBe('new-name.txt');
    const binary = stat.values.find((v) => v.new?.path === 'logo.bin');
    expect(binary).toMatchObject({
      status: 'modified',
      lines_added: 0,
      lines_removed: 0,
      new: { attributes: 'binary' },
    });
    const unicode = stat.values.find((v) => v.new?.path === 'dir with space/ü.txt');
    expect(unicode?.new?.escaped_path).toBe('"dir with space/\\303\\274.txt"');
    expect(unicode?.old).toBeNull();
    const diff = await (await h.call(`${h.repoApi}/diff/feature..main?path=logo.bin`)).text();
    expect(diff).toContain('Binary files a/logo.bin and b/logo.bin differ');
    expect(diff).not.toContain('src/module');
  });

  it('pages the diffstat with next links and honours pagelen up to 5000', async () => {
    const first = await json<DiffstatPage>(await h.call(`${h.repoApi}/diffstat/feature..main?pagelen=40`));
    expect(first.values).toHaveLength(40);
    const seen = [...first.values];
    for (let next = first.next; next;) {
      const page: DiffstatPage = await json<DiffstatPage>(await h.call(next));
      seen.push(...page.values);
      next = page.next;
    }
    expect(seen).toHaveLength(first.size);
    expect(new Set(seen.map((v) => v.new?.path ?? v.old?.path)).size).toBe(first.size);
  });

  it('diffstat links point at src resources that serve the file', async () => {
    const stat = await json<DiffstatPage>(
      await h.call(`${h.repoApi}/diffstat/feature..main?path=new-name.txt`),
    );
    const href = stat.values[0]?.new?.links.self.href ?? '';
    expect(href).toContain(`/src/${head}/new-name.txt`);
    expect(await (await h.call(href)).text()).toBe('same content\nline 2\nline 3\n');
  });

  it('answers 555 when a diff or diffstat exceeds diffLineLimit', async () => {
    const small = await startHarness(undefined, { diffLineLimit: 3 });
    try {
      expect((await small.call(`${small.repoApi}/diff/main..feature?topic=false`)).status).toBe(555);
      expect((await small.call(`${small.repoApi}/diffstat/main..feature?topic=false`)).status).toBe(555);
      expect((await small.call(`${small.repoApi}/diffstat/feature..main?path=new.md`)).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('rejects malformed specs and unknown revisions clearly', async () => {
    expect((await h.call(`${h.repoApi}/diff/feature..`)).status).toBe(400);
    const unknown = await h.call(`${h.repoApi}/diff/nope..main`);
    expect(unknown.status).toBe(404);
  });
});

describe('src', () => {
  it('returns raw bytes, metadata, and a directory listing', async () => {
    const raw = await h.call(`${h.repoApi}/src/${head}/logo.bin`);
    expect(Buffer.from(await raw.arrayBuffer())).toEqual(Buffer.from([0, 9, 9, 9, 0, 255]));
    expect(raw.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    const meta = await json(await h.call(`${h.repoApi}/src/${head}/logo.bin?format=meta`));
    expect(meta).toMatchObject({ type: 'commit_file', path: 'logo.bin', size: 6, attributes: 'binary' });
    const listing = await json<{ values: Array<{ type: string; path: string }> }>(
      await h.call(`${h.repoApi}/src/${head}/?pagelen=100`),
    );
    expect(listing.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'commit_directory', path: 'src' }),
        expect.objectContaining({ type: 'commit_file', path: 'README.md' }),
      ]),
    );
    const encoded = await h.call(`${h.repoApi}/src/${head}/dir%20with%20space/%C3%BC.txt`);
    expect(await encoded.text()).toBe('unicode\n');
  });

  it('answers 404 for a missing file or commit', async () => {
    const missing = await h.call(`${h.repoApi}/src/${head}/old-name.txt`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({
      type: 'error',
      error: { message: 'No such file or directory: old-name.txt' },
    });
    expect((await h.call(`${h.repoApi}/src/${'f'.repeat(40)}/README.md`)).status).toBe(404);
  });
});
