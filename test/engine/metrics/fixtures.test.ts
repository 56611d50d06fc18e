/**
 * Hand-written fixtures with expected values in `// expect cognitive N cyclomatic M` comments on each
 * function's first line (Sonar whitepaper and SonarJS examples; lizard's counting rules).
 */
import { analyzeFileMetrics } from '../../../src/engine/metrics';
import { readAnnotatedFixture } from './reference/annotated-fixtures';

describe.each(['sonar-cognitive.js', 'sonar-cognitive.py'])('%s', (name) => {
  const { text, expected } = readAnnotatedFixture(name);

  test('every annotated function has the expected cognitive and cyclomatic complexity', async () => {
    const metrics = await analyzeFileMetrics({ path: name, text });
    const actual = new Map(
      metrics.functions.map((fn) => [fn.startLine, { cognitive: fn.cognitive, cyclomatic: fn.cyclomatic }]),
    );
    expect(expected.size).toBeGreaterThan(2);
    for (const [line, values] of expected) {
      expect({ line, ...actual.get(line) }).toEqual({ line, ...values });
    }
  });
});
