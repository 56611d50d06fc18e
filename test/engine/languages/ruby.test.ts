import { code, fn, measure } from './measure';
import { analyzeFileMetrics } from '../../../src/engine/metrics';

describe('Ruby', () => {
  test('`def`s are functions (blocks and lambdas are not), with all parameter kinds', async () => {
    const { functions } = await measure(
      'a.rb',
      code(
        'class A',
        '  def m(a, b = 1, *c, d:, **e, &f)',
        '    xs.each { |v| puts v if v }',
        '    l = ->(q) { q }',
        '  end',
        '  def self.s; end',
        'end',
        'def top a, b',
        '  1',
        'end',
      ),
    );
    expect(functions.map((f) => [f.name, f.params, f.cyclomatic])).toEqual([
      ['m', 6, 2],
      ['s', 0, 1],
      ['top', 2, 1],
    ]);
  });

  test('lizard CCN: `if elsif until for while rescue ensure when and or && || ?`; not `unless`/`case`', async () => {
    const f = await fn(
      'a.rb',
      code(
        'def f(a, b)',
        '  if a && b then 1 elsif a or b then 2 else 3 end', // if && elsif or
        '  x = 1 unless a',
        '  y = a ? 1 : 2', // ?
        '  until a do end', // until
        '  for i in [1] do end', // for
        '  case a when 1, 2 then 1 when 3 then 2 else 0 end', // when when
        '  begin',
        '    risky',
        '  rescue StandardError', // rescue
        '    retry',
        '  ensure', // ensure
        '    done',
        '  end',
        'end',
      ),
    );
    expect(f.cyclomatic).toBe(12);
    // if +1, && +1, elsif +1, or +1, else +1, unless +1, ternary +1, until +1, for +1, case +1, rescue +1
    expect(f.cognitive).toBe(11);
  });

  test('nesting inside blocks; a call of itself adds nothing (SLang counts no recursion)', async () => {
    const f = await fn(
      'a.rb',
      code(
        'def fact(n)',
        '  while n > 10',
        '    n -= 1 if n.odd?',
        '  end',
        '  n <= 1 ? 1 : n * fact(n - 1)',
        'end',
      ),
    );
    expect(f).toMatchObject({ cognitive: 4, cyclomatic: 4, maxNesting: 2, params: 1 });
  });

  test('a syntax error gives partial results and a note', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'a.rb',
      text: code('def ok(a)', '  a > 0 ? 1 : 0', 'end', 'def broken(', ''),
    });
    expect(metrics.note).toMatch(/syntax error near line 4/);
    expect(metrics.functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2, params: 1 });
  });
});
