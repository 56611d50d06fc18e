/**
 * Sonar whitepaper examples (sumOfPrimes = 7, getWords = 1) and their ports, with expected values in
 * `// expect cognitive N cyclomatic M` comments on each function's first line.
 */
import { analyzeFileMetrics } from '../../../src/engine/metrics';
import { readAnnotatedFixture } from '../metrics/reference/annotated-fixtures';

describe.each([
  ['sonar-cognitive.java', 'java'],
  ['sonar-cognitive.go', 'go'],
  ['sonar-cognitive.cs', 'csharp'],
  ['sonar-cognitive.c', 'c'],
  ['sonar-cognitive.cpp', 'cpp'],
  ['sonar-cognitive.kt', 'kotlin'],
])('%s', (name, language) => {
  const { text, expected } = readAnnotatedFixture(name);

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
