/** The facts the AI overview of the summary comment is written from (src/ai/overview-prompt.ts): no code. */
import type { OverviewFacts } from '../ai/overview-prompt';
import { OVERVIEW_FINDINGS_MAX } from '../ai/overview-prompt';
import type { ChangeAnalysis } from '../engine';
import { ruleById } from '../engine/rules';
import { SEVERITIES_HIGH_FIRST } from '../engine/types';
import type { GateVerdict } from '../gate/types';
import { bySeverityThenPlace } from './finding-order';

export function overviewFactsOf(analysis: ChangeAnalysis, verdict: GateVerdict): OverviewFacts {
  const newIssues: Record<string, number> = {};
  for (const severity of SEVERITIES_HIGH_FIRST) {
    newIssues[severity] = analysis.newFindings.filter((f) => f.severity === severity).length;
  }
  return {
    gatePassed: verdict.passed,
    failing: verdict.conditions.filter((c) => !c.passed).map((c) => c.message),
    health: { before: analysis.health.before, after: analysis.health.after },
    newIssues,
    fixedIssues: analysis.fixedFindings.length,
    complexityAdded: analysis.complexityAdded,
    duplicatedLinesAdded: analysis.duplicatedLinesAdded,
    secrets: analysis.secrets,
    filesNotAnalysed: new Set(analysis.skipped.map((s) => s.path)).size,
    findings: [...analysis.newFindings]
      .sort(bySeverityThenPlace)
      .slice(0, OVERVIEW_FINDINGS_MAX)
      .map((f) => ({
        severity: f.severity,
        rule: ruleById(f.ruleId)?.meta.title ?? f.ruleId,
        path: f.path,
        line: f.line,
        message: f.message,
      })),
  };
}
