import { SEVERITIES_HIGH_FIRST, type Severity } from '../../engine/types';
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

function findingRows(findings: readonly ReportFinding[]): string[] {
  const lines: string[] = [];
  const groups = groupByPath(findings);
  for (const path of [...groups.keys()].sort()) {
    // By line, and on one line the most severe first.
    const rows = (groups.get(path) ?? []).sort(
      (a, b) =>
        a.line - b.line ||
        SEVERITIES_HIGH_FIRST.indexOf(a.severity) - SEVERITIES_HIGH_FIRST.indexOf(b.severity),
    );
    const lineWidth = Math.max(...rows.map((r) => String(r.line).length));
    lines.push(path);
    for (const f of rows) {
      lines.push(
        `  ${String(f.line).padStart(lineWidth)}  ${f.severity.padEnd(SEVERITY_WIDTH)}  ${f.message}  (${f.ruleId})`,
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

/** A terminal report: findings grouped by file, skipped files, one summary line and the gate verdict. */
export function formatText(report: AnalyzeReport): string {
  const lines: string[] = [];
  lines.push(...findingRows(report.findings));
  if (report.fixed && report.fixed.length > 0)
    lines.push(`Fixed by this change: ${plural(report.fixed.length, 'finding')}`, '');
  if (report.skipped.length > 0) {
    lines.push(`Skipped ${plural(report.skipped.length, 'file')}:`);
    for (const s of report.skipped) lines.push(`  ${s.path}: ${s.reason}`);
    lines.push('');
  }
  const what = report.mode === 'change' ? 'new finding' : 'finding';
  const functions = report.files.reduce((n, f) => n + f.functions.length, 0);
  lines.push(
    `${plural(report.files.length, 'file')}, ${plural(functions, 'function')} analysed · ` +
      `${plural(report.findings.length, what)}${severityCounts(report.findings)} · ${healthText(report)}`,
  );
  lines.push(
    report.gate.passed ? 'Quality gate: PASSED' : `Quality gate: FAILED — ${report.gate.reasons.join('; ')}`,
  );
  return `${lines.join('\n')}\n`;
}
