import { code, fn, measure } from './measure';
import { analyzeFileMetrics } from '../../../src/engine/metrics';

describe('PHP', () => {
  test('functions, methods, closures and arrow functions with their parameters', async () => {
    const { functions } = await measure(
      'a.php',
      code(
        '<?php',
        'class A {',
        '  public function m(int $a, ...$rest): int {',
        '    $f = function ($p) use ($q) { return $p; };',
        '    $g = fn($p, $r) => $p;',
        '    return 0;',
        '  }',
        '}',
        'function top($a) { return $a; }',
      ),
    );
    expect(functions.map((f) => [f.name, f.params])).toEqual([
      ['m', 2],
      ['$f', 1],
      ['$g', 2],
      ['top', 1],
    ]);
  });

  test('lizard CCN: `elseif foreach match case ?` count; `??`, `?->`, `and`, `default` do not', async () => {
    const f = await fn(
      'a.php',
      code(
        '<?php',
        'function f($a, $b, $o) {',
        '  foreach ($a as $x) { if ($x && $b) { continue; } elseif ($x || $b) {} else {} }', // foreach if && elseif ||
        '  $y = match($a) { 1 => 2, default => 3 };', // match
        '  switch ($a) { case 1: break; default: }', // case
        '  $z = $a ? 1 : ($b ?? $o?->p);', // ?
        '  return $a and $b;',
        '}',
      ),
    );
    expect(f.cyclomatic).toBe(9);
    // foreach +1, if +2, && +1, elseif +1, || +1, else +1, match +1, switch +1, ternary +1, and +1
    expect(f.cognitive).toBe(11);
  });

  test('`else if` is an else-if; calls of itself through $this and self:: add nothing (sonar-php counts no recursion)', async () => {
    const f = await fn(
      'a.php',
      code(
        '<?php',
        'class A { function r($n) {',
        '  if ($n < 1) { return 0; } else if ($n < 2) { return $this->r($n - 1); } else { return self::r(0); }',
        '} }',
      ),
    );
    expect(f).toMatchObject({ cognitive: 3, cyclomatic: 3, maxNesting: 1 });
  });

  test('a syntax error gives partial results and a note', async () => {
    const metrics = await analyzeFileMetrics({
      path: 'a.php',
      text: code(
        '<?php',
        'function ok($a) { if ($a > 0) { return 1; } return 0; }',
        'function broken( {',
        '',
      ),
    });
    expect(metrics.note).toMatch(/syntax error near line 3/);
    expect(metrics.functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2, params: 1 });
  });
});
