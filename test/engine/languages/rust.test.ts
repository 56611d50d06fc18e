import { code, fn, measure } from './measure';
import { analyzeFileMetrics } from '../../../src/engine/metrics';

describe('Rust', () => {
  test('functions, methods and closures with their parameters (`self` counts, like lizard)', async () => {
    const { functions } = await measure(
      'a.rs',
      code(
        'impl S {',
        '    pub fn m(&self, a: i32, (b, c): (i32, i32)) -> i32 { a }',
        '}',
        'fn generic<T>(t: T) -> T where T: Clone {',
        '    let add = |p, q| p + q;',
        '    t',
        '}',
        'trait Tr { fn declared(&self); }',
      ),
    );
    expect(functions.map((f) => [f.name, f.params])).toEqual([
      ['m', 3],
      ['generic', 1],
      ['add', 2],
    ]);
  });

  test('lizard CCN: `match`, `where` and `?` count; match arms and `loop` do not', async () => {
    const f = await fn(
      'a.rs',
      code(
        'fn f<T>(v: Option<i32>) -> Result<i32, E> where T: Copy {', // where
        '    let x = match v { Some(y) if y > 0 => 1, Some(_) => 2, None => 3 };', // match, if
        '    loop { if x > 1 && x < 9 { break; } }', // if, &&
        '    while let Some(z) = it.next() {}', // while
        '    let w = parse()?;', // ?
        '    Ok(x)',
        '}',
      ),
    );
    expect(f.cyclomatic).toBe(8);
  });

  test('cognitive: labelled continue, else-if chains; calls of itself through Self and self add nothing (sonar-rust)', async () => {
    const f = await fn(
      'a.rs',
      code(
        'impl S {',
        '    fn walk(&self, n: u32) -> u32 {',
        "        'outer: for i in 0..n {", // +1
        '            for j in 0..i {', // +2
        "                if i % j == 0 { continue 'outer; }", // +3, +1
        '            }',
        '        }',
        '        if n == 0 { 0 } else if n == 1 { self.walk(0) } else { Self::walk(self, n - 1) }', // +1 +1 +1
        '    }',
        '}',
      ),
    );
    expect(f).toMatchObject({ cognitive: 10, cyclomatic: 6, maxNesting: 3 });
  });

  test('a syntax error gives partial results and a note', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'a.rs',
      text: code('fn ok(a: i32) -> i32 { if a > 0 { 1 } else { 0 } }', 'fn broken( {', ''),
    });
    expect(metrics.note).toMatch(/syntax error near line 2/);
    expect(metrics.functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2, params: 1 });
  });
});
