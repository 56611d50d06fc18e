/** Plain findings and a context for applySuppressions: the comments are real text, the findings plain data. */
import { allRules } from '../../../src/engine/rules';
import type { SuppressionContext } from '../../../src/engine/suppression';
import type { Finding, LanguageId } from '../../../src/engine/types';

export function finding(ruleId: string, line: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    type: ruleId === 'hard-coded-secret' ? 'VULNERABILITY' : 'CODE_SMELL',
    severity: ruleId === 'hard-coded-secret' ? 'CRITICAL' : 'MEDIUM',
    path: 'src/file',
    line,
    message: `${ruleId} at ${line}`,
    fingerprint: `${ruleId}-${line}`,
    ...over,
  };
}

export function contextFor(
  lines: readonly string[],
  language: LanguageId = 'typescript',
  over: Partial<SuppressionContext> = {},
): SuppressionContext {
  return {
    path: 'src/file',
    language,
    sourceLines: lines,
    knownRuleIds: new Set(allRules.map((rule) => rule.meta.id)),
    disabledRules: new Set(),
    secretLines: new Set(),
    ...over,
  };
}
