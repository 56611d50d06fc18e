/**
 * `ownLines`: a function's lines that no nested function spans, which Large Method measures. A test suite's
 * `describe` callback is a few lines of its own however many `it` callbacks it holds.
 */
import { analyzeFileMetrics } from '../../../src/engine/metrics';

function itBlock(n: number): string {
  return [
    `  it('case ${n}', () => {`,
    `    const value = run(${n});`,
    `    expect(value).toBe(${n});`,
    '  });',
    '',
  ].join('\n');
}

test('a describe callback holding 40 it callbacks is long in span but short on its own', async () => {
  const text = `describe('orders', () => {\n  const run = (n) => n;\n\n${Array.from({ length: 40 }, (_, i) => itBlock(i)).join('\n')}});\n`;
  const { functions } = await analyzeFileMetrics({ path: 'orders.test.js', text });
  const suite = functions.find((fn) => fn.startLine === 1);
  expect(suite?.lines).toBeGreaterThan(200);
  // Its own lines: the describe line, the blank lines between the callbacks and the closing line. The one-line
  // `run` arrow and the forty four-line `it` callbacks are functions of their own.
  expect(suite?.ownLines).toBe((suite?.lines ?? 0) - 1 - 40 * 4);
  expect(suite?.ownLines).toBeLessThan(70);
  const first = functions.find((fn) => fn.startLine === 4);
  expect(first).toMatchObject({ lines: 4, ownLines: 4 });
});

test('siblings on one line count it once; a function with nothing nested keeps all its lines', async () => {
  const text = [
    'function outer() {', // 1
    '  a(() => {', // 2
    '    x();', // 3
    '  }, () => {', // 4: shared by both callbacks
    '    y();', // 5
    '  });', // 6
    '  return 1;', // 7
    '}', // 8
    'function flat() {', // 9
    '  return 2;', // 10
    '}', // 11
  ].join('\n');
  const { functions } = await analyzeFileMetrics({ path: 'a.js', text });
  const byLine = new Map(functions.map((fn) => [fn.startLine, fn]));
  // Lines 2–6 belong to the callbacks: outer keeps 1, 7 and 8.
  expect(byLine.get(1)).toMatchObject({ lines: 8, ownLines: 3 });
  expect(byLine.get(9)).toMatchObject({ lines: 3, ownLines: 3 });
});

test('Python: a nested def is left out of its enclosing def', async () => {
  const text = ['def outer():', '    def inner():', '        return 1', '    return inner()', ''].join('\n');
  const { functions } = await analyzeFileMetrics({ path: 'a.py', text });
  expect(functions.map((fn) => [fn.name, fn.lines, fn.ownLines])).toEqual([
    ['outer', 4, 2],
    ['inner', 2, 2],
  ]);
});
