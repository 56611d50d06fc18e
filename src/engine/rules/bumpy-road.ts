import type { RawFinding, Rule } from './rule-types';
import { describeFunction } from './function-names';
import { severityFor, thresholdOf } from './severity-tiers';

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
  check(ctx) {
    const max = thresholdOf(ctx.thresholds, 'bumps');
    const findings: RawFinding[] = [];
    for (const fn of ctx.file.functions) {
      const severity = severityFor(fn.bumps, [
        { atLeast: max + 1, severity: 'MEDIUM' },
        { atLeast: Math.max(max, thresholdOf(ctx.thresholds, 'high')) + 1, severity: 'HIGH' },
      ]);
      if (severity === undefined) continue;
      findings.push({
        severity,
        line: fn.startLine,
        endLine: fn.endLine,
        functionName: fn.name,
        message: `${describeFunction(fn.name)} has ${fn.bumps} bumps of nested conditional logic (maximum ${max}).`,
      });
    }
    return findings;
  },
};
