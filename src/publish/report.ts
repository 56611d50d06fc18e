/** The Code Insights report: one per head commit under a stable id, its result taken from the gate. */
import { REPORT_DATA_MAX } from '../bitbucket/limits';
import type { PullRequestInfo, ReportBody, ReportDataItem } from '../bitbucket/models';
import type { ChangeAnalysis } from '../engine';
import { SEVERITIES_HIGH_FIRST } from '../engine/types';
import type { GateVerdict } from '../gate/types';
import { publicUrl } from './text';

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

export function gateText(verdict: GateVerdict): string {
  const failing = verdict.conditions.filter((c) => !c.passed).length;
  return verdict.passed ? 'Passed' : `Failed (${plural(failing, 'condition')})`;
}

/** "3 findings suppressed in code": what `lintel-disable…` comments hid from this run (docs/suppression.md). */
export function suppressedText(analysis: ChangeAnalysis): string {
  return `${plural(analysis.suppressed.length, 'finding')} suppressed in code`;
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
  const parts = [
    'Complexity, duplication and hard-coded secrets in the lines this pull request changes.',
    verdict.passed ? 'The quality gate passed.' : `The quality gate failed: ${failing.join('; ')}.`,
    `${plural(analysis.newFindings.length, 'new issue')}, ${plural(analysis.fixedFindings.length, 'issue')} fixed.`,
    ...(analysis.suppressed.length > 0 ? [`${suppressedText(analysis)}.`] : []),
  ];
  return parts.join(' ');
}

export function reportFor(input: ReportInput): ReportBody {
  const link = publicUrl(input.pullRequest.links?.html?.href);
  return {
    title: REPORT_TITLE,
    details: detailsOf(input),
    report_type: 'BUG',
    reporter: REPORTER,
    result: input.verdict.passed ? 'PASSED' : 'FAILED',
    ...(link ? { link } : {}),
    data: dataItems(input),
  };
}
