import { fileHealth, healthBand, healthDelta, weightedHealth } from '../../../src/engine/health';
import type { Finding, Severity } from '../../../src/engine/types';
import { fileOf, fn } from '../rules/rule-fixtures';

const finding = (ruleId: string, severity: Severity, path = 'src/app.ts'): Finding => ({
  ruleId,
  type: 'CODE_SMELL',
  severity,
  path,
  line: 1,
  message: 'm',
  fingerprint: '0',
});

describe('weightedHealth (CodeScene lines-of-code weighting)', () => {
  it('gives about 2.2 for 2.0 @ 5,000 LoC plus two 10s @ 100 and 10 LoC, not the plain mean 7.33', () => {
    const score = weightedHealth([
      { score: 2, codeLines: 5000 },
      { score: 10, codeLines: 100 },
      { score: 10, codeLines: 10 },
    ]);
    expect(score).toBeCloseTo(2.17, 2);
  });

  it('is 10 for no files and the plain mean when every file is empty', () => {
    expect(weightedHealth([])).toBe(10);
    expect(
      weightedHealth([
        { score: 4, codeLines: 0 },
        { score: 8, codeLines: 0 },
      ]),
    ).toBe(6);
  });
});

describe('fileHealth', () => {
  it('is 10 for a file without findings', () => {
    expect(fileHealth(fileOf([fn()]), []).score).toBe(10);
  });

  it('deducts severity points per smell (worked example 1 in docs/health.md)', () => {
    const findings = [
      finding('complex-method', 'MEDIUM'),
      finding('cognitive-complexity', 'HIGH'),
      finding('deep-nesting', 'MEDIUM'),
    ];
    const health = fileHealth(fileOf([fn({ cyclomatic: 12 })]), findings);
    // 10 − 0.5 − 1 − 0.5 − overall complexity (mean CC 12: (12 − 4) × 0.25 = 2, capped at 1) = 7
    expect(health.score).toBe(7);
    expect(health.deductions).toContainEqual({ factor: 'overall-complexity', points: 1 });
  });

  it('caps what one smell can take (worked example 2: ten HIGH complex methods cost 3, not 10)', () => {
    const findings = Array.from({ length: 10 }, () => finding('complex-method', 'HIGH'));
    expect(fileHealth(fileOf([]), findings).score).toBe(7);
  });

  it('never goes below 1, and ignores other files and secrets', () => {
    const all = [
      'complex-method',
      'cognitive-complexity',
      'deep-nesting',
      'bumpy-road',
      'large-method',
      'large-file',
    ];
    const findings = all.flatMap((id) => Array.from({ length: 5 }, () => finding(id, 'CRITICAL')));
    expect(fileHealth(fileOf([]), findings).score).toBe(1);
    expect(fileHealth(fileOf([]), [finding('complex-method', 'CRITICAL', 'src/other.ts')]).score).toBe(10);
    expect(fileHealth(fileOf([]), [finding('hard-coded-secret', 'CRITICAL')]).score).toBe(10);
  });

  it('lets a rule weight of 0 take a smell out of the score', () => {
    const findings = [finding('large-file', 'HIGH')];
    expect(fileHealth(fileOf([]), findings).score).toBe(7);
    expect(fileHealth(fileOf([]), findings, { ruleWeights: { 'large-file': 0 } }).score).toBe(10);
  });
});

describe('healthBand', () => {
  it('uses Green ≥ 8, Yellow ≥ 4, Red below by default', () => {
    expect([10, 8, 7.99, 4, 3.99, 1].map((s) => healthBand(s))).toEqual([
      'green',
      'green',
      'yellow',
      'yellow',
      'red',
      'red',
    ]);
  });

  it('accepts other bands, e.g. the 8.1 "threshold for new code"', () => {
    expect(healthBand(8, { green: 8.1 })).toBe('yellow');
  });
});

describe('healthDelta', () => {
  it('follows worked example 4 in docs/health.md: an edited file and an added one', () => {
    const before = weightedHealth([{ score: 9, codeLines: 300 }]);
    const after = weightedHealth([
      { score: 7.5, codeLines: 300 },
      { score: 10, codeLines: 100 },
    ]);
    expect(healthDelta(before, after)).toEqual({ before: 9, after: 8.13, delta: -0.87 });
  });

  it('is after minus before', () => {
    expect(healthDelta(9.5, 8.25)).toEqual({ before: 9.5, after: 8.25, delta: -1.25 });
  });
});
