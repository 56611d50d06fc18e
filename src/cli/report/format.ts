import type { SourceFile } from '../../engine/types';
import type { RuleInfo } from '../engine-port';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import type { AnalyzeReport } from './report-types';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/** What the formats need beyond the report itself. */
export interface FormatContext {
  /** Absolute folder the report's paths are relative to (SARIF's `%SRCROOT%`). */
  root: string;
  /** The analysed texts by report path, for the column the text format prints. */
  sources: readonly SourceFile[];
}

export function formatReport(
  report: AnalyzeReport,
  format: OutputFormat,
  rules: readonly RuleInfo[],
  context: FormatContext,
): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'sarif') return formatSarif(report, rules, context.root);
  return formatText(report, context.sources);
}
