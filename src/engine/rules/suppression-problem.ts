import type { Rule } from './rule-types';

/** Rule id of the findings about suppression comments themselves (src/engine/suppression). */
export const SUPPRESSION_PROBLEM_RULE_ID = 'suppression-problem';

/**
 * Problems with `lintel-disable…` comments. Its findings are made where suppressions are applied, after every
 * other rule has run (only then is it known what a comment suppressed), so `check` has nothing to do; the rule
 * is registered so that it is documented, can be switched off by id and has a scope in diff mode.
 */
export const suppressionProblem: Rule = {
  meta: {
    id: SUPPRESSION_PROBLEM_RULE_ID,
    type: 'CODE_SMELL',
    defaultSeverity: 'LOW',
    scope: 'line',
    title: 'Suppression Problem',
    why:
      'A suppression comment hides findings from the report and the quality gate. One without a reason ' +
      'cannot be reviewed; one that suppresses nothing (the code was fixed, or the rule id is misspelt) hides ' +
      'the next real finding on that line without anyone deciding so.',
    fix:
      'Give every suppression a reason after ` -- `, name only rules that report something there, and delete ' +
      'suppressions that no longer suppress anything. See docs/suppression.md.',
    source:
      "Lintel; modelled on ESLint's reportUnusedDisableDirectives and eslint-comments/require-description.",
    thresholds: {},
  },
  check() {
    return [];
  },
};
