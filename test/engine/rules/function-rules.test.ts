import { bumpyRoad } from '../../../src/engine/rules/bumpy-road';
import { cognitiveComplexity } from '../../../src/engine/rules/cognitive-complexity';
import { complexConditional } from '../../../src/engine/rules/complex-conditional';
import { complexMethod } from '../../../src/engine/rules/complex-method';
import { deepNesting } from '../../../src/engine/rules/deep-nesting';
import { excessArguments } from '../../../src/engine/rules/excess-arguments';
import { largeMethod } from '../../../src/engine/rules/large-method';
import type { Rule } from '../../../src/engine/rules/rule-types';
import { resolveThresholds } from '../../../src/engine/rules/resolve-thresholds';
import type { FunctionMetrics } from '../../../src/engine/types';
import { checkFunction, contextFor, fileOf, fn } from './rule-fixtures';

/**
 * For each function rule: the metric it reads, the first value that fires, its first-tier severity, and the one
 * wording every rule uses for its limit: the largest value that passes ("10 (limit 8)").
 */
const boundaries: Array<{
  rule: Rule;
  metric: keyof FunctionMetrics;
  firesAt: number;
  severity: string;
  shows: string;
}> = [
  { rule: complexMethod, metric: 'cyclomatic', firesAt: 9, severity: 'MEDIUM', shows: 'limit 8' },
  {
    rule: cognitiveComplexity,
    metric: 'cognitive',
    firesAt: 16,
    severity: 'MEDIUM',
    shows: 'limit 15',
  },
  { rule: deepNesting, metric: 'maxNesting', firesAt: 4, severity: 'MEDIUM', shows: 'limit 3' },
  { rule: largeMethod, metric: 'lines', firesAt: 71, severity: 'MEDIUM', shows: 'limit 70' },
  { rule: excessArguments, metric: 'params', firesAt: 5, severity: 'MEDIUM', shows: 'limit 4' },
  {
    rule: complexConditional,
    metric: 'maxConditionOperators',
    firesAt: 2,
    severity: 'LOW',
    shows: 'limit 1',
  },
  { rule: bumpyRoad, metric: 'bumps', firesAt: 3, severity: 'MEDIUM', shows: 'limit 2' },
];

describe.each(boundaries)('$rule.meta.id', ({ rule, metric, firesAt, severity, shows }) => {
  it(`fires at ${metric} = ${firesAt}, naming the function and the value against the threshold`, () => {
    const findings = checkFunction(rule, { name: 'parseOrder', [metric]: firesAt });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity, functionName: 'parseOrder' });
    expect(findings[0]?.message).toContain("'parseOrder'");
    expect(findings[0]?.message).toContain(String(firesAt));
    expect(findings[0]?.message).toContain(shows);
  });

  it(`stays quiet at ${metric} = ${firesAt - 1}`, () => {
    expect(checkFunction(rule, { [metric]: firesAt - 1 })).toEqual([]);
  });

  it('follows a user threshold override', () => {
    const [firstThreshold] = Object.keys(rule.meta.thresholds);
    const thresholds = resolveThresholds(rule, { [rule.meta.id]: { [firstThreshold ?? '']: 100 } });
    const file = fileOf([fn({ [metric]: firesAt })]);
    expect(rule.check(contextFor(rule, { file, thresholds }))).toEqual([]);
  });
});

describe('severity rises with the measured value', () => {
  it.each([
    [complexMethod, 'cyclomatic', 14, 'MEDIUM'],
    [complexMethod, 'cyclomatic', 15, 'HIGH'],
    [complexMethod, 'cyclomatic', 25, 'CRITICAL'],
    [cognitiveComplexity, 'cognitive', 26, 'HIGH'],
    [cognitiveComplexity, 'cognitive', 51, 'CRITICAL'],
    [deepNesting, 'maxNesting', 6, 'HIGH'],
    [largeMethod, 'lines', 201, 'HIGH'],
    [excessArguments, 'params', 8, 'HIGH'],
    [complexConditional, 'maxConditionOperators', 4, 'MEDIUM'],
    [bumpyRoad, 'bumps', 5, 'HIGH'],
  ] as const)('%s: %s = %d is %s', (rule, metric, value, severity) => {
    expect(checkFunction(rule, { [metric]: value })[0]?.severity).toBe(severity);
  });
});

describe('excess-arguments', () => {
  it('allows constructors one more argument (Constructor Over-Injection above 5)', () => {
    expect(checkFunction(excessArguments, { name: 'OrderService.constructor', params: 5 })).toEqual([]);
    const findings = checkFunction(excessArguments, { name: 'OrderService.constructor', params: 6 });
    expect(findings[0]?.message).toBe("Constructor 'OrderService.constructor' takes 6 arguments (limit 5).");
  });

  it('recognises Python, PHP and Java-style constructors', () => {
    for (const name of ['Order.__init__', '__construct', 'Order.Order']) {
      expect(checkFunction(excessArguments, { name, params: 5 })).toEqual([]);
    }
  });
});

describe('complex-conditional', () => {
  it("anchors on the condition's line, not the function's first line", () => {
    const findings = checkFunction(complexConditional, { maxConditionOperators: 3, maxConditionLine: 14 });
    expect(findings[0]?.line).toBe(14);
  });
});

describe('function-level findings', () => {
  it('span the whole function so diff mode can tell whether a change touched it', () => {
    const findings = checkFunction(complexMethod, { cyclomatic: 12, startLine: 30, endLine: 75 });
    expect(findings[0]).toMatchObject({ line: 30, endLine: 75 });
  });

  it('describe anonymous functions without inventing a name', () => {
    const findings = checkFunction(complexMethod, { name: '<anonymous>', cyclomatic: 12 });
    expect(findings[0]?.message).toBe('An anonymous function has a cyclomatic complexity of 12 (limit 8).');
  });

  it('report each offending function once per rule', () => {
    const file = fileOf([
      fn({ name: 'a', cyclomatic: 10 }),
      fn({ name: 'b', cyclomatic: 3 }),
      fn({ name: 'c', cyclomatic: 30 }),
    ]);
    const findings = complexMethod.check(contextFor(complexMethod, { file }));
    expect(findings.map((f) => [f.functionName, f.severity])).toEqual([
      ['a', 'MEDIUM'],
      ['c', 'CRITICAL'],
    ]);
  });
});

describe('large-method', () => {
  it('measures a function without the lines its nested functions span', () => {
    expect(checkFunction(largeMethod, { name: 'suite', lines: 400, ownLines: 40 })).toEqual([]);
    const findings = checkFunction(largeMethod, { name: 'suite', lines: 400, ownLines: 90 });
    expect(findings[0]?.message).toBe(
      "Function 'suite' is 90 lines long without its nested functions (limit 70).",
    );
  });

  it('says nothing about nested functions when there are none', () => {
    const findings = checkFunction(largeMethod, { name: 'load', lines: 90, ownLines: 90 });
    expect(findings[0]?.message).toBe("Function 'load' is 90 lines long (limit 70).");
  });
});
