/** Hand-built metrics for rule tests, so each test states only the measurement it is about. */
import type { FileMetrics, FunctionMetrics } from '../../../src/engine/types';
import type { Rule, RuleContext } from '../../../src/engine/rules/rule-types';
import { resolveThresholds } from '../../../src/engine/rules/resolve-thresholds';

export function fn(overrides: Partial<FunctionMetrics> = {}): FunctionMetrics {
  const lines = overrides.lines ?? 11;
  return {
    name: 'handle',
    startLine: 10,
    endLine: 20,
    cyclomatic: 1,
    cognitive: 0,
    params: 0,
    maxNesting: 0,
    lines,
    // A function with nothing nested in it, unless the test says otherwise.
    ownLines: lines,
    bumps: 0,
    maxConditionOperators: 0,
    ...overrides,
  };
}

export function fileOf(functions: FunctionMetrics[], overrides: Partial<FileMetrics> = {}): FileMetrics {
  return { path: 'src/app.ts', language: 'typescript', lines: 100, codeLines: 80, functions, ...overrides };
}

export function contextFor(rule: Rule, partial: Partial<RuleContext> & { file: FileMetrics }): RuleContext {
  return {
    sourceLines: [],
    duplicates: [],
    secrets: [],
    thresholds: resolveThresholds(rule, undefined),
    ...partial,
  };
}

/** Runs a rule on one function with the given measurement and default thresholds. */
export function checkFunction(rule: Rule, overrides: Partial<FunctionMetrics>) {
  return rule.check(contextFor(rule, { file: fileOf([fn(overrides)]) }));
}
