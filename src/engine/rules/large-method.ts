import type { Rule } from './rule-types';
import { describeFunction } from './function-names';
import { checkEachFunction } from './function-measure';

/**
 * Large Method: CodeScene warns for functions longer than 70 lines (function_lines_of_code_warning;
 * "function longer than the limit", so 70 itself passes). HIGH above 200 is Lintel's choice (Codacy's
 * lizard pattern calls 100 NLOC critical, but that counts code lines only, not the whole span).
 *
 * A function is measured without the lines its nested functions span (`ownLines`), as lizard's NLOC leaves them
 * out: each nested function is measured on its own, so a `describe` callback holding thirty short `it` callbacks
 * is not a 300-line function, and a long callback is reported once, not again in every function around it.
 */
export const largeMethod: Rule = {
  meta: {
    id: 'large-method',
    type: 'CODE_SMELL',
    defaultSeverity: 'MEDIUM',
    scope: 'function',
    title: 'Large Method',
    why:
      'Long functions do several things at once; they are hard to name, test and reuse, and they grow ' +
      'because the next change is always easiest to add to them.',
    fix: 'Extract cohesive steps into well-named functions until the body reads as a short list of steps.',
    source: 'CodeScene Large Method (function_lines_of_code_warning, default 70).',
    thresholds: {
      lines: {
        default: 70,
        description:
          'Fires (MEDIUM) when the function is longer than this many lines, not counting lines its nested functions span.',
      },
      high: { default: 200, description: 'HIGH when the function is longer than this many lines.' },
    },
  },
  check: (ctx) =>
    checkEachFunction(ctx, {
      measure: (fn) => fn.ownLines,
      limit: 'lines',
      boundary: 'allows',
      raises: [{ threshold: 'high', severity: 'HIGH' }],
      message: (fn, value, limit) =>
        `${describeFunction(fn.name)} is ${value} lines long` +
        `${fn.ownLines < fn.lines ? ' without its nested functions' : ''} (limit ${limit}).`,
    }),
};
