import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../docs/report-schema.json';
import { buildChangeReport, buildFilesReport } from '../../src/cli/report/build-report';
import { formatReport } from '../../src/cli/report/format';
import { FINGERPRINT_KEY } from '../../src/cli/report/format-sarif';
import { evaluateGate } from '../../src/gate';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { changeResult, filesAnalysis, RULES } from './report-fixtures';

const SHA = 'a'.repeat(40);
// The analysed texts: `run` is declared on line 3, indented by two spaces, so its findings are at column 3.
const CONTEXT = {
  root: '/work/repo',
  sources: [{ path: 'src/a b.ts', text: '// a\nconst x = 1;\n  function run() {}\n' }],
};
const validate = addFormats(new Ajv({ allErrors: true })).compile(schema);

function filesReport() {
  const result = filesAnalysis();
  return buildFilesReport(result, evaluateGate(result, DEFAULT_SETTINGS.gate), [
    { path: 'bad.txt', reason: 'not valid UTF-8 text' },
  ]);
}

function changeReport() {
  const change = changeResult();
  const gate = { ...DEFAULT_SETTINGS.gate, maxHealthDrop: 1 };
  return buildChangeReport(change, evaluateGate(change, gate), [], { base: SHA, head: SHA, mergeBase: SHA });
}

describe('JSON report', () => {
  it('matches the published schema in files mode and keeps only documented fields', () => {
    const report = JSON.parse(formatReport(filesReport(), 'json', RULES, CONTEXT));
    expect(validate(report)).toBe(true);
    expect(report.files[0].functions[0]).not.toHaveProperty('bumps');
    expect(report.findings[0]).not.toHaveProperty('functionName');
    expect(report.skipped).toEqual([
      { path: 'bad.txt', reason: 'not valid UTF-8 text' },
      { path: 'img.png', reason: 'binary file' },
    ]);
    expect(report.gate).toMatchObject({ passed: false, reasons: ['1 new HIGH or worse issue (limit 0)'] });
  });

  it('matches the schema in change mode with fixed findings and health before/after', () => {
    const report = JSON.parse(formatReport(changeReport(), 'json', RULES, CONTEXT));
    expect(validate(report)).toBe(true);
    expect(report.mode).toBe('change');
    expect(report.fixed).toHaveLength(1);
    expect(report.health).toMatchObject({ before: 8.5, after: 7.26, delta: -1.24, score: 7.26 });
    expect(report.gate.reasons).toContain('health went from 8.5 to 7.3 (largest allowed drop 1.0)');
  });

  it('is rejected by the schema when a field is missing or unknown (the schema can fail)', () => {
    const report = JSON.parse(formatReport(filesReport(), 'json', RULES, CONTEXT));
    delete report.findings[0].fingerprint;
    expect(validate(report)).toBe(false);
    const withFixed = { ...JSON.parse(formatReport(filesReport(), 'json', RULES, CONTEXT)), fixed: [] };
    expect(validate(withFixed)).toBe(false);
  });
});

describe('SARIF output', () => {
  const log = JSON.parse(formatReport(filesReport(), 'sarif', RULES, CONTEXT));
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log with rule metadata from the engine', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(run.tool.driver.name).toBe('Lintel');
    expect(run.tool.driver.rules[0]).toEqual({
      id: 'complex-method',
      name: 'Complex Method',
      shortDescription: { text: 'Complex Method' },
      fullDescription: { text: 'Many paths are hard to test.' },
      help: { text: 'Split the function.' },
      // The docs/rules.md shipped with this CLI, at the rule's own anchor.
      helpUri: `${pathToFileURL(path.resolve(__dirname, '../../docs/rules.md')).href}#complex-method`,
      defaultConfiguration: { level: 'warning' },
      properties: { type: 'CODE_SMELL', severity: 'MEDIUM' },
    });
  });

  it('has one result per finding with level, location and fingerprint', () => {
    expect(run.results).toHaveLength(3);
    expect(run.results[0]).toMatchObject({
      ruleId: 'complex-method',
      ruleIndex: 0,
      level: 'error',
      message: { text: "Function 'run' has cyclomatic complexity 12 (limit 9)" },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/a%20b.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3 },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: 'fp-1' },
    });
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'note', 'warning']);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('reports skipped files as notifications', () => {
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(2);
    expect(run.invocations[0].toolExecutionNotifications[1].message.text).toBe('Skipped: binary file');
  });
});

describe('text output', () => {
  it('prints each finding as path:line:col, grouped by file in line order, then health and the gate verdict', () => {
    const text = formatReport(filesReport(), 'text', RULES, CONTEXT);
    const lines = text.trimEnd().split('\n');
    // Columns point at the first non-blank character of the line; locations are padded so severities align.
    expect(lines[0]).toMatch(/^lib\/z\.js:120:1 {2}MEDIUM {4}Function 'run'.*\(complex-method\)$/);
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^src\/a b\.ts:1:1 {2}LOW {7}Long {2}\(large-method\)$/);
    expect(lines[3]).toMatch(/^src\/a b\.ts:3:3 {2}HIGH {6}Function 'run'/);
    expect(text).toContain('  img.png: binary file');
    expect(lines.at(-2)).toBe(
      '1 file, 1 function analysed · 3 findings (1 HIGH, 1 MEDIUM, 1 LOW) · health 7.3/10',
    );
    expect(lines.at(-1)).toBe('Quality gate: FAILED — 1 new HIGH or worse issue (limit 0)');
  });

  it('shows the health change in change mode', () => {
    const text = formatReport(changeReport(), 'text', RULES, CONTEXT);
    expect(text).toContain('1 new finding (1 HIGH) · health 8.5 → 7.3 (-1.2)');
    expect(text).toContain('Fixed by this change: 1 finding');
  });
});
