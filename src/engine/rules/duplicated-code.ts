import type { DuplicateLocation, RawFinding, Rule } from './rule-types';
import { severityFor, thresholdOf } from './severity-tiers';

function describeLocation(location: DuplicateLocation): string {
  return `${location.path}:${location.startLine}-${location.endLine}`;
}

/**
 * Code Duplication. CodeScene counts clones of 10 lines or more; HIGH at 50 lines is Lintel's choice.
 * One finding per location that lies in the file, so that in diff mode the copy a change adds is the one
 * reported as new while the original it copies stays quiet.
 */
export const duplicatedCode: Rule = {
  meta: {
    id: 'duplicated-code',
    type: 'CODE_SMELL',
    defaultSeverity: 'MEDIUM',
    scope: 'line',
    title: 'Code Duplication',
    why:
      'Copies have to be changed together; sooner or later one is fixed and the other is forgotten, and ' +
      'the code base grows without adding behaviour.',
    fix:
      'Extract the shared logic into one function or module that both places call; parameterise what ' +
      'differs between the copies.',
    source: 'CodeScene Code Duplication (clones of 10 lines or more).',
    thresholds: {
      lines: {
        default: 10,
        description: 'Fires (MEDIUM) when a duplicated block has at least this many lines.',
      },
      high: { default: 50, description: 'HIGH when a duplicated block has at least this many lines.' },
    },
  },
  check(ctx) {
    const min = thresholdOf(ctx.thresholds, 'lines');
    const findings: RawFinding[] = [];
    for (const block of ctx.duplicates) {
      const severity = severityFor(block.lines, [
        { atLeast: min, severity: 'MEDIUM' },
        { atLeast: Math.max(min, thresholdOf(ctx.thresholds, 'high')), severity: 'HIGH' },
      ]);
      if (severity === undefined) continue;
      const pairs: Array<[DuplicateLocation, DuplicateLocation]> = [
        [block.first, block.second],
        [block.second, block.first],
      ];
      for (const [here, there] of pairs) {
        if (here.path !== ctx.file.path) continue;
        findings.push({
          severity,
          line: here.startLine,
          endLine: here.endLine,
          twin: { path: there.path, line: there.startLine },
          message:
            `${block.lines} duplicated lines (${block.tokens} tokens): ${describeLocation(here)} ` +
            `duplicates ${describeLocation(there)} (limit ${min - 1} lines).`,
        });
      }
    }
    return findings;
  },
};
