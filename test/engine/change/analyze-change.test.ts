import { analyzeChangeWith } from '../../../src/engine/change/analyze-change';
import type { SourceFile } from '../../../src/engine/types';
import { complexFunction, fakePorts } from '../facade/fake-ports';
import { unifiedDiff } from './unified-diff';

const simple = (name: string) => [`function ${name}() {`, '  return 1;', '}'];
const text = (...parts: string[][]) => parts.flat().join('\n');
const file = (path: string, ...parts: string[][]): SourceFile => ({ path, text: text(...parts) });

async function change(
  base: SourceFile[],
  head: SourceFile[],
  duplicates = [] as Parameters<typeof fakePorts>[1],
) {
  const diff = [...new Set([...base, ...head].map((f) => f.path))]
    .map((path) => {
      const before = base.find((f) => f.path === path);
      const after = head.find((f) => f.path === path);
      return unifiedDiff(before ? path : null, after ? path : null, before?.text ?? '', after?.text ?? '');
    })
    .join('');
  return analyzeChangeWith(fakePorts({}, duplicates), { base, head, diff });
}

describe('analyzeChange (diff mode)', () => {
  it('does not report a pre-existing complex function that was moved', async () => {
    const base = [file('src/a.js', complexFunction('legacy', 10), simple('helper'))];
    const head = [file('src/a.js', simple('helper'), simple('another'), complexFunction('legacy', 10))];
    const result = await change(base, head);
    expect(result.head.findings.map((f) => f.functionName)).toEqual(['legacy']);
    expect(result.newFindings).toEqual([]);
    expect(result.fixedFindings).toEqual([]);
  });

  it('reports a newly added complex function, and only it', async () => {
    const base = [file('src/a.js', complexFunction('legacy', 10))];
    const head = [file('src/a.js', complexFunction('legacy', 10), complexFunction('fresh', 9))];
    const result = await change(base, head);
    expect(result.newFindings).toEqual([
      expect.objectContaining({ ruleId: 'complex-method', functionName: 'fresh', line: 13, endLine: 23 }),
    ]);
  });

  it('does not blame an edit of an old complex function for its existing complexity', async () => {
    const base = [file('src/a.js', complexFunction('legacy', 10))];
    const edited = complexFunction('legacy', 10).map((line, i) =>
      i === 3 ? '  if (order.vip) order.n = 0;' : line,
    );
    const result = await change(base, [file('src/a.js', edited)]);
    expect(result.newFindings).toEqual([]);
  });

  it('lists a simplified function as fixed', async () => {
    const base = [file('src/a.js', simple('x'), complexFunction('legacy', 10))];
    const head = [file('src/a.js', simple('x'), complexFunction('legacy', 2))];
    const result = await change(base, head);
    expect(result.newFindings).toEqual([]);
    expect(result.fixedFindings).toEqual([
      expect.objectContaining({
        ruleId: 'complex-method',
        path: 'src/a.js',
        functionName: 'legacy',
        line: 4,
      }),
    ]);
  });

  it('ignores findings in files the change did not touch', async () => {
    const untouched = file('src/old.js', complexFunction('old', 12));
    const result = await change([untouched], [untouched, file('src/new.js', simple('n'))]);
    expect(result.head.findings).toHaveLength(1);
    expect(result.newFindings).toEqual([]);
    expect(result.health.before).toBe(10); // no changed file existed at base
    expect(result.health.after).toBe(10);
  });

  it('measures complexity added over touched functions (increases and new functions)', async () => {
    const base = [
      file('src/a.js', complexFunction('grow', 2), complexFunction('shrink', 4), complexFunction('same', 3)),
    ];
    const head = [
      file(
        'src/a.js',
        complexFunction('grow', 5),
        complexFunction('shrink', 1),
        complexFunction('same', 3),
        complexFunction('born', 1),
      ),
    ];
    const result = await change(base, head);
    // grow 3 → 6 adds 3; born adds its 2; shrink's decrease does not offset.
    expect(result.complexityAdded).toBe(5);
  });

  it('reports health of the changed files before and after', async () => {
    const base = [file('src/a.js', simple('ok'))];
    const head = [file('src/a.js', complexFunction('ok', 9))];
    const result = await change(base, head);
    expect(result.health).toEqual({ before: 10, after: 8.5, delta: -1.5 });
  });

  it('counts new secrets and duplicated lines added, without secret values', async () => {
    const copied = Array.from({ length: 12 }, (_, i) => `x${i}();`);
    const original = file('src/b.js', copied);
    const base = [file('src/a.js', simple('a')), original];
    const head = [file('src/a.js', simple('a'), ['const key = "SECRET_hunter2hunter2";'], copied), original];
    const block = {
      tokens: 40,
      lines: 12,
      fingerprint: 'd',
      first: { path: 'src/a.js', startLine: 5, endLine: 16 },
      second: { path: 'src/b.js', startLine: 1, endLine: 12 },
    };
    const result = await change(base, head, [block]);
    expect(result.secrets).toBe(1);
    expect(result.duplicatedLinesAdded).toBe(12);
    expect(result.newFindings.map((f) => f.ruleId)).toEqual(['hard-coded-secret', 'duplicated-code']);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('reports a clone the change made on both sides once, on the later side, naming its twin', async () => {
    const body = Array.from({ length: 12 }, (_, i) => `step${i}();`);
    const base = [file('src/a.js', simple('tail'))];
    const head = [file('src/a.js', simple('tail'), body, simple('gap'), body)];
    const block = {
      tokens: 40,
      lines: 12,
      fingerprint: 'd',
      first: { path: 'src/a.js', startLine: 4, endLine: 15 },
      second: { path: 'src/a.js', startLine: 19, endLine: 30 },
    };
    const result = await change(base, head, [block]);
    const clones = result.newFindings.filter((f) => f.ruleId === 'duplicated-code');
    expect(clones).toEqual([expect.objectContaining({ line: 19, twin: { path: 'src/a.js', line: 4 } })]);
    expect(clones[0]?.message).toContain('src/a.js:19-30 duplicates src/a.js:4-15');
    // Both copies are lines the change added.
    expect(result.duplicatedLinesAdded).toBe(24);
  });

  it('reports only the copy a change added, not the original it duplicates', async () => {
    const body = Array.from({ length: 12 }, (_, i) => `step${i}();`);
    const base = [file('src/a.js', body, simple('tail'))];
    const head = [file('src/a.js', body, simple('tail'), body)];
    const block = {
      tokens: 40,
      lines: 12,
      fingerprint: 'd',
      first: { path: 'src/a.js', startLine: 1, endLine: 12 },
      second: { path: 'src/a.js', startLine: 16, endLine: 27 },
    };
    const result = await change(base, head, [block]);
    expect(result.head.findings.filter((f) => f.ruleId === 'duplicated-code')).toHaveLength(2);
    expect(result.newFindings).toEqual([
      expect.objectContaining({ ruleId: 'duplicated-code', line: 16, endLine: 27 }),
    ]);
    expect(result.duplicatedLinesAdded).toBe(12);
  });

  it('follows renames: base path → head path, and findings keep their identity', async () => {
    const base = [file('src/old-name.js', complexFunction('legacy', 10), simple('a'))];
    const head = [file('src/new-name.js', complexFunction('legacy', 10), simple('b'))];
    const diff = unifiedDiff('src/old-name.js', 'src/new-name.js', base[0]!.text, head[0]!.text);
    const result = await analyzeChangeWith(fakePorts(), { base, head, diff });
    expect(result.renamed).toEqual({ 'src/old-name.js': 'src/new-name.js' });
    expect(result.newFindings).toEqual([]);
    expect(result.fixedFindings).toEqual([]);
  });

  it('takes a pure rename or mode change as no change: no findings, and no text needed for it', async () => {
    // What Bitbucket's diff shows for them: headers, no hunks (the pipeline does not read their text).
    const diff = [
      'diff --git a/src/old.js b/src/new.js',
      'similarity index 100%',
      'rename from src/old.js',
      'rename to src/new.js',
      'diff --git a/run.sh b/run.sh',
      'old mode 100644',
      'new mode 100755',
      '',
    ].join('\n');
    const result = await analyzeChangeWith(fakePorts(), { base: [], head: [], diff });
    expect(result.skipped).toEqual([]);
    expect(result.newFindings).toEqual([]);
    expect(result.renamed).toEqual({ 'src/old.js': 'src/new.js' });
  });

  it("lists a removed file's findings as fixed", async () => {
    const result = await change([file('src/gone.js', complexFunction('legacy', 10))], []);
    expect(result.fixedFindings.map((f) => [f.path, f.functionName])).toEqual([['src/gone.js', 'legacy']]);
    expect(result.health.after).toBe(10);
  });

  it('does not call findings fixed when the head version could not be analysed', async () => {
    const base = [file('src/a.js', complexFunction('legacy', 10))];
    // 16,000 ordinary 80-character lines: 1.2 MB, over the 1 MB limit, and not minified.
    const filler = Array.from({ length: 16_000 }, () => `// ${'x'.repeat(77)}`);
    const head = [file('src/a.js', complexFunction('legacy', 10), filler)];
    const result = await change(base, head);
    expect(result.fixedFindings).toEqual([]);
    expect(result.health).toEqual({ before: 10, after: 10, delta: 0 });
    expect(result.skipped).toEqual([{ path: 'src/a.js', reason: '1.2 MB is over the 1 MB limit' }]);
  });

  it('lists a file once when both its versions are over the limit', async () => {
    const filler = Array.from({ length: 16_000 }, () => `// ${'x'.repeat(77)}`);
    const base = [file('src/a.js', complexFunction('legacy', 10), filler)];
    const head = [file('src/a.js', complexFunction('legacy', 11), filler)];
    const result = await change(base, head);
    expect(result.skipped).toEqual([{ path: 'src/a.js', reason: '1.2 MB is over the 1 MB limit' }]);
    expect(result.newFindings).toEqual([]);
    expect(result.fixedFindings).toEqual([]);
  });

  it('says when a changed file has no head content, and rejects unreadable diffs clearly', async () => {
    const diff = unifiedDiff('src/a.js', 'src/a.js', 'a', 'b');
    const result = await analyzeChangeWith(fakePorts(), { base: [], head: [], diff });
    expect(result.skipped).toEqual([
      {
        path: 'src/a.js',
        reason: 'changed in the diff, but its head content was not provided',
        kind: 'not-analysed',
      },
    ]);
    await expect(analyzeChangeWith(fakePorts(), { base: [], head: [], diff: 'not a diff' })).rejects.toThrow(
      /^The diff could not be read: Diff line 1/,
    );
  });
});
