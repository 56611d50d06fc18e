import type { Rule } from './rule-types';
import { severityFor, thresholdOf } from './severity-tiers';

/** Large file by code lines, on CodeScene's Lines of Code tiers 1,000 / 5,000 (secondary sources). */
export const largeFile: Rule = {
  meta: {
    id: 'large-file',
    type: 'CODE_SMELL',
    defaultSeverity: 'MEDIUM',
    scope: 'file',
    title: 'Large File',
    why:
      'Very large files collect unrelated responsibilities, become merge-conflict hot spots and are hard ' +
      'to navigate; every change risks touching something unrelated.',
    fix: 'Split the file by responsibility into modules with small, explicit interfaces.',
    source: 'CodeScene Lines of Code factor (tiers 1,000 / 5,000 / 10,000; secondary sources).',
    thresholds: {
      codeLines: {
        default: 1000,
        description: 'Fires (MEDIUM) when the file has at least this many code lines.',
      },
      high: { default: 5000, description: 'HIGH when the file has at least this many code lines.' },
    },
  },
  check(ctx) {
    const min = thresholdOf(ctx.thresholds, 'codeLines');
    const severity = severityFor(ctx.file.codeLines, [
      { atLeast: min, severity: 'MEDIUM' },
      { atLeast: Math.max(min, thresholdOf(ctx.thresholds, 'high')), severity: 'HIGH' },
    ]);
    if (severity === undefined) return [];
    return [
      {
        severity,
        line: 1,
        // The file as a whole is the problem; its first line is only where the annotation goes.
        identity: 'file',
        message: `This file has ${ctx.file.codeLines} lines of code (limit ${min - 1}).`,
      },
    ];
  },
};
