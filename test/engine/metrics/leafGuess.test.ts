import { analyzeFileMetrics } from '../../../src/engine/metrics';

/**
 * The walker skips descending into nodes whose type it guesses to be a leaf, learns from wrong guesses and
 * then walks the file again in full (functionWalker.ts). These cases make the guesses wrong on purpose;
 * the metrics must be those of a full walk every time. The order of the tests matters: the guesses are
 * learned per language for the life of the process (here, of this test file).
 */
describe('leaf guessing in the metrics walk', () => {
  const js = 'function f(a, b) {\n  if (a && b) {\n    return 1;\n  }\n  return 0;\n}\n';
  const jsMetrics = {
    name: 'f',
    startLine: 1,
    endLine: 6,
    cyclomatic: 3,
    cognitive: 2,
    params: 2,
    maxNesting: 1,
    lines: 6,
    ownLines: 6,
    bumps: 0,
    maxConditionOperators: 1,
    maxConditionLine: 2,
  };

  test('a named type first seen without children (an empty program) is still entered later', async () => {
    expect((await analyzeFileMetrics({ path: 'empty.js', text: '' })).functions).toEqual([]);
    expect((await analyzeFileMetrics({ path: 'a.js', text: js })).functions).toEqual([jsMetrics]);
    expect((await analyzeFileMetrics({ path: 'b.js', text: js })).functions).toEqual([jsMetrics]);
  });

  test('anonymous nodes with children (Python `is not`, `not in`) are walked in full', async () => {
    const py = 'def g(x, y):\n    if x is not None and y not in x:\n        return 1\n    return 0\n';
    const expected = [
      {
        name: 'g',
        startLine: 1,
        endLine: 4,
        cyclomatic: 3,
        cognitive: 2,
        params: 2,
        maxNesting: 1,
        lines: 4,
        ownLines: 4,
        bumps: 0,
        maxConditionOperators: 1,
        maxConditionLine: 2,
      },
    ];
    // First call: the guess is wrong and corrected; second call: the learned table is used.
    expect((await analyzeFileMetrics({ path: 'a.py', text: py })).functions).toEqual(expected);
    expect((await analyzeFileMetrics({ path: 'b.py', text: py })).functions).toEqual(expected);
  });
});
