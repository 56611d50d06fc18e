/**
 * Sonar whitepaper examples (sumOfPrimes = 7, getWords = 1) and their ports, with expected values in
 * `// expect cognitive N cyclomatic M` comments on each function's first line.
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

describe.each([
  ['sonar-cognitive.java', 'java'],
  ['sonar-cognitive.go', 'go'],
  ['sonar-cognitive.cs', 'csharp'],
  ['sonar-cognitive.c', 'c'],
  ['sonar-cognitive.cpp', 'cpp'],
  ['sonar-cognitive.kt', 'kotlin'],
])('%s', (name, language) => {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  const expected = expectations(text);

  test(`parses as ${language} without errors, one function per annotation`, async () => {
    const metrics = await analyzeFileMetrics({ path: name, text });
    expect(metrics.language).toBe(language);
    expect(metrics.note).toBeUndefined();
    expect(metrics.functions.map((fn) => fn.startLine).sort((a, b) => a - b)).toEqual(
      [...expected.keys()].sort((a, b) => a - b),
    );
  });

  test('every annotated function has the expected cognitive and cyclomatic complexity', async () => {
    const metrics = await analyzeFileMetrics({ path: name, text });
    const actual = new Map(
      metrics.functions.map((fn) => [fn.startLine, { cognitive: fn.cognitive, cyclomatic: fn.cyclomatic }]),
    );
    expect(expected.size).toBeGreaterThan(3);
    for (const [line, values] of expected) {
      expect({ line, ...actual.get(line) }).toEqual({ line, ...values });
    }
  });
});
