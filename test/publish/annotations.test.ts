import { ANNOTATION_SUMMARY_MAX, ANNOTATIONS_PER_REPORT } from '../../src/bitbucket/limits';
import { annotationsFor } from '../../src/publish/annotations';
import { SEVERITIES_HIGH_FIRST } from '../../src/engine/types';
import { SEVERITY_CYCLE, allChanged, finding } from './fixtures';

describe('annotationsFor', () => {
  it('keeps 1,000 of 1,234 findings, highest severity first, then by path and line', () => {
    const findings = Array.from({ length: 1234 }, (_, i) =>
      finding({ severity: SEVERITY_CYCLE[i % 4]!, path: `src/f${i % 7}.ts`, line: (i % 300) + 1 }),
    );
    const annotations = annotationsFor(
      findings,
      allChanged([0, 1, 2, 3, 4, 5, 6].map((n) => `src/f${n}.ts`)),
    );
    expect(annotations).toHaveLength(ANNOTATIONS_PER_REPORT);
    const ranks = annotations.map((a) => SEVERITIES_HIGH_FIRST.indexOf(a.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // 308 CRITICAL, 308 HIGH and 309 MEDIUM all fit; 75 of the 309 LOW ones fill the rest.
    expect(annotations.filter((a) => a.severity === 'CRITICAL')).toHaveLength(308);
    expect(annotations.filter((a) => a.severity === 'LOW')).toHaveLength(1000 - 308 - 308 - 309);
    const critical = annotations
      .filter((a) => a.severity === 'CRITICAL')
      .map((a) => `${a.path}:${String(a.line).padStart(4)}`);
    expect(critical).toEqual([...critical].sort());
    expect(
      annotationsFor([...findings].reverse(), allChanged([0, 1, 2, 3, 4, 5, 6].map((n) => `src/f${n}.ts`))),
    ).toEqual(annotations);
  });

  it('trims a 600-character message to 450 characters on a word boundary with an ellipsis', () => {
    const message = Array.from({ length: 100 }, (_, i) => `word${i}`)
      .join(' ')
      .padEnd(600, ' tail');
    expect(message.length).toBeGreaterThanOrEqual(600);
    const [annotation] = annotationsFor([finding({ message })], allChanged(['src/app.ts']));
    expect(annotation!.summary.length).toBeLessThanOrEqual(ANNOTATION_SUMMARY_MAX);
    expect(annotation!.summary.length).toBeGreaterThan(400);
    expect(annotation!.summary.endsWith('…')).toBe(true);
    const kept = annotation!.summary.slice(0, -1);
    expect(message.startsWith(kept)).toBe(true);
    expect(message[kept.length]).toBe(' ');
  });

  it('publishes each fingerprint once, keeping its most severe finding', () => {
    const low = finding({ severity: 'LOW', fingerprint: 'aaaaaaaaaaaaaaaa', line: 3 });
    const high = finding({ severity: 'HIGH', fingerprint: 'aaaaaaaaaaaaaaaa', line: 4 });
    const other = finding({ fingerprint: 'bbbbbbbbbbbbbbbb' });
    const annotations = annotationsFor([low, other, high], allChanged(['src/app.ts']));
    expect(annotations.map((a) => [a.external_id, a.severity])).toEqual([
      ['aaaaaaaaaaaaaaaa', 'HIGH'],
      ['bbbbbbbbbbbbbbbb', 'HIGH'],
    ]);
  });

  it('annotates only lines the PR adds or changes; a function finding moves to its first changed line', () => {
    const changed = new Map([['src/app.ts', new Set([12, 30])]]);
    const annotations = annotationsFor(
      [
        finding({ line: 12, fingerprint: 'on-changed-line0' }),
        finding({ line: 13, fingerprint: 'unchanged-line00' }),
        finding({ line: 25, endLine: 40, fingerprint: 'function-span000' }),
        finding({ path: 'src/other.ts', line: 12, fingerprint: 'other-file000000' }),
      ],
      changed,
    );
    expect(annotations.map((a) => [a.external_id, a.line])).toEqual([
      ['on-changed-line0', 12],
      ['function-span000', 30],
    ]);
  });

  it('carries type, severity and the rule explanation', () => {
    const [a] = annotationsFor(
      [
        finding({
          ruleId: 'hard-coded-secret',
          type: 'VULNERABILITY',
          severity: 'CRITICAL',
          message: 'Possible secret',
        }),
      ],
      allChanged(['src/app.ts']),
    );
    expect(a).toMatchObject({
      annotation_type: 'VULNERABILITY',
      severity: 'CRITICAL',
      result: 'FAILED',
      path: 'src/app.ts',
    });
    expect(a!.details).toContain('rotate the credential');
  });
});

describe('one annotation per function', () => {
  it("gathers a function's function-level findings into one, at the worst severity, each listed", () => {
    const at = { path: 'src/app.ts', line: 10, endLine: 40, functionName: 'retryPolicy' };
    const annotations = annotationsFor(
      [
        finding({
          ...at,
          ruleId: 'complex-method',
          severity: 'HIGH',
          fingerprint: 'f-complex0000000',
          message: 'cyclomatic 18 (limit 9)',
        }),
        finding({
          ...at,
          ruleId: 'deep-nesting',
          severity: 'MEDIUM',
          fingerprint: 'f-nesting0000000',
          message: 'nesting 5 (limit 4)',
        }),
        finding({
          ...at,
          ruleId: 'excess-arguments',
          severity: 'MEDIUM',
          fingerprint: 'f-args000000000',
          message: '5 arguments (limit 4)',
        }),
        // Line-level findings inside the function keep their own annotation.
        finding({
          ...at,
          line: 12,
          ruleId: 'complex-conditional',
          severity: 'LOW',
          fingerprint: 'f-cond000000000',
          message: '3 operators',
        }),
      ],
      allChanged(['src/app.ts']),
    );
    expect(annotations).toHaveLength(2);
    expect(annotations[0]).toMatchObject({ external_id: 'f-complex0000000', severity: 'HIGH', line: 10 });
    // The worst first; the others (equal severity) follow, each listed once.
    const summary = annotations[0]!.summary;
    expect(summary.startsWith("3 problems in function 'retryPolicy': cyclomatic 18 (limit 9) · ")).toBe(true);
    expect(summary).toContain('nesting 5 (limit 4)');
    expect(summary).toContain('5 arguments (limit 4)');
    for (const title of [
      'Complex Method. ',
      'Deep, Nested Complexity. ',
      'Excess Number of Function Arguments. ',
    ])
      expect(annotations[0]!.details).toContain(title);
    expect(annotations[1]).toMatchObject({ external_id: 'f-cond000000000', line: 12 });
  });
});
