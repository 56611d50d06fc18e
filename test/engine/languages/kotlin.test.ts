import { code, fn, measure } from './measure';
import { analyzeFileMetrics, detectLanguage } from '../../../src/engine/metrics';

describe('Kotlin', () => {
  test.each([
    ['src/main/kotlin/App.kt', 'kotlin'],
    ['build.gradle.kts', 'kotlin'],
    ['Script.KTS', 'kotlin'],
  ])('%s is %s', (path, language) => {
    expect(detectLanguage(path, '')).toBe(language);
  });

  test('fun declarations, constructors and accessors with bodies, lambdas and anonymous functions', async () => {
    const { functions } = await measure(
      'A.kt',
      code(
        'class A(val x: Int) {',
        '  constructor(a: Int, b: String) : this(a) { println(b) }',
        '  constructor(a: Long) : this(a.toInt())', // no body: not a function
        '  var q: Int = 0',
        '    get() { return field }',
        '    private set', // no body: not a function
        '  var r: Int = 0',
        '    set(value) { field = value }',
        '  fun <T> f(a: Int, vararg b: T, c: (Int) -> Int = { it }): Int? {',
        '    val g = fun(y: Int): Int { return y }',
        '    val h = { u: Int, (v, w) -> u + v + w }',
        '    return null',
        '  }',
        '}',
        'fun String.ext(): Int = length',
      ),
    );
    expect(functions.map((f) => [f.name, f.params])).toEqual([
      ['constructor', 2],
      ['get', 0],
      ['set', 1],
      ['f', 3],
      ['(anonymous)', 0], // the default value `{ it }`
      ['g', 1],
      ['h', 2],
      ['ext', 0],
    ]);
  });

  test('lizard CCN: `if for while catch && || ?:`, no `case`; `else` adds nothing', async () => {
    const f = await fn(
      'A.kt',
      code(
        'fun f(xs: List<Int>?, n: Int): Int {',
        '  var m = n',
        '  if (m > 0 && xs != null || m < -1) { m++ } else { m-- }',
        '  for (x in xs ?: emptyList()) m += x',
        '  while (m > 0) m--',
        '  do { m++ } while (m < 0)',
        '  try { m = m / 2 } catch (e: Exception) {} finally {}',
        '  return xs?.size ?: m',
        '}',
      ),
    );
    // if + && + || + for + ?: + while + while + catch + ?:  (`?.` and `List<Int>?` add nothing)
    expect(f.cyclomatic).toBe(10);
  });

  test('a `when` counts its branches less one, with or without `else`', async () => {
    const withElse = await fn(
      'A.kt',
      code(
        'fun f(n: Int) = when (n) {',
        '  1, 2 -> "a"',
        '  in 3..4 -> "b"',
        '  is Int -> "c"',
        '  else -> "d"',
        '}',
      ),
    );
    expect(withElse.cyclomatic).toBe(4); // 1 + (4 branches - 1); `1, 2` is one branch
    const withoutElse = await fn('A.kt', code('fun f(a: Boolean) {', '  when { a -> g() }', '}'));
    expect(withoutElse.cyclomatic).toBe(1);
    const nested = await fn(
      'A.kt',
      code('fun f(n: Int, m: Int) = when (n) {', '  1 -> when (m) { 1 -> 1; else -> 2 }', '  else -> 3', '}'),
    );
    expect(nested.cyclomatic).toBe(3);
    expect(nested.cognitive).toBe(3); // +1, then +2 at nesting 1
  });

  test('decisions inside string templates are not counted (lizard sees one string token)', async () => {
    const f = await fn('A.kt', code('fun f(a: Boolean, s: String?) = "${if (a) 1 else 2} ${s ?: "-"}"'));
    expect(f.cyclomatic).toBe(1);
    expect(f.cognitive).toBe(2); // the `if` and its `else` still count for Sonar
  });

  test('labelled break/continue count for cognitive, plain ones and `return@label` do not', async () => {
    const f = await fn(
      'A.kt',
      code(
        'fun f(xs: List<Int>) {',
        '  loop@ for (x in xs) {',
        '    if (x == 0) break',
        '    if (x == 1) continue',
        '    if (x == 2) break@loop',
        '  }',
        '  xs.forEach { if (it > 0) return@forEach }',
        '}',
      ),
      'f',
    );
    // for +1, three ifs +2 each, break@loop +1, the lambda's if +2 (nesting 1 in f)
    expect(f.cognitive).toBe(10);
  });

  test('else-if chains, a call of itself through `this` (no recursion increment, as in sonar-kotlin), nesting, bumps and condition operators', async () => {
    const f = await fn(
      'A.kt',
      code(
        'class A {',
        '  fun f(xs: List<Int>, a: Boolean, b: Boolean): Int {',
        '    for (x in xs) {',
        '      if (a && b || x > 0) { while (a) {} }',
        '    }',
        '    if (a) { if (b) {} }',
        '    return if (a) 1 else if (b) 2 else this.f(xs, b, a)',
        '  }',
        '}',
      ),
    );
    expect(f).toMatchObject({ maxNesting: 3, bumps: 2, maxConditionOperators: 2, maxConditionLine: 4 });
    // for 1, if 2, && || 2, while 3, if 1, if 2, if 1, else if 1, else 1; sonar-kotlin counts no recursion
    expect(f.cognitive).toBe(14);
  });

  test('an else branch that is itself a call, logical expression or `when` keeps its increments', async () => {
    const f = await fn(
      'A.kt',
      code(
        'fun g(a: Boolean, b: Boolean, n: Int): Boolean {',
        '  if (b) {} else g(a, b, n - 1)',
        '  return if (a) true else if (b) a || b else when (n) { 1 -> b; else -> a && b }',
        '}',
      ),
    );
    // if 1, else 1; if 1, else if 1, || 1, else 1, when 2 (nesting 1), && 1 (no recursion increment)
    expect(f.cognitive).toBe(9);
    expect(f.cyclomatic).toBe(7); // if, if, if, ||, when (2 - 1), &&
  });

  test('a one-line class body is measured but noted: grammar 1.1.0 wants a newline before `}`', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'A.kt',
      text: 'object O { fun g(a: Int) = if (a > 0) 1 else 0 }\n',
    });
    expect(metrics.note).toMatch(/syntax error near line 1/);
    expect(metrics.functions).toMatchObject([{ name: 'g', cyclomatic: 2, cognitive: 2, params: 1 }]);
  });

  test('a syntax error gives partial results and a note', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'A.kt',
      text: code('fun ok(a: Int): Int { if (a > 0) return 1; return 0 }', 'fun broken( {', '}'),
    });
    expect(metrics.language).toBe('kotlin');
    expect(metrics.note).toMatch(/syntax error near line 2/);
    expect(metrics.functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2, params: 1 });
  });
});
