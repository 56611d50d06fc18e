import { code, fn, measure } from './measure';
import { analyzeFileMetrics } from '../../../src/engine/metrics';

describe('Go', () => {
  test('lizard testGo: parameters, receivers, return values', async () => {
    const { functions } = await measure(
      'a.go',
      code(
        'package a',
        'func sayGoodbye(personName string, alreadyGreeted chan bool) { }',
        'func (s Stru) twoResults(p int) (string, error) { }',
        'func grouped(a, b int, c ...string) {}',
        'func (m MyComparator) Handle(f func(int) string) {}',
      ),
    );
    expect(functions.map((f) => [f.name, f.params])).toEqual([
      ['sayGoodbye', 2],
      ['twoResults', 1],
      ['grouped', 3],
      ['Handle', 1],
    ]);
  });

  test('lizard testGo: `if ++diceRoll == 7` is CCN 2; nested func literals are functions', async () => {
    expect(
      (await fn('a.go', 'package a\nfunc f() { if ++diceRoll == 7 { diceRoll = 1 } }\n')).cyclomatic,
    ).toBe(2);
    const { functions } = await measure(
      'a.go',
      code(
        'package a',
        'func sayGoodbye() {',
        '  f1 := func() {}',
        '  f2 := func(n int) {}',
        '  f3 := func() int {',
        '    return 0',
        '  }',
        '}',
      ),
    );
    expect(functions.map((f) => [f.name, f.params, f.lines])).toEqual([
      ['sayGoodbye', 0, 7],
      ['(anonymous)', 0, 1],
      ['(anonymous)', 1, 1],
      ['(anonymous)', 0, 3],
    ]);
  });

  test('every `case` of switch, type switch and select counts; `default` does not', async () => {
    const f = await fn(
      'a.go',
      code(
        'package a',
        'func f(x interface{}, ch chan int) {',
        '  switch x.(type) { case int, string: ; default: }',
        '  select { case <-ch: ; default: }',
        '  for i := 0; i < 3 && ok; i++ {}',
        '}',
      ),
    );
    expect(f.cyclomatic).toBe(5);
    expect(f.cognitive).toBe(4); // type switch +1, select +1, for +1, && +1
  });

  test('nesting and bumps', async () => {
    const f = await fn(
      'a.go',
      code(
        'package a',
        'func f(xs []int) {',
        '  for _, x := range xs {',
        '    if x > 0 { switch x { case 1: } }',
        '  }',
        '}',
      ),
    );
    expect(f).toMatchObject({ maxNesting: 3, bumps: 1, cognitive: 6 });
  });

  test('a syntax error gives partial results and a note', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'a.go',
      text: code('package a', 'func ok(a int) int { if a > 0 { return 1 }; return 0 }', 'func broken( {', ''),
    });
    expect(metrics.note).toMatch(/syntax error near line 3/);
    expect(metrics.functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2, params: 1 });
  });
});
