/** The rule registry: every rule Lintel runs, in the order they appear in docs/rules.md. */
import type { Rule, RuleMeta } from './rule-types';
import { complexMethod } from './complex-method';
import { cognitiveComplexity } from './cognitive-complexity';
import { deepNesting } from './deep-nesting';
import { largeMethod } from './large-method';
import { excessArguments } from './excess-arguments';
import { complexConditional } from './complex-conditional';
import { bumpyRoad } from './bumpy-road';
import { largeFile } from './large-file';
import { duplicatedCode } from './duplicated-code';
import { hardCodedSecret } from './hard-coded-secret';
import { suppressionProblem } from './suppression-problem';

export const allRules: readonly Rule[] = [
  complexMethod,
  cognitiveComplexity,
  deepNesting,
  largeMethod,
  excessArguments,
  complexConditional,
  bumpyRoad,
  largeFile,
  duplicatedCode,
  hardCodedSecret,
  suppressionProblem,
];

/** Metadata of every rule, for SARIF, docs and settings pages. */
export const rules: readonly RuleMeta[] = allRules.map((rule) => rule.meta);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.id === id);
}

export type {
  Rule,
  RuleMeta,
  RuleScope,
  RuleContext,
  RawFinding,
  ThresholdMeta,
  DuplicateBlockInput,
  DuplicateLocation,
  SecretHitInput,
} from './rule-types';
export { resolveThresholds, validateRuleOptions } from './resolve-thresholds';
export { runRules, type FileRuleInput } from './run-rules';
