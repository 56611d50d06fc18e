import type { FileMetrics, Finding } from '../../engine/types';
import { failureReasons, notAnalysedText } from '../../gate';
import type { GateVerdict } from '../../gate/types';
import type { ChangeResult, FilesAnalysis } from '../engine-port';
import { LINTEL_VERSION } from '../version';
import {
  REPORT_VERSION,
  type AnalyzeReport,
  type ReportFile,
  type ReportFinding,
  type ReportHealth,
  type ReportSuppressedFinding,
} from './report-types';
import type { SuppressedFinding } from '../../engine/suppression';

// Reports list only the documented fields, so engine-internal additions never leak into a stable format.
function reportFile(file: FileMetrics): ReportFile {
  return {
    path: file.path,
    language: file.language,
    functions: file.functions.map((fn) => ({
      name: fn.name,
      startLine: fn.startLine,
      endLine: fn.endLine,
      cyclomatic: fn.cyclomatic,
      cognitive: fn.cognitive,
      params: fn.params,
      maxNesting: fn.maxNesting,
      lines: fn.lines,
      ownLines: fn.ownLines,
    })),
  };
}

function reportFinding(f: Finding): ReportFinding {
  return {
    ruleId: f.ruleId,
    type: f.type,
    severity: f.severity,
    path: f.path,
    line: f.line,
    message: f.message,
    fingerprint: f.fingerprint,
  };
}

function reportSuppressed(f: SuppressedFinding): ReportSuppressedFinding {
  const { form, line, reason } = f.suppression;
  return { ...reportFinding(f), suppression: reason === undefined ? { form, line } : { form, line, reason } };
}

/** Only documented health fields, so additions to the engine's result never leak into the stable format. */
function healthFiles(health: FilesAnalysis['health']): ReportHealth['files'] {
  return health.files.map(({ path, score, band }) => (band ? { path, score, band } : { path, score }));
}

/** Files Lintel meant to analyse and could not are a reason too: such a verdict never passes (docs/gate.md). */
function gateSection(verdict: GateVerdict): AnalyzeReport['gate'] {
  const missed = verdict.notAnalysed ? [notAnalysedText(verdict.notAnalysed)] : [];
  return {
    passed: verdict.passed,
    reasons: [...failureReasons(verdict), ...missed],
    conditions: verdict.conditions,
  };
}

const TOOL = { name: 'lintel', version: LINTEL_VERSION } as const;

/** Skip reasons from reading and from the engine, one per path (the first reason wins). */
function mergeSkipped(
  ...lists: Array<ReadonlyArray<{ path: string; reason: string }>>
): AnalyzeReport['skipped'] {
  const seen = new Map<string, string>();
  for (const list of lists) for (const s of list) if (!seen.has(s.path)) seen.set(s.path, s.reason);
  return [...seen].map(([path, reason]) => ({ path, reason }));
}

export function buildFilesReport(
  result: FilesAnalysis,
  verdict: GateVerdict,
  readSkipped: ReadonlyArray<{ path: string; reason: string }>,
): AnalyzeReport {
  return {
    version: REPORT_VERSION,
    tool: TOOL,
    mode: 'files',
    files: result.files.map(reportFile),
    findings: result.findings.map(reportFinding),
    suppressed: (result.suppressed ?? []).map(reportSuppressed),
    skipped: mergeSkipped(readSkipped, result.skipped),
    health: {
      score: result.health.score,
      ...(result.health.band ? { band: result.health.band } : {}),
      files: healthFiles(result.health),
    },
    gate: gateSection(verdict),
  };
}

export function buildChangeReport(
  change: ChangeResult,
  verdict: GateVerdict,
  readSkipped: ReadonlyArray<{ path: string; reason: string }>,
  revisions: { base: string; head: string; mergeBase: string },
): AnalyzeReport {
  return {
    version: REPORT_VERSION,
    tool: TOOL,
    mode: 'change',
    files: change.head.files.map(reportFile),
    findings: change.newFindings.map(reportFinding),
    fixed: change.fixedFindings.map(reportFinding),
    suppressed: (change.suppressed ?? []).map(reportSuppressed),
    skipped: mergeSkipped(readSkipped, change.skipped, change.head.skipped),
    health: {
      score: change.health.after,
      ...(change.head.health.band ? { band: change.head.health.band } : {}),
      files: healthFiles(change.head.health),
      before: change.health.before,
      after: change.health.after,
      delta: change.health.delta,
    },
    change: {
      ...revisions,
      complexityAdded: change.complexityAdded,
      duplicatedLinesAdded: change.duplicatedLinesAdded,
      secrets: change.secrets,
    },
    gate: gateSection(verdict),
  };
}
