import type { RuleInfo } from '../engine-port';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import type { AnalyzeReport } from './report-types';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

export function formatReport(
  report: AnalyzeReport,
  format: OutputFormat,
  rules: readonly RuleInfo[],
): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'sarif') return formatSarif(report, rules);
  return formatText(report);
}
