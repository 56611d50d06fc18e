import { code, fn, measure } from './measure';
import { analyzeFileMetrics } from '../../../src/engine/metrics';

describe('Java', () => {
  test('methods, constructors and lambdas are functions with their parameter counts', async () => {
    const { functions } = await measure(
      'A.java',
      code(
        'class A {',
        '  A(int x, String y) { super(); }',
        '  void fun() throws E1, E2 {}', // lizard testJava: throws clause
        '  @Override public int v(String... args) { return 0; }',
        '  void g() {',
        '    Runnable r = () -> {};',
        '    Function<Integer, Integer> f = x -> x;',
        '    BiFunction<Integer, Integer, Integer> h = (a, b) -> a;',
        '  }',
        '}',
      ),
    );
    expect(functions.map((f) => [f.name, f.params])).toEqual([
      ['A', 2],
      ['fun', 0],
      ['v', 1],
      ['g', 0],
      ['r', 0],
      ['f', 1],
      ['h', 2],
    ]);
  });

  test('lizard CCN: base set; `?` of a wildcard counts, `default` and `else` do not', async () => {
    const f = await fn(
      'A.java',
      code(
        'class A { int f(List<? extends T> xs, int n) {',
        '  if (n > 0 && xs != null || n < -1) { n++; } else { n--; }',
        '  while (n > 0) n--;',
        '  switch (n) { case 1: case 2: break; default: break; }',
        '  try { n = n > 1 ? 1 : 0; } catch (Exception e) {} finally {}',
        '  return n;',
        '} }',
      ),
    );
    // ? (wildcard) + if + && + || + while + case + case + ? + catch
    expect(f.cyclomatic).toBe(10);
  });

  test('nesting, bumps and condition operators', async () => {
    const f = await fn(
      'A.java',
      code(
        'class A { void f(int[] xs, boolean a, boolean b) {',
        '  for (int x : xs) {',
        '    if (a && b || x > 0) { while (a) {} }',
        '  }',
        '  if (a) { if (b) {} }',
        '} }',
      ),
    );
    expect(f).toMatchObject({ maxNesting: 3, bumps: 2, maxConditionOperators: 2, maxConditionLine: 3 });
  });

  test('an else branch that is a loop keeps its own increment', async () => {
    const f = await fn(
      'A.java',
      code('class A { void f(boolean a) {', '  if (a) {} else while (a) {}', '} }'),
    );
    expect(f.cognitive).toBe(4); // if 1, else 1, while 2 (nesting 1)
  });

  test('anonymous-class methods are functions nested in their method', async () => {
    const { functions } = await measure(
      'A.java',
      code('class A { void f() {', '  new Thread() { public void run() { if (x) {} } };', '} }'),
    );
    expect(functions.map((f) => [f.name, f.cyclomatic, f.cognitive])).toEqual([
      ['f', 1, 2],
      ['run', 2, 1],
    ]);
  });

  test('a syntax error gives partial results and a note', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'A.java',
      text: code('class A {', '  int ok(int a) { if (a > 0) return 1; return 0; }', '  void broken( {', '}'),
    });
    expect(metrics.note).toMatch(/syntax error near line 3/);
    expect(metrics.functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2, params: 1 });
  });
});
