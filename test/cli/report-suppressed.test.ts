/** The CLI's JSON report lists suppressed findings (docs/report-schema.json); the text report counts them. */
import type { SuppressedFinding } from '../../src/engine/suppression';
import { buildChangeReport, buildFilesReport } from '../../src/cli/report/build-report';
import { formatReport } from '../../src/cli/report/format';
import { evaluateGate } from '../../src/gate';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { changeResult, filesAnalysis, finding, RULES } from './report-fixtures';
import { expectValidReport } from './schema-validator';

const SHA = 'b'.repeat(40);
const CONTEXT = { root: '/work/repo', sources: [] };
const hidden: SuppressedFinding = {
  ...finding({ severity: 'CRITICAL', ruleId: 'complex-method', line: 9, fingerprint: 'fp-s' }),
  suppression: { form: 'next-line', line: 8, reason: 'state machine, reviewed' },
};

describe('suppressed findings in the CLI report', () => {
  it('files mode: listed with their comment, valid against the schema, and not judged by the gate', () => {
    const result = filesAnalysis({ findings: [], suppressed: [hidden] });
    const verdict = evaluateGate(result, DEFAULT_SETTINGS.gate);
    const report = JSON.parse(formatReport(buildFilesReport(result, verdict, []), 'json', RULES, CONTEXT));
    expectValidReport(report);
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toEqual([
      {
        ruleId: 'complex-method',
        type: 'CODE_SMELL',
        severity: 'CRITICAL',
        path: 'src/a b.ts',
        line: 9,
        message: hidden.message,
        fingerprint: 'fp-s',
        suppression: { form: 'next-line', line: 8, reason: 'state machine, reviewed' },
      },
    ]);
    expect(report.gate.passed).toBe(true);
  });

  it('change mode: listed, and counted on the text summary line', () => {
    const change = { ...changeResult(), suppressed: [hidden] };
    const report = buildChangeReport(change, evaluateGate(change, DEFAULT_SETTINGS.gate), [], {
      base: SHA,
      head: SHA,
      mergeBase: SHA,
    });
    expectValidReport(JSON.parse(formatReport(report, 'json', RULES, CONTEXT)));
    expect(formatReport(report, 'text', RULES, CONTEXT)).toMatch(
      /1 new finding \(1 HIGH\) · 1 finding suppressed in code · health/,
    );
  });

  it('an empty list when nothing was suppressed', () => {
    const result = filesAnalysis();
    const report = buildFilesReport(result, evaluateGate(result, DEFAULT_SETTINGS.gate), []);
    expect(report.suppressed).toEqual([]);
    expect(formatReport(report, 'text', RULES, CONTEXT)).not.toContain('suppressed');
  });
});
