import { code, fn, measure } from './measure';
import { analyzeFileMetrics } from '../../../src/engine/metrics';

describe('C', () => {
  test('names and parameters: pointers, function pointers, varargs, `(void)`', async () => {
    const { functions } = await measure(
      'a.c',
      code(
        'static int f(int a, int (*cb)(int), ...) { return 0; }',
        'char *dup(const char *s) { return 0; }',
        'void none(void) {}',
        'int old() {}',
      ),
    );
    expect(functions.map((f) => [f.name, f.params])).toEqual([
      ['f', 3],
      ['dup', 1],
      ['none', 0],
      ['old', 0],
    ]);
  });

  test('lizard CCN: `if for while case && || ?`; `else`, `default`, `do` add nothing', async () => {
    const f = await fn(
      'a.c',
      code(
        'int f(int n) {',
        '  if (n > 0 && n < 9) { n++; } else if (n == 0 || n == -1) { n--; } else { n = 1; }',
        '  for (;;) { break; }',
        '  do { n--; } while (n > 0);',
        '  switch (n) { case 1: case 2: break; default: break; }',
        '  return n ? 1 : 0;',
        '}',
      ),
    );
    expect(f.cyclomatic).toBe(10);
    expect(f).toMatchObject({ cognitive: 9, maxNesting: 1, maxConditionOperators: 1 });
  });

  test('a syntax error gives partial results and a note', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'a.c',
      text: code('int ok(int a) { if (a > 0) return 1; return 0; }', 'void broken( {', ''),
    });
    expect(metrics.note).toMatch(/syntax error near line 2/);
    expect(metrics.functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2, params: 1 });
  });
});
