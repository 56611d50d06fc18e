/**
 * Honest states (docs/gate.md): what a pull request's analysis did not cover decides whether its verdict can be a
 * pass. Files set aside by design (deleted, binary, ignored, generated, minified, over the size limit) leave the
 * verdict as it is, as SonarQube's exclusions do; a file whose secret scan failed fails the gate; a file Lintel meant
 * to analyse and could not makes the verdict "not analysed" unless a condition already fails.
 */
import type { SkipReason } from '../engine/types';
import { plural } from './shortfall-text';
import type { GateCondition, GateOutcome, GateVerdict, NotAnalysed } from './types';

export { notAnalysedText } from './shortfall-text';

/** Reasons a verdict quotes; the report and the summary list every file. */
const REASONS_QUOTED = 3;

/** The skips that are shortfalls (a `kind`), first per path: these are what the summary says first. */
export function shortfallsOf(skipped: readonly SkipReason[]): SkipReason[] {
  return skipped.filter((s) => s.kind !== undefined);
}

function distinctPaths(skips: readonly SkipReason[]): number {
  return new Set(skips.map((s) => s.path)).size;
}

/**
 * The gate's verdict with the analysis' shortfalls judged: a failing `secretScan` condition for files analysed but
 * not scanned for secrets, and `notAnalysed` for files not analysed at all. Either makes `passed` false.
 */
export function judgeCoverage(verdict: GateVerdict, skipped: readonly SkipReason[]): GateVerdict {
  const unscanned = skipped.filter((s) => s.kind === 'secrets-not-scanned');
  const missing = skipped.filter((s) => s.kind === 'not-analysed');
  const conditions = [...verdict.conditions];
  if (unscanned.length > 0) {
    const files = distinctPaths(unscanned);
    const scan: GateCondition = {
      id: 'secretScan',
      passed: false,
      actual: files,
      limit: 0,
      message: `${plural(files, 'file')} not scanned for secrets (limit 0)`,
    };
    conditions.push(scan);
  }
  const notAnalysed: NotAnalysed | undefined =
    missing.length > 0
      ? {
          files: distinctPaths(missing),
          reasons: [...new Set(missing.map((s) => s.reason))].slice(0, REASONS_QUOTED),
        }
      : undefined;
  return {
    passed: conditions.every((c) => c.passed) && notAnalysed === undefined,
    conditions,
    ...(notAnalysed ? { notAnalysed } : {}),
  };
}

export function gateOutcome(verdict: GateVerdict): GateOutcome {
  if (verdict.conditions.some((c) => !c.passed)) return 'failed';
  return verdict.notAnalysed ? 'not-analysed' : verdict.passed ? 'passed' : 'failed';
}
