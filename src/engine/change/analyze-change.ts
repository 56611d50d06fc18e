/** Diff mode: what a change (base → head) introduced, fixed, and did to code health. */
import { parseUnifiedDiff } from '../../diff/parseUnifiedDiff';
import type { FileDiff } from '../../diff/types';
import { analyzeFilesWith, type AnalysisResult } from '../analyze-files';
import type { EngineOptions } from '../engine-options';
import type { EnginePorts } from '../engine-ports';
import { healthDelta, weightedHealth } from '../health/aggregate-health';
import { ruleById } from '../rules';
import type { RuleScope } from '../rules/rule-types';
import type { SuppressedFinding } from '../suppression';
import { WHOLE_RUN_PATH, type Finding, type SkipReason, type SourceFile } from '../types';
import { changedFilesOf, renamesOf, type ChangedFile } from './changed-files';
import {
  duplicatedLinesAdded,
  fixedFindingsOf,
  newFindingsOf,
  oneFindingPerClone,
} from './classify-findings';
import { complexityAddedIn } from './complexity-added';

export interface ChangeInput {
  base: SourceFile[];
  head: SourceFile[];
  /** Unified diff from base to head (git flavour). */
  diff: string;
}

export interface ChangeAnalysis {
  head: AnalysisResult;
  newFindings: Finding[];
  /** Findings the change would have introduced that a `lintel-disable…` comment suppressed. */
  suppressed: SuppressedFinding[];
  fixedFindings: Finding[];
  /** Lines-weighted health of the changed files, at base and at head. */
  health: { before: number; after: number; delta: number };
  complexityAdded: number;
  duplicatedLinesAdded: number;
  /** New hard-coded secrets. */
  secrets: number;
  skipped: SkipReason[];
  /** Base path → head path of renamed files. */
  renamed: Record<string, string>;
}

const SECRET_RULE_ID = 'hard-coded-secret';
const DUPLICATION_RULE_ID = 'duplicated-code';

function scopeOf(ruleId: string): RuleScope {
  return ruleById(ruleId)?.meta.scope ?? 'line';
}

function parseDiff(diff: string): FileDiff[] {
  try {
    return parseUnifiedDiff(diff);
  } catch (error) {
    throw new Error(`The diff could not be read: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Health over a set of paths, from an analysis' per-file scores and code lines. */
function healthOf(result: AnalysisResult, paths: ReadonlySet<string>): number {
  const lines = new Map(result.files.map((file) => [file.path, file.codeLines]));
  return weightedHealth(
    result.health.files
      .filter((file) => paths.has(file.path))
      .map((file) => ({ score: file.score, codeLines: lines.get(file.path) ?? 0 })),
  );
}

/** Carries base findings back to base paths, for reporting fixed findings where they used to be. */
function toBasePaths(findings: Finding[], headToBase: ReadonlyMap<string, string>): Finding[] {
  return findings.map((finding) => {
    const basePath = headToBase.get(finding.path);
    return basePath === undefined ? finding : { ...finding, path: basePath };
  });
}

/** Skip reasons that concern the change: unreadable diff sections, missing content, and skipped changed files. */
function changeSkips(
  changed: readonly ChangedFile[],
  input: ChangeInput,
  base: AnalysisResult,
  head: AnalysisResult,
  headToBase: ReadonlyMap<string, string>,
): SkipReason[] {
  const headPaths = new Set(input.head.map((file) => file.path));
  const changedHead = new Set(changed.flatMap((file) => (file.headPath === null ? [] : [file.headPath])));
  const changedBase = new Set(changed.flatMap((file) => (file.basePath === null ? [] : [file.basePath])));
  const skipped: SkipReason[] = [];
  for (const file of changed) {
    const path = file.headPath ?? file.basePath ?? '(unknown)';
    if (file.diffError) {
      skipped.push({
        path,
        reason: `diff section unreadable, whole file treated as changed: ${file.diffError}`,
      });
    }
    if (file.headPath !== null && !headPaths.has(file.headPath)) {
      skipped.push({
        path,
        reason: 'changed in the diff, but its head content was not provided',
        kind: 'not-analysed',
      });
    }
  }
  skipped.push(
    ...head.skipped.filter((entry) => entry.path === WHOLE_RUN_PATH || changedHead.has(entry.path)),
  );
  // A file whose head was not analysed at all is listed once, for its head: its base's reason adds nothing.
  const analysedAtHead = new Set(head.files.map((file) => file.path));
  const headNotAnalysed = new Set(
    head.skipped.filter((entry) => !analysedAtHead.has(entry.path)).map((entry) => entry.path),
  );
  for (const entry of base.skipped) {
    const basePath = headToBase.get(entry.path) ?? entry.path;
    if (entry.path !== WHOLE_RUN_PATH && headNotAnalysed.has(entry.path)) continue;
    if (changedBase.has(basePath)) skipped.push({ path: basePath, reason: `base version: ${entry.reason}` });
  }
  return skipped;
}

/**
 * Diff mode. Base and head are analysed in full (pass the changed files, plus any others that clones
 * should be looked for in); the diff decides which findings the change introduced. A changed file whose
 * head version could not be analysed takes no part in fixed findings or health, so that a file growing
 * past the size limit does not look like a fix.
 */
export async function analyzeChangeWith(
  ports: EnginePorts,
  input: ChangeInput,
  options: EngineOptions = {},
): Promise<ChangeAnalysis> {
  const diff = parseDiff(input.diff);
  const changed = changedFilesOf(diff);
  const renames = renamesOf(diff);
  const headToBase = new Map([...renames].map(([from, to]) => [to, from]));

  // Base files are analysed under their head names so a renamed file's findings keep their fingerprints.
  const baseAsHead = input.base.map((file) => ({ ...file, path: renames.get(file.path) ?? file.path }));
  const base = await analyzeFilesWith(ports, baseAsHead, options);
  const head = await analyzeFilesWith(ports, input.head, options);

  const analysedAtHead = new Set(head.files.map((file) => file.path));
  const changedByHeadPath = new Map<string, ChangedFile>();
  const comparableAtBase = new Set<string>(); // in head naming, like `base`
  for (const file of changed) {
    if (file.headPath !== null) changedByHeadPath.set(file.headPath, file);
    if (file.basePath === null) continue;
    const asHead = renames.get(file.basePath) ?? file.basePath;
    if (file.headPath === null || analysedAtHead.has(asHead)) comparableAtBase.add(asHead);
  }

  // A suppressed finding still exists: removing its comment does not make it new, adding one does not fix it.
  const baseFingerprints = new Set(
    [...base.findings, ...base.suppressed].map((finding) => finding.fingerprint),
  );
  const headFingerprints = new Set(
    [...head.findings, ...head.suppressed].map((finding) => finding.fingerprint),
  );
  const bothSides = newFindingsOf(head.findings, baseFingerprints, changedByHeadPath, scopeOf);
  const newFindings = oneFindingPerClone(bothSides, DUPLICATION_RULE_ID);
  const fixedFindings = toBasePaths(
    fixedFindingsOf(base.findings, headFingerprints, comparableAtBase),
    headToBase,
  );

  const baseMetrics = new Map(base.files.map((file) => [file.path, file]));
  let complexityAdded = 0;
  for (const metrics of head.files) {
    const file = changedByHeadPath.get(metrics.path);
    if (file) complexityAdded += complexityAddedIn(metrics, baseMetrics.get(metrics.path), file.touched);
  }

  return {
    head,
    newFindings,
    suppressed: newFindingsOf(head.suppressed, baseFingerprints, changedByHeadPath, scopeOf),
    fixedFindings,
    health: healthDelta(healthOf(base, comparableAtBase), healthOf(head, new Set(changedByHeadPath.keys()))),
    complexityAdded,
    // Every added line that is a copy counts, on both sides of a clone the change made.
    duplicatedLinesAdded: duplicatedLinesAdded(bothSides, changedByHeadPath, DUPLICATION_RULE_ID),
    secrets: newFindings.filter((finding) => finding.ruleId === SECRET_RULE_ID).length,
    skipped: changeSkips(changed, input, base, head, headToBase),
    renamed: Object.fromEntries(renames),
  };
}
