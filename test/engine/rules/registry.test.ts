import { allRules, rules, validateRuleOptions } from '../../../src/engine/rules';

describe('rule registry', () => {
  it('lists the eleven rules with unique kebab-case ids', () => {
    const ids = rules.map((meta) => meta.id);
    expect(ids).toEqual([
      'complex-method',
      'cognitive-complexity',
      'deep-nesting',
      'large-method',
      'excess-arguments',
      'complex-conditional',
      'bumpy-road',
      'large-file',
      'duplicated-code',
      'hard-coded-secret',
      'suppression-problem',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every rule an explanation, a fix and documented thresholds', () => {
    for (const meta of rules) {
      expect(meta.title).not.toBe('');
      expect(meta.why.length).toBeGreaterThan(40);
      expect(meta.fix.length).toBeGreaterThan(40);
      for (const threshold of Object.values(meta.thresholds)) {
        expect(Number.isFinite(threshold.default)).toBe(true);
        expect(threshold.description).not.toBe('');
      }
    }
  });
});

describe('validateRuleOptions', () => {
  it('accepts known rules and thresholds', () => {
    expect(validateRuleOptions(allRules, { 'complex-method': { cyclomatic: 12 } }, ['bumpy-road'])).toEqual(
      [],
    );
  });

  it('explains unknown rules, unknown thresholds and bad values', () => {
    const problems = validateRuleOptions(
      allRules,
      { 'complex-methd': { cyclomatic: 1 }, 'deep-nesting': { levels: 3, depth: -1 } },
      ['no-such-rule'],
    );
    expect(problems).toEqual([
      expect.stringMatching(/^Cannot disable unknown rule 'no-such-rule' \(known rules: complex-method, /),
      expect.stringMatching(/^Thresholds given for unknown rule 'complex-methd'/),
      "Rule 'deep-nesting' has no threshold 'levels' (it has: depth, high).",
      "Threshold 'deep-nesting.depth' must be a non-negative number, got -1.",
    ]);
  });
});
