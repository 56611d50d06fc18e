/**
 * Merges the chunk results of a large pull request into one ChangeAnalysis for the existing publisher, plus the
 * facts the gate judges. What chunk mode could not see is said in `skipped`: files of failed chunks, findings
 * beyond what a chunk stores, and duplication across chunks.
 */
import type { ChangeAnalysis } from '../engine';
import { healthBand, weightedHealth } from '../engine/health/aggregate-health';
import { WHOLE_RUN_PATH } from '../engine/types';
import { SEVERITIES_HIGH_FIRST, type Finding, type SkipReason } from '../engine/types';
import type { ChangeFacts } from '../gate/types';
import type { ChunkResult } from './chunk-result';

export interface AggregatedChunks {
  /** What is published: the kept findings, exact totals, every skip with its reason. */
  analysis: ChangeAnalysis;
  /** What the gate judges: like `analysis`, with every new finding counted (stand-ins for those not stored). */
  gateFacts: ChangeFacts;
  /** Lines the kept findings are anchored on (annotations and inline comments go only there). */
  changedLines: Map<string, Set<number>>;
  failedChunks: number;
}

const sum = (results: readonly ChunkResult[], f: (r: ChunkResult) => number): number =>
  results.reduce((n, r) => n + f(r), 0);

export function aggregateChunks(
  results: readonly ChunkResult[],
  chunkCount: number,
  planned: { skipped: readonly SkipReason[]; skippedCount: number } = { skipped: [], skippedCount: 0 },
): AggregatedChunks {
  // One result per chunk index, whatever the store handed back: a redelivered chunk must never count twice.
  const ordered = [...new Map(results.map((r) => [r.index, r])).values()].sort((a, b) => a.index - b.index);
  const done = ordered.filter((r) => r.state === 'done');
  const failed = ordered.filter((r) => r.state === 'failed');

  const newFindings = done.flatMap((r) => r.newFindings);
  const fixedFindings = done.flatMap((r) => r.fixedFindings);
  const suppressed = done.flatMap((r) => r.suppressed);
  // The coordinator's own skips (deleted, binary, ignored files) come first, as in a whole-pull-request run.
  const skipped: SkipReason[] = [...planned.skipped];
  if (planned.skippedCount > planned.skipped.length) {
    skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `${planned.skippedCount - planned.skipped.length} more changed files were skipped (not listed)`,
    });
  }
  for (const r of failed) {
    for (const path of r.paths)
      skipped.push({ path, reason: `not analysed: ${r.reason ?? 'its chunk failed'}`, kind: 'not-analysed' });
  }
  for (const r of done) {
    skipped.push(...r.skipped);
    if (r.skippedCount > r.skipped.length) {
      skipped.push({
        path: WHOLE_RUN_PATH,
        reason: `${r.skippedCount - r.skipped.length} more files of chunk ${r.index + 1} were skipped (not listed)`,
      });
    }
  }

  // Findings a chunk counted but could not store: the gate still counts them, the report says they exist.
  const standIns: Finding[] = [];
  for (const r of done) {
    for (const severity of SEVERITIES_HIGH_FIRST) {
      const kept = r.newFindings.filter((f) => f.severity === severity).length;
      for (let i = kept; i < r.newCounts[severity]; i++) {
        standIns.push({
          ruleId: 'not-stored',
          type: 'CODE_SMELL',
          severity,
          path: WHOLE_RUN_PATH,
          line: 0,
          message: 'counted in its chunk, not stored',
          fingerprint: `not-stored-${r.index}-${severity}-${i}`,
        });
      }
    }
  }
  if (standIns.length > 0) {
    skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `${standIns.length} more new issues were found but are not listed (each chunk stores its most severe ones); the quality gate counts them all`,
    });
  }
  const fixedNotListed = sum(done, (r) => r.fixedCount) - fixedFindings.length;
  if (fixedNotListed > 0) {
    skipped.push({ path: WHOLE_RUN_PATH, reason: `${fixedNotListed} more fixed issues are not listed` });
  }
  const suppressedNotListed = sum(done, (r) => r.suppressedCount) - suppressed.length;
  if (suppressedNotListed > 0) {
    skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `${suppressedNotListed} more findings suppressed in code are not listed`,
    });
  }
  if (chunkCount > 1) {
    skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `this large pull request was analysed in ${chunkCount} separate chunks: duplication between files of different chunks is not detected`,
    });
  }

  const before = weightedHealth(
    done.map((r) => ({ score: r.health.before, codeLines: r.health.beforeLines })),
  );
  const after = weightedHealth(done.map((r) => ({ score: r.health.after, codeLines: r.health.afterLines })));
  const analysed = done.flatMap((r) => r.analysed);
  const analysis: ChangeAnalysis = {
    head: {
      files: analysed.map((f) => ({
        path: f.path,
        language: 'text',
        lines: f.codeLines,
        codeLines: f.codeLines,
        functions: [],
      })),
      findings: newFindings,
      suppressed,
      skipped: [],
      health: { score: after, band: healthBand(after), files: [] },
    },
    newFindings,
    suppressed,
    fixedFindings,
    health: { before, after, delta: Math.round((after - before) * 100) / 100 },
    complexityAdded: sum(done, (r) => r.complexityAdded),
    duplicatedLinesAdded: sum(done, (r) => r.duplicatedLinesAdded),
    secrets: sum(done, (r) => r.secrets),
    skipped,
    renamed: Object.assign({}, ...done.map((r) => r.renamed)) as Record<string, string>,
  };
  const changedLines = new Map<string, Set<number>>();
  for (const r of done) {
    for (const [path, lines] of Object.entries(r.anchors)) changedLines.set(path, new Set(lines));
  }
  return {
    analysis,
    gateFacts: { ...analysis, newFindings: [...newFindings, ...standIns] },
    changedLines,
    failedChunks: failed.length,
  };
}
