/**
 * Sets a pull request's dismissed findings aside before the gate judges and anything is published: a dismissed
 * finding is matched by fingerprint, so it stays dismissed when later pushes move its lines. What the change
 * measures (health, complexity and duplicated lines added) is left as measured: a dismissal says "this finding
 * is acceptable here", not "this code was not added".
 */
import type { ChangeAnalysis } from '../engine';
import type { Finding } from '../engine/types';
import type { ChangeFacts } from '../gate/types';
import type { Dismissal } from './dismissal';

/** The rule whose new findings the analysis counts as `secrets` (src/engine/change/analyze-change.ts). */
const SECRET_RULE_ID = 'hard-coded-secret';

export interface WithoutDismissed {
  analysis: ChangeAnalysis;
  gateFacts: ChangeFacts;
  /** The dismissed findings this run found again: counted in the summary, reported nowhere. */
  dismissedAgain: Finding[];
}

export function withoutDismissed(
  analysis: ChangeAnalysis,
  gateFacts: ChangeFacts,
  dismissals: readonly Dismissal[],
): WithoutDismissed {
  if (dismissals.length === 0) return { analysis, gateFacts, dismissedAgain: [] };
  const dismissed = new Set(dismissals.map((d) => d.fingerprint));
  const isDismissed = (f: Finding): boolean => dismissed.has(f.fingerprint);
  const dismissedAgain = analysis.newFindings.filter(isDismissed);
  if (dismissedAgain.length === 0 && !gateFacts.newFindings.some(isDismissed)) {
    return { analysis, gateFacts, dismissedAgain };
  }
  const secretsDismissed = dismissedAgain.filter((f) => f.ruleId === SECRET_RULE_ID).length;
  const kept = analysis.newFindings.filter((f) => !isDismissed(f));
  return {
    analysis: {
      ...analysis,
      newFindings: kept,
      secrets: Math.max(0, analysis.secrets - secretsDismissed),
    },
    gateFacts: {
      ...gateFacts,
      newFindings: gateFacts.newFindings.filter((f) => !isDismissed(f)),
      secrets: Math.max(0, gateFacts.secrets - secretsDismissed),
    },
    dismissedAgain,
  };
}
