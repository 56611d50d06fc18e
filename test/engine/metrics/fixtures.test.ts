/**
 * Hand-written fixtures with expected values in `// expect cognitive N cyclomatic M` comments on each
 * function's first line (Sonar whitepaper and SonarJS examples; lizard's counting rules).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFileMetrics } from '../../../src/engine/metrics';

const FIXTURES = join(__dirname, '../../fixtures/metrics');
const EXPECT = /expect cognitive (\d+) cyclomatic (\d+)/;

function expectations(text: string): Map<number, { cognitive: number; cyclomatic: number }> {
  const map = new Map<number, { cognitive: number; cyclomatic: number }>();
  text.split('\n').forEach((line, i) => {
    const match = EXPECT.exec(line);
    if (match) map.set(i + 1, { cognitive: Number(match[1]), cyclomatic: Number(match[2]) });
  });
  return map;
}

describe.each(['sonar-cognitive.js', 'sonar-cognitive.py'])('%s', (name) => {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  const expected = expectations(text);

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
