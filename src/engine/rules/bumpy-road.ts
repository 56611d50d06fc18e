import type { Rule } from './rule-types';
import { describeFunction } from './function-names';
import { checkEachFunction } from './function-measure';

/**
 * Bumpy Road Ahead: several separate chunks of nested conditional logic in one function. CodeScene warns
 * above 2 bumps (function_bumpy_road_bumps_for_warning); HIGH above 4 is Lintel's choice.
 */
export const bumpyRoad: Rule = {
  meta: {
    id: 'bumpy-road',
    type: 'CODE_SMELL',
    defaultSeverity: 'MEDIUM',
    scope: 'function',
    title: 'Bumpy Road Ahead',
    why:
      'Each bump is a separate chunk of nested conditional logic, usually a missing abstraction: the ' +
      'function does several things, and the reader must rebuild the context at every bump.',
    fix: 'Extract each bump into its own well-named function; the remaining body then reads as a sequence of steps.',
    source: 'CodeScene Bumpy Road Ahead (function_bumpy_road_bumps_for_warning: more than 2 bumps).',
    thresholds: {
      bumps: { default: 2, description: 'Fires (MEDIUM) when a function has more bumps than this.' },
      high: { default: 4, description: 'HIGH when a function has more bumps than this.' },
    },
  },
  check: (ctx) =>
    checkEachFunction(ctx, {
      measure: (fn) => fn.bumps,
      limit: 'bumps',
      boundary: 'allows',
      raises: [{ threshold: 'high', severity: 'HIGH' }],
      message: (fn, value, limit) =>
        `${describeFunction(fn.name)} has ${value} bumps of nested conditional logic (limit ${limit}).`,
    }),
};
