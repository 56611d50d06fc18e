import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../engine/types';
import type { RuleInfo } from '../engine-port';
import type { AnalyzeReport, ReportFinding } from './report-types';
import { ruleHelpUri } from './rule-help-uri';

/** SARIF 2.1.0 (OASIS): https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The base every artifact URI is relative to (SARIF §3.14.14); the run's originalUriBaseIds says where it is. */
export const SOURCE_ROOT = '%SRCROOT%';

/** Key of Lintel's fingerprint in partialFingerprints; SARIF §3.27.17 asks for a versioned name. */
export const FINGERPRINT_KEY = 'lintelFingerprint/v1';

type SarifLevel = 'error' | 'warning' | 'note';

/** Code Insights severities onto SARIF's three levels: what blocks a merge by default is an error. */
export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'CRITICAL' || severity === 'HIGH') return 'error';
  return severity === 'MEDIUM' ? 'warning' : 'note';
}

/** A repository path as a relative URI reference (SARIF §3.4.3): each segment percent-encoded. */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function ruleDescriptor(rule: RuleInfo) {
  return {
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    help: { text: rule.fix },
    helpUri: ruleHelpUri(rule.id),
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
    properties: { type: rule.type, severity: rule.defaultSeverity },
  };
}

function location(path: string, line: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: pathToUri(path), uriBaseId: SOURCE_ROOT },
      region: { startLine: line },
    },
  };
}

/** `%SRCROOT%` as an absolute file URI; SARIF requires the trailing slash of a folder. */
function sourceRootUri(root: string): string {
  return pathToFileURL(root.endsWith(sep) ? root : `${root}${sep}`).href;
}

/**
 * The report as a SARIF 2.1.0 log with one run: rule metadata (with a documentation link) in tool.driver.rules,
 * one result per finding (its fingerprint in partialFingerprints so viewers can follow it across line shifts),
 * locations relative to `%SRCROOT%` = `root`, skipped files as notifications, and the gate verdict in the run's
 * properties.
 */
export function formatSarif(report: AnalyzeReport, rules: readonly RuleInfo[], root: string): string {
  const used = new Set(report.findings.map((f) => f.ruleId));
  const known = new Set(rules.map((r) => r.id));
  // Rules missing from the metadata still need a descriptor so ruleIndex stays valid.
  const descriptors = [
    ...rules.map(ruleDescriptor),
    ...[...used]
      .filter((id) => !known.has(id))
      .map((id) => ({ id, name: id, shortDescription: { text: id } })),
  ];
  const indexOf = new Map(descriptors.map((d, i) => [d.id, i]));
  const result = (f: ReportFinding) => ({
    ruleId: f.ruleId,
    ruleIndex: indexOf.get(f.ruleId),
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [location(f.path, f.line)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { severity: f.severity, type: f.type },
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Lintel',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: descriptors,
          },
        },
        originalUriBaseIds: {
          [SOURCE_ROOT]: {
            uri: sourceRootUri(root),
            description: {
              text:
                report.mode === 'change'
                  ? 'The root of the repository analysed.'
                  : 'The folder lintel analyze ran in.',
            },
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.skipped.map((s) => ({
              level: 'note',
              message: { text: `Skipped: ${s.reason}` },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: pathToUri(s.path), uriBaseId: SOURCE_ROOT } },
                },
              ],
            })),
          },
        ],
        results: report.findings.map(result),
        properties: {
          health: report.health,
          gate: { passed: report.gate.passed, reasons: report.gate.reasons },
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
