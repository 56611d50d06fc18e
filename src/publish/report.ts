/** The Code Insights report: one per head commit under a stable id, its result taken from the gate. */
import { REPORT_DATA_MAX } from '../bitbucket/limits';
import type { PullRequestInfo, ReportBody, ReportDataItem } from '../bitbucket/models';
import type { ChangeAnalysis } from '../engine';
import { SEVERITIES_HIGH_FIRST } from '../engine/types';
import { gateOutcome, notAnalysedText } from '../gate/coverage';
import type { GateVerdict } from '../gate/types';
import { publicUrl } from '../bitbucket/web-links';

/** Stable, so every run replaces the previous report and "required report" merge settings keep working. */
export const REPORT_ID = 'lintel-analysis';
export const REPORT_TITLE = 'Lintel code quality';
export const REPORTER = 'Lintel';

export interface ReportInput {
  analysis: ChangeAnalysis;
  verdict: GateVerdict;
  pullRequest: PullRequestInfo;
  durationMs: number;
}

const oneDecimal = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);
const signed = (n: number): string => (n > 0 ? `+${oneDecimal(n)}` : oneDecimal(n));
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function healthText(health: ChangeAnalysis['health']): string {
  return `${oneDecimal(health.before)} → ${oneDecimal(health.after)} (${signed(health.delta)})`;
}

export function severityCounts(analysis: ChangeAnalysis): string {
  const counts = SEVERITIES_HIGH_FIRST.map(
    (severity) =>
      `${analysis.newFindings.filter((f) => f.severity === severity).length} ${severity.toLowerCase()}`,
  );
  return counts.join(', ');
}

/** "Passed", "Failed (2 conditions)" or "Not analysed (3 files)". */
export function gateText(verdict: GateVerdict): string {
  const failing = verdict.conditions.filter((c) => !c.passed).length;
  switch (gateOutcome(verdict)) {
    case 'passed':
      return 'Passed';
    case 'failed':
      return `Failed (${plural(failing, 'condition')})`;
    case 'not-analysed':
      return `Not analysed (${plural(verdict.notAnalysed?.files ?? 0, 'file')})`;
  }
}

/** "3 findings suppressed in code": what `lintel-disable…` comments hid from this run (docs/suppression.md). */
export function suppressedText(analysis: ChangeAnalysis): string {
  return `${plural(analysis.suppressed.length, 'finding')} suppressed in code`;
}

/** "2 findings dismissed": dismissed on the pull request and found again by this run (docs/pull-request-panel.md). */
export function dismissedText(count: number): string {
  return `${plural(count, 'finding')} dismissed`;
}

function skippedText(analysis: ChangeAnalysis): string {
  if (analysis.skipped.length === 0) return 'Nothing';
  const paths = [...new Set(analysis.skipped.map((s) => s.path))];
  const shown = paths.slice(0, 3).join(', ');
  return paths.length > 3
    ? `${plural(paths.length, 'file')}: ${shown}, …`
    : `${plural(paths.length, 'file')}: ${shown}`;
}

/** At most REPORT_DATA_MAX items; the order is the order Bitbucket shows them in. */
function dataItems(input: ReportInput): ReportDataItem[] {
  const { analysis, verdict } = input;
  const items: ReportDataItem[] = [
    { title: 'Quality gate', type: 'TEXT', value: gateText(verdict) },
    { title: 'Code health', type: 'TEXT', value: healthText(analysis.health) },
    { title: 'New issues', type: 'NUMBER', value: analysis.newFindings.length },
    { title: 'New issues by severity', type: 'TEXT', value: severityCounts(analysis) },
    { title: 'Complexity added', type: 'NUMBER', value: analysis.complexityAdded },
    { title: 'Duplicated lines added', type: 'NUMBER', value: analysis.duplicatedLinesAdded },
    { title: 'Secrets found', type: 'NUMBER', value: analysis.secrets },
    { title: 'Files analysed', type: 'NUMBER', value: analysis.head.files.length },
    { title: 'Analysis time', type: 'DURATION', value: Math.max(0, Math.round(input.durationMs)) },
    { title: 'Skipped', type: 'TEXT', value: skippedText(analysis) },
  ];
  return items.slice(0, REPORT_DATA_MAX);
}

function detailsOf(input: ReportInput): string {
  const { analysis, verdict } = input;
  const failing = verdict.conditions.filter((c) => !c.passed).map((c) => c.message);
  const outcome = gateOutcome(verdict);
  const gate =
    outcome === 'passed'
      ? 'The quality gate passed.'
      : outcome === 'failed'
        ? `The quality gate failed: ${failing.join('; ')}.`
        : 'The quality gate cannot pass until every file is analysed.';
  const parts = [
    // What was not analysed comes first: a reader must not take a partial analysis for a whole one.
    ...(verdict.notAnalysed ? [`Not fully analysed: ${notAnalysedText(verdict.notAnalysed)}.`] : []),
    'Complexity, duplication and hard-coded secrets in the lines this pull request changes.',
    gate,
    `${plural(analysis.newFindings.length, 'new issue')}, ${plural(analysis.fixedFindings.length, 'issue')} fixed.`,
    ...(analysis.suppressed.length > 0 ? [`${suppressedText(analysis)}.`] : []),
  ];
  return parts.join(' ');
}

/**
 * Code Insights knows PASSED, FAILED and PENDING only: a pull request that was not fully analysed gets no result (a
 * neutral report, as one that has none), never PASSED; PENDING would claim it is still running.
 */
function resultOf(verdict: GateVerdict): ReportBody['result'] | undefined {
  const outcome = gateOutcome(verdict);
  return outcome === 'not-analysed' ? undefined : outcome === 'passed' ? 'PASSED' : 'FAILED';
}

export function reportFor(input: ReportInput): ReportBody {
  const link = publicUrl(input.pullRequest.links?.html?.href);
  const result = resultOf(input.verdict);
  return {
    title: REPORT_TITLE,
    details: detailsOf(input),
    report_type: 'BUG',
    reporter: REPORTER,
    ...(result ? { result } : {}),
    ...(link ? { link } : {}),
    data: dataItems(input),
  };
}
