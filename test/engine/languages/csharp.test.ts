import { code, fn, measure } from './measure';
import { analyzeFileMetrics } from '../../../src/engine/metrics';

describe('C#', () => {
  test('methods, constructors, operators, local functions and lambdas', async () => {
    const { functions } = await measure(
      'A.cs',
      code(
        'class A {',
        '  A(int x) : base(x) { }',
        '  ~A() { }',
        '  int Sum(int[] xs, params int[] ys) {',
        '    int Local(int z) => z;',
        '    Func<int, int> f = x => x;',
        '    var g = delegate (int a, int b) { return a; };',
        '    return 0;',
        '  }',
        '  public static A operator +(A a, A b) => a;',
        '  int P { get; set; }',
        '}',
      ),
    );
    expect(functions.map((f) => [f.name, f.params])).toEqual([
      ['A', 1],
      ['~A', 0],
      ['Sum', 2],
      ['Local', 1],
      ['f', 1],
      ['g', 2],
      ['operator +', 2],
    ]);
  });

  test('lizard CCN: base set plus `??`; every other `?` is a token of its own', async () => {
    const f = await fn(
      'A.cs',
      code(
        'class A { int F(int? a, string s) {',
        '  a ??= 1;', // ??
        '  var n = s?.Length ?? 0;', // ? and ??
        '  foreach (var c in s) { if (c == 0 && n > 1) return 1; }', // if, &&
        '  switch (n) { case 1: case 2: return 2; default: return 0; }', // case, case
        '} }',
      ),
    );
    // int? (1) + 7 above
    expect(f.cyclomatic).toBe(9);
  });

  // sonar-dotnet: `try` does not nest, so if +1, goto +2 (nesting 1), catch +1 (its `when` filter has no operator).
  test('`goto` is a structural increment, as sonar-dotnet scores it; `try` does not nest', async () => {
    const f = await fn(
      'A.cs',
      code(
        'class A { void F(bool a) {',
        '  try { if (a) goto done; } catch (Exception) when (a) { } finally { }',
        '  done: ;',
        '} }',
      ),
    );
    expect(f).toMatchObject({ cognitive: 4, cyclomatic: 3, maxNesting: 1 });
  });

  test('a syntax error gives partial results and a note', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'A.cs',
      text: code('class A {', '  int Ok(int a) { if (a > 0) return 1; return 0; }', '  void Broken( {', '}'),
    });
    expect(metrics.note).toMatch(/syntax error near line 3/);
    expect(metrics.functions[0]).toMatchObject({ name: 'Ok', cyclomatic: 2, params: 1 });
  });
});
