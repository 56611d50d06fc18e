import type { RawFinding, Rule } from './rule-types';
import { describeFunction } from './function-names';
import { severityFor, thresholdOf } from './severity-tiers';

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
  check(ctx) {
    const depth = thresholdOf(ctx.thresholds, 'depth');
    const findings: RawFinding[] = [];
    for (const fn of ctx.file.functions) {
      const severity = severityFor(fn.maxNesting, [
        { atLeast: depth, severity: 'MEDIUM' },
        { atLeast: Math.max(depth, thresholdOf(ctx.thresholds, 'high')), severity: 'HIGH' },
      ]);
      if (severity === undefined) continue;
      findings.push({
        severity,
        line: fn.startLine,
        endLine: fn.endLine,
        functionName: fn.name,
        message: `${describeFunction(fn.name)} nests control structures ${fn.maxNesting} levels deep (threshold ${depth}).`,
      });
    }
    return findings;
  },
};
