import type { Rule } from './rule-types';
import { describeFunction } from './function-names';
import { checkEachFunction } from './function-measure';

/**
 * Cognitive complexity (G. Ann Campbell, SonarSource). Sonar S3776 allows 15 and reports above it: five
 * nested ifs score 15 and pass, six score 21 and fail (SonarJS tests). HIGH above 25 follows clang-tidy's
 * readability-function-cognitive-complexity default; CRITICAL above 50 is Lintel's choice.
 */
export const cognitiveComplexity: Rule = {
  meta: {
    id: 'cognitive-complexity',
    type: 'CODE_SMELL',
    defaultSeverity: 'MEDIUM',
    scope: 'function',
    title: 'Cognitive Complexity',
    why:
      'Nested and interleaved control flow is hard to follow: each break in linear flow costs the reader ' +
      'effort, and nesting multiplies it. Hard-to-read functions are where misunderstandings become bugs.',
    fix:
      'Flatten the function: return early instead of nesting, extract nested blocks into named functions, ' +
      'and split long chains of mixed && / || into well-named boolean helpers.',
    source:
      'Scored as SonarJS S3776 scores it for JS/TS (each function on its own; 100% per-function agreement on ' +
      "ESLint's lib and rxjs, docs/metrics.md) and as the SonarSource whitepaper defines it for the other " +
      'languages; S3776 default 15; clang-tidy (25).',
    thresholds: {
      max: { default: 15, description: 'Fires (MEDIUM) when cognitive complexity is above this (S3776).' },
      high: {
        default: 25,
        description: 'HIGH when cognitive complexity is above this (clang-tidy default).',
      },
      critical: { default: 50, description: 'CRITICAL when cognitive complexity is above this.' },
    },
  },
  check: (ctx) =>
    checkEachFunction(ctx, {
      measure: (fn) => fn.cognitive,
      limit: 'max',
      boundary: 'allows',
      raises: [
        { threshold: 'high', severity: 'HIGH' },
        { threshold: 'critical', severity: 'CRITICAL' },
      ],
      message: (fn, value, limit) =>
        `${describeFunction(fn.name)} has a cognitive complexity of ${value} (limit ${limit}).`,
    }),
};
