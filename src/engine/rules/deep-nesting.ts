import type { Rule } from './rule-types';
import { describeFunction } from './function-names';
import { checkEachFunction } from './function-measure';

/**
 * Deep, Nested Complexity. CodeScene's nesting-depth warning is 4 and fires at the value
 * (CruGlobal/mpdx-react `.codescene/README.md`): working memory holds 3–4 items. HIGH at 6 is Lintel's choice.
 */
export const deepNesting: Rule = {
  meta: {
    id: 'deep-nesting',
    type: 'CODE_SMELL',
    defaultSeverity: 'MEDIUM',
    scope: 'function',
    title: 'Deep, Nested Complexity',
    why:
      'Control structures inside control structures force the reader to keep every enclosing condition in ' +
      'mind; people hold three or four such items at once, so deeper code is misread.',
    fix:
      'Invert conditions and return early (guard clauses), extract the inner blocks into functions, and ' +
      'replace nested loops over related data with a lookup.',
    source: 'CodeScene Deep, Nested Complexity (function_nesting_depth_warning, default 4).',
    thresholds: {
      depth: { default: 4, description: 'Fires (MEDIUM) when the deepest nesting is at or above this.' },
      high: { default: 6, description: 'HIGH when the deepest nesting is at or above this.' },
    },
  },
  check: (ctx) =>
    checkEachFunction(ctx, {
      measure: (fn) => fn.maxNesting,
      limit: 'depth',
      boundary: 'fires-at',
      raises: [{ threshold: 'high', severity: 'HIGH' }],
      message: (fn, value, limit) =>
        `${describeFunction(fn.name)} nests control structures ${value} levels deep (limit ${limit}).`,
    }),
};
