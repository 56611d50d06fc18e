import type { RawFinding, Rule } from './rule-types';
import { describeFunction, isConstructorName } from './function-names';
import { severityFor, thresholdOf } from './severity-tiers';

/**
 * Excess Number of Function Arguments. CodeScene's function_max_arguments is 4 and the limit is strict
 * (5 fires; CruGlobal/mpdx-react); constructors may take 5 before "Constructor Over-Injection".
 * HIGH at 8 follows Codacy's lizard `parameter-count-medium` pattern.
 */
export const excessArguments: Rule = {
  meta: {
    id: 'excess-arguments',
    type: 'CODE_SMELL',
    defaultSeverity: 'MEDIUM',
    scope: 'function',
    title: 'Excess Number of Function Arguments',
    why:
      'Many parameters make calls easy to get wrong (arguments swapped silently) and usually mean the ' +
      'function does several jobs or a missing abstraction travels around as loose values.',
    fix:
      'Group parameters that travel together into an object or value type, split the function by ' +
      'responsibility, or inject fewer collaborators into a constructor.',
    source: 'CodeScene (function_max_arguments 4; Constructor Over-Injection above 5); Codacy lizard (8).',
    thresholds: {
      max: { default: 4, description: 'Fires (MEDIUM) when a function has more parameters than this.' },
      constructorMax: { default: 5, description: 'Fires when a constructor has more parameters than this.' },
      high: { default: 8, description: 'HIGH when any function has at least this many parameters.' },
    },
  },
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const fn of ctx.file.functions) {
      const isConstructor = isConstructorName(fn.name);
      const max = thresholdOf(ctx.thresholds, isConstructor ? 'constructorMax' : 'max');
      const severity = severityFor(fn.params, [
        { atLeast: max + 1, severity: 'MEDIUM' },
        { atLeast: Math.max(max + 1, thresholdOf(ctx.thresholds, 'high')), severity: 'HIGH' },
      ]);
      if (severity === undefined) continue;
      const what = isConstructor ? `Constructor '${fn.name}'` : describeFunction(fn.name);
      findings.push({
        severity,
        line: fn.startLine,
        endLine: fn.endLine,
        functionName: fn.name,
        message: `${what} takes ${fn.params} arguments (limit ${max}).`,
      });
    }
    return findings;
  },
};
