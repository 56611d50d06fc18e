import type { Rule } from './rule-types';
import { describeFunction } from './function-names';
import { checkEachFunction } from './function-measure';

/**
 * Complex Method: a function with many independent paths (lizard-compatible cyclomatic complexity).
 * Warning at 9 is CodeScene's JS/TS default, inclusive (CruGlobal/mpdx-react `.codescene/README.md`);
 * 15 is lizard's own warning level and 25 is where Lintel calls a function critical (over twice
 * CodeScene's warning, beyond what a reviewer can hold in mind).
 */
export const complexMethod: Rule = {
  meta: {
    id: 'complex-method',
    type: 'CODE_SMELL',
    defaultSeverity: 'MEDIUM',
    scope: 'function',
    title: 'Complex Method',
    why:
      'Every decision point is another path to read, test and keep correct. Functions with many paths ' +
      'attract defects and slow every later change.',
    fix:
      'Split the function along its decisions: extract each branch body or each validation step into a ' +
      'named function, replace switch-on-type with lookup tables or polymorphism, and return early.',
    source:
      'CodeScene Complex Method (function_cyclomatic_complexity_warning, JS/TS default 9); lizard CCN warning 15.',
    thresholds: {
      cyclomatic: {
        default: 9,
        description: 'Fires (MEDIUM) when cyclomatic complexity is at or above this.',
      },
      high: {
        default: 15,
        description: 'HIGH at or above this cyclomatic complexity (lizard default warning).',
      },
      critical: { default: 25, description: 'CRITICAL at or above this cyclomatic complexity.' },
    },
  },
  check: (ctx) =>
    checkEachFunction(ctx, {
      measure: (fn) => fn.cyclomatic,
      limit: 'cyclomatic',
      boundary: 'fires-at',
      raises: [
        { threshold: 'high', severity: 'HIGH' },
        { threshold: 'critical', severity: 'CRITICAL' },
      ],
      message: (fn, value, limit) =>
        `${describeFunction(fn.name)} has a cyclomatic complexity of ${value} (limit ${limit}).`,
    }),
};
