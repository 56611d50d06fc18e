import type { RawFinding, Rule } from './rule-types';
import { describeFunction } from './function-names';
import { severityFor, thresholdOf } from './severity-tiers';

/**
 * Complex Conditional: CodeScene's docs warn from 2 logical operators in one branch condition
 * (`a && b || c`). Lintel fires at 2 (LOW, a readability nudge) and raises to MEDIUM at 4, where the
 * condition no longer fits in one reading.
 */
export const complexConditional: Rule = {
  meta: {
    id: 'complex-conditional',
    type: 'CODE_SMELL',
    defaultSeverity: 'LOW',
    scope: 'line',
    title: 'Complex Conditional',
    why:
      'A branch condition with several logical operators hides a business rule in syntax; it is easy to ' +
      'misread which combination of facts takes the branch.',
    fix:
      'Extract the condition, or each part of it, into a well-named boolean variable or function ' +
      '(e.g. `const isEligible = …`), or split it into separate guard clauses.',
    source: 'CodeScene Complex Conditional (warns from 2 logical operators in one condition).',
    thresholds: {
      operators: {
        default: 2,
        description: 'Fires (LOW) when one branch condition has at least this many logical operators.',
      },
      medium: {
        default: 4,
        description: 'MEDIUM when one condition has at least this many logical operators.',
      },
    },
  },
  check(ctx) {
    const min = thresholdOf(ctx.thresholds, 'operators');
    const findings: RawFinding[] = [];
    for (const fn of ctx.file.functions) {
      const severity = severityFor(fn.maxConditionOperators, [
        { atLeast: min, severity: 'LOW' },
        { atLeast: Math.max(min, thresholdOf(ctx.thresholds, 'medium')), severity: 'MEDIUM' },
      ]);
      if (severity === undefined) continue;
      // The condition's own line when the walker knows it, else the function's first line.
      const line = fn.maxConditionLine ?? fn.startLine;
      findings.push({
        severity,
        line,
        functionName: fn.name,
        message:
          `${describeFunction(fn.name)} has a condition with ${fn.maxConditionOperators} logical operators ` +
          `(limit ${min - 1}).`,
      });
    }
    return findings;
  },
};
