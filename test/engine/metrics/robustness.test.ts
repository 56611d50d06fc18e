import { analyzeFileMetrics, analyzeFileMetricsSync, MAX_FILE_BYTES } from '../../../src/engine/metrics';

describe('analyzeFileMetrics on awkward input', () => {
  test('empty file: no lines, no functions, no note', async () => {
    expect(await analyzeFileMetrics({ path: 'a.ts', text: '' })).toEqual({
      path: 'a.ts',
      language: 'typescript',
      lines: 0,
      codeLines: 0,
      functions: [],
    });
  });

  test('BOM and CRLF do not shift lines or hide functions', async () => {
    const text = '\uFEFF// header\r\n\r\nfunction f(a) {\r\n  if (a) return 1;\r\n}\r\n';
    const metrics = await analyzeFileMetrics({ path: 'a.js', text });
    expect(metrics.lines).toBe(5);
    expect(metrics.codeLines).toBe(3);
    expect(metrics.functions).toMatchObject([
      { name: 'f', startLine: 3, endLine: 5, cyclomatic: 2, params: 1 },
    ]);
  });

  test('syntax errors give partial results and a note', async () => {
    const text = 'function ok(a) { if (a) {} }\nfunction broken( {\n';
    const metrics = await analyzeFileMetrics({ path: 'a.js', text });
    expect(metrics.note).toMatch(/syntax error near line 2/);
    expect(metrics.functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2 });
  });

  test('U+FFFD replacement characters are tolerated', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'a.js',
      text: 'const s = "\uFFFD";\nfunction f() {}\n',
    });
    expect(metrics.functions).toHaveLength(1);
    expect(metrics.note).toBeUndefined();
  });

  test('files over the size limit are skipped with a reason', async () => {
    const text = 'x = 1;\n'.repeat(Math.ceil(MAX_FILE_BYTES / 7) + 10);
    const metrics = await analyzeFileMetrics({ path: 'big.js', text });
    expect(metrics.functions).toEqual([]);
    expect(metrics.note).toBe('skipped: 1,048,649 bytes is over the 1,048,576-byte limit');
    expect(metrics.lines).toBeGreaterThan(20_000);
  });

  test('minified code is skipped with a reason', async () => {
    const text = 'function f(a){return a?1:2}'.repeat(300);
    const metrics = await analyzeFileMetrics({ path: 'app.min.js', text });
    expect(metrics.functions).toEqual([]);
    expect(metrics.note).toMatch(/minified/);
  });

  test('a parse that exceeds the time budget is cancelled with a note', async () => {
    const text = 'function f(a) { return a && a; }\n'.repeat(3000);
    const metrics = await analyzeFileMetrics({ path: 'slow.js', text }, { timeoutMs: 0 });
    expect(metrics.note).toMatch(/longer than 0 ms/);
    // Its functions were never measured: a shortfall the gate cannot pass (docs/gate.md).
    expect(metrics.noteKind).toBe('not-analysed');
    expect(metrics.functions).toEqual([]);
  });

  test('unknown files get line counts only', () => {
    const metrics = analyzeFileMetricsSync({ path: 'notes.txt', text: 'a\n\nb\n' });
    expect(metrics).toEqual({ path: 'notes.txt', language: 'text', lines: 3, codeLines: 2, functions: [] });
  });
});

describe('per-function shape metrics', () => {
  const text = [
    'function shape(a, b, c) {', // 1
    '  if (a) {', // 2  level 1, bump 1
    '    for (const x of b) {', // 3 level 2
    '      if (x && c || b) {}', // 4 level 3, two operators
    '    }',
    '  }',
    '  if (b) { if (c) {} }', // 7 bump 2
    '  if (c) {}', // 8 flat: no bump
    '}',
  ].join('\n');

  test('nesting, bumps and the most complex condition', async () => {
    const [fn] = (await analyzeFileMetrics({ path: 's.js', text })).functions;
    expect(fn).toMatchObject({
      params: 3,
      maxNesting: 3,
      bumps: 2,
      maxConditionOperators: 2,
      maxConditionLine: 4,
      lines: 9,
    });
  });
});
