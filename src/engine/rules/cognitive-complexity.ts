import type { RawFinding, Rule } from './rule-types';
import { describeFunction } from './function-names';
import { severityFor, thresholdOf } from './severity-tiers';

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
    source: 'SonarSource Cognitive Complexity whitepaper; Sonar rule S3776 (default 15); clang-tidy (25).',
    thresholds: {
      max: { default: 15, description: 'Fires (MEDIUM) when cognitive complexity is above this (S3776).' },
      high: {
        default: 25,
        description: 'HIGH when cognitive complexity is above this (clang-tidy default).',
      },
      critical: { default: 50, description: 'CRITICAL when cognitive complexity is above this.' },
    },
  },
  check(ctx) {
    const t = ctx.thresholds;
    const max = thresholdOf(t, 'max');
    const findings: RawFinding[] = [];
    for (const fn of ctx.file.functions) {
      // Thresholds are maxima allowed, so the tiers start one above them.
      const severity = severityFor(fn.cognitive, [
        { atLeast: max + 1, severity: 'MEDIUM' },
        { atLeast: Math.max(max, thresholdOf(t, 'high')) + 1, severity: 'HIGH' },
        { atLeast: Math.max(max, thresholdOf(t, 'critical')) + 1, severity: 'CRITICAL' },
      ]);
      if (severity === undefined) continue;
      findings.push({
        severity,
        line: fn.startLine,
        endLine: fn.endLine,
        functionName: fn.name,
        message: `${describeFunction(fn.name)} has a cognitive complexity of ${fn.cognitive} (maximum allowed ${max}).`,
      });
    }
    return findings;
  },
};
