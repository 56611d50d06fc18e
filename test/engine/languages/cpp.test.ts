import { code, measure } from './measure';
import { analyzeFileMetrics } from '../../../src/engine/metrics';

describe('C++', () => {
  test('methods, constructors, destructors, operators, templates and lambdas', async () => {
    const { functions } = await measure(
      'a.cpp',
      code(
        'int A::f(int a, char **b, ...) const { return 0; }',
        'struct S {',
        '  S(int x) : y(x) {}',
        '  ~S() {}',
        '  virtual void pure() = 0;',
        '  bool operator==(const S &) const { return true; }',
        '};',
        'template <typename T> T g(T t) {',
        '  auto twice = [](T v, T w) { return v + w; };',
        '  return twice(t, t);',
        '}',
      ),
    );
    expect(functions.map((f) => [f.name, f.params])).toEqual([
      ['A::f', 3],
      ['S', 1],
      ['~S', 0],
      ['operator==', 1],
      ['g', 1],
      ['twice', 2],
    ]);
  });

  test('range-for and catch count like lizard; lambdas are excluded from their parent', async () => {
    const { functions } = await measure(
      'a.cpp',
      code(
        'void f(std::vector<int> xs) {',
        '  for (auto x : xs) {',
        '    try { use(x); } catch (const E &e) { if (x) throw; }',
        '  }',
        '  std::sort(xs.begin(), xs.end(), [](int a, int b) { return a < b || a == 0; });',
        '}',
      ),
    );
    expect(functions.map((f) => [f.name, f.cyclomatic, f.cognitive, f.maxNesting])).toEqual([
      ['f', 4, 7, 3],
      ['(anonymous)', 2, 1, 0],
    ]);
  });

  test('`.h` headers are parsed as C++', async () => {
    const metrics = await measure('a.h', code('class A { int get() const { return x ? 1 : 2; } };'));
    expect(metrics.language).toBe('cpp');
    expect(metrics.functions).toMatchObject([{ name: 'get', cyclomatic: 2 }]);
  });

  test('a syntax error gives partial results and a note', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'a.cpp',
      text: code('int ok(int a) { if (a > 0) return 1; return 0; }', 'void broken( {', ''),
    });
    expect(metrics.note).toMatch(/syntax error near line 2/);
    expect(metrics.functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2, params: 1 });
  });
});
