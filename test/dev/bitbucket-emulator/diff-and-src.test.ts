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

  it('answers 555 when a diff or diffstat exceeds diffLineLimit changed lines', async () => {
    const small = await startHarness(undefined, { diffLineLimit: 3 });
    try {
      expect((await small.call(`${small.repoApi}/diff/main..feature?topic=false`)).status).toBe(555);
      expect((await small.call(`${small.repoApi}/diffstat/main..feature?topic=false`)).status).toBe(555);
      expect((await small.call(`${small.repoApi}/diffstat/feature..main?path=new.md`)).status).toBe(200);
      // Context lines are not changed lines: a whole-file diff of a small change still answers.
      const whole = await small.call(`${small.repoApi}/diff/feature..main?path=a.txt&context=100`);
      expect(whole.status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('answers 555 for a diff of more than 200 files or 20,480,000 bytes, and serves it by path slices', async () => {
    // The 104-file pull request of this suite, against limits lowered so the test stays small.
    const many = await startHarness(
      [
        { branch: 'main', message: 'base', files: { 'keep.txt': 'keep\n' } },
        { branch: 'feature', from: 'main', message: 'change', files: bigChange() },
      ],
      { diffFileLimit: 60 },
    );
    try {
      const full = await many.call(`${many.repoApi}/diff/feature..main`);
      expect(full.status).toBe(555);
      expect(await full.text()).toMatch(/100 files, more than the emulator's limit of 60 files/);
      const slice = Array.from({ length: 60 }, (_, f) => `path=src/module-${String(f).padStart(3, '0')}.ts`);
      expect((await many.call(`${many.repoApi}/diff/feature..main?${slice.join('&')}`)).status).toBe(200);
    } finally {
      await many.close();
    }
    const bytes = await startHarness(undefined, { diffByteLimit: 200 });
    try {
      expect((await bytes.call(`${bytes.repoApi}/diff/feature..main`)).status).toBe(555);
      expect((await bytes.call(`${bytes.repoApi}/diff/feature..main?path=new.md`)).status).toBe(200);
    } finally {
      await bytes.close();
    }
  });

  it('gives every hunk the whole file with a context larger than the file', async () => {
    const diff = await (
      await h.call(`${h.repoApi}/diff/feature..main?context=1048576&path=src/module-001.ts`)
    ).text();
    expect(diff).toContain('@@ -0,0 +1,200 @@');
    const small = await startHarness([
      { branch: 'main', message: 'base', files: { 'f.txt': 'a\nb\nc\nd\ne\nf\ng\nh\n' } },
      { branch: 'feature', from: 'main', message: 'edit', files: { 'f.txt': 'a\nB\nc\nd\ne\nf\nG\nh\n' } },
    ]);
    try {
      const whole = await (await small.call(`${small.repoApi}/diff/feature..main?context=1048576`)).text();
      expect(whole).toContain('@@ -1,8 +1,8 @@');
      const usual = await (await small.call(`${small.repoApi}/diff/feature..main`)).text();
      expect(usual).toContain('@@ -1,8 +1,8 @@'); // three lines of context join the two changes
      const none = await (await small.call(`${small.repoApi}/diff/feature..main?context=0`)).text();
      expect(none.match(/^@@ /gm)).toHaveLength(2);
    } finally {
      await small.close();
    }
  });

  it('refuses a negative or out-of-range context, and merge together with topic, with 400', async () => {
    const negative = await h.call(`${h.repoApi}/diff/feature..main?context=-1`);
    expect(negative.status).toBe(400);
    expect(await negative.text()).toMatch(/context must be from 0 to 2147483647, got -1/);
    expect((await h.call(`${h.repoApi}/diff/feature..main?context=2147483648`)).status).toBe(400);
    expect((await h.call(`${h.repoApi}/diff/feature..main?context=many`)).status).toBe(400);
    const both = await h.call(`${h.repoApi}/diff/feature..main?merge=true&topic=true`);
    expect(both.status).toBe(400);
    expect(h.emulator.violations.splice(0)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/context: expected an integer/) }),
    ]);
  });

  it('sends less context than asked when diffContextMax says so, as a server with a cap would', async () => {
    const capped = await startHarness(
      [
        { branch: 'main', message: 'base', files: { 'f.txt': 'a\nb\nc\nd\ne\nf\ng\nh\n' } },
        { branch: 'feature', from: 'main', message: 'edit', files: { 'f.txt': 'A\nb\nc\nd\ne\nf\ng\nh\n' } },
      ],
      { diffContextMax: 2 },
    );
    try {
      const diff = await (await capped.call(`${capped.repoApi}/diff/feature..main?context=1048576`)).text();
      expect(diff).toContain('@@ -1,3 +1,3 @@');
    } finally {
      await capped.close();
    }
  });

  it('filters by file: both names of a rename pair again, a directory matches nothing, binary=false drops binaries', async () => {
    const renamed = await (
      await h.call(`${h.repoApi}/diff/feature..main?path=old-name.txt&path=new-name.txt`)
    ).text();
    expect(renamed).toContain('rename from old-name.txt');
    const onlyNew = await (await h.call(`${h.repoApi}/diff/feature..main?path=new-name.txt`)).text();
    expect(onlyNew).toContain('new file mode');
    const directory = await h.call(`${h.repoApi}/diff/feature..main?path=src`);
    expect(directory.status).toBe(200);
    expect(await directory.text()).toBe('');
    const stat = await json<DiffstatPage>(await h.call(`${h.repoApi}/diffstat/feature..main?path=src`));
    expect(stat.values).toEqual([]);
    const withBinary = await (
      await h.call(`${h.repoApi}/diff/feature..main?path=logo.bin&path=README.md`)
    ).text();
    expect(withBinary).toContain('Binary files a/logo.bin and b/logo.bin differ');
    const textOnly = await (await h.call(`${h.repoApi}/diff/feature..main?binary=false`)).text();
    expect(textOnly).not.toContain('logo.bin');
    expect(textOnly).toContain('new-name.txt');
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
