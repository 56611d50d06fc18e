import { IGNORED_BY_SETTINGS } from '../analyze/nothing-to-analyze';
import { SEVERITIES_HIGH_FIRST, type Severity, type SourceFile } from '../../engine/types';
import type { AnalyzeReport, ReportFinding } from './report-types';

const SEVERITY_WIDTH = Math.max(...SEVERITIES_HIGH_FIRST.map((s) => s.length));

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function groupByPath(findings: readonly ReportFinding[]): Map<string, ReportFinding[]> {
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) groups.set(f.path, [...(groups.get(f.path) ?? []), f]);
  return groups;
}

/**
 * 1-based column of the first non-blank character of `line`: findings are anchored to lines, and that is where
 * the code they point at (a declaration, a statement) starts. 1 when the text is not at hand.
 */
function columnFinder(sources: readonly SourceFile[]): (path: string, line: number) => number {
  const texts = new Map(sources.map((s) => [s.path, s.text]));
  const lines = new Map<string, string[]>();
  return (path, line) => {
    let fileLines = lines.get(path);
    if (!fileLines) {
      fileLines = (texts.get(path) ?? '').split('\n');
      lines.set(path, fileLines);
    }
    const first = (fileLines[line - 1] ?? '').search(/\S/);
    return first < 0 ? 1 : first + 1;
  };
}

/** One row per finding, `path:line:col` first so terminals and editors turn it into a link. */
function findingRows(findings: readonly ReportFinding[], sources: readonly SourceFile[]): string[] {
  const columnOf = columnFinder(sources);
  const groups = groupByPath(findings);
  const located = [...groups.keys()].sort().map((path) =>
    // By line, and on one line the most severe first.
    (groups.get(path) ?? [])
      .sort(
        (a, b) =>
          a.line - b.line ||
          SEVERITIES_HIGH_FIRST.indexOf(a.severity) - SEVERITIES_HIGH_FIRST.indexOf(b.severity),
      )
      .map((f) => ({ f, location: `${path}:${f.line}:${columnOf(path, f.line)}` })),
  );
  const width = Math.max(0, ...located.flat().map((r) => r.location.length));
  const lines: string[] = [];
  for (const rows of located) {
    for (const { f, location } of rows) {
      lines.push(
        `${location.padEnd(width)}  ${f.severity.padEnd(SEVERITY_WIDTH)}  ${f.message}  (${f.ruleId})`,
      );
    }
    lines.push('');
  }
  return lines;
}

function severityCounts(findings: readonly ReportFinding[]): string {
  const counts = SEVERITIES_HIGH_FIRST.map(
    (s: Severity) => [s, findings.filter((f) => f.severity === s).length] as const,
  );
  const parts = counts.filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function healthText(report: AnalyzeReport): string {
  const { health } = report;
  if (health.before !== undefined && health.delta !== undefined) {
    const sign = health.delta > 0 ? '+' : '';
    return `health ${health.before.toFixed(1)} → ${health.score.toFixed(1)} (${sign}${health.delta.toFixed(1)})`;
  }
  return `health ${health.score.toFixed(1)}/10`;
}

/**
 * A terminal report: one `path:line:col` row per finding (grouped by file), skipped files, one summary line and
 * the gate verdict. `sources` are the analysed texts, for the columns.
 */
export function formatText(report: AnalyzeReport, sources: readonly SourceFile[] = []): string {
  const lines: string[] = [];
  lines.push(...findingRows(report.findings, sources));
  if (report.fixed && report.fixed.length > 0)
    lines.push(`Fixed by this change: ${plural(report.fixed.length, 'finding')}`, '');
  if (report.skipped.length > 0) {
    // Files the settings ignore are counted, not listed: a dist/ folder would bury the rest (JSON lists them).
    const ignored = report.skipped.filter((s) => s.reason === IGNORED_BY_SETTINGS).length;
    lines.push(`Skipped ${plural(report.skipped.length, 'file')}:`);
    for (const s of report.skipped)
      if (s.reason !== IGNORED_BY_SETTINGS) lines.push(`  ${s.path}: ${s.reason}`);
    if (ignored > 0) lines.push(`  ${plural(ignored, 'file')}: ${IGNORED_BY_SETTINGS}`);
    lines.push('');
  }
  const what = report.mode === 'change' ? 'new finding' : 'finding';
  const functions = report.files.reduce((n, f) => n + f.functions.length, 0);
  lines.push(
    `${plural(report.files.length, 'file')}, ${plural(functions, 'function')} analysed · ` +
      `${plural(report.findings.length, what)}${severityCounts(report.findings)}` +
      `${report.suppressed.length > 0 ? ` · ${plural(report.suppressed.length, 'finding')} suppressed in code` : ''}` +
      ` · ${healthText(report)}`,
  );
  lines.push(gateLine(report.gate));
  return `${lines.join('\n')}\n`;
}

/** PASSED, FAILED (a condition failed) or NOT ANALYSED (only files Lintel could not analyse keep it from passing). */
function gateLine(gate: AnalyzeReport['gate']): string {
  if (gate.passed) return 'Quality gate: PASSED';
  const word = gate.conditions.some((c) => !c.passed) ? 'FAILED' : 'NOT ANALYSED';
  return `Quality gate: ${word} — ${gate.reasons.join('; ')}`;
}
