/**
 * What one chunk of a large pull request leaves in storage for the publisher: compact, because a Forge kvs value is
 * at most 240 KiB (forge-platform.md §5). Findings are capped, highest severity first, but their counts per
 * severity stay exact; only the changed lines that anchor the kept findings are kept.
 */
import type { CodeWindow } from '../ai/code-window';
import type { ChangeAnalysis } from '../engine';
import type { SuppressedFinding } from '../engine/suppression';
import type { Finding, Severity, SkipReason } from '../engine/types';
import { anchorLine, bySeverityThenPlace } from '../publish/finding-order';
import type { ChangedLines } from '../publish';
import { READ_SEPARATELY_NAMED_MAX } from './read-separately';

/** Forge kvs value limit (limits-kvs-ce): 240 KiB serialized. */
export const KVS_VALUE_BYTES_MAX = 240 * 1024;
/** What a chunk result may use of it, leaving room for the envelope the SDK adds. */
export const CHUNK_RESULT_BYTES_MAX = 200 * 1024;
/** Findings kept per chunk before the size check; the annotations of a report stop at 1,000 anyway. */
export const CHUNK_NEW_FINDINGS_MAX = 300;
export const CHUNK_FIXED_FINDINGS_MAX = 100;
export const CHUNK_SKIPPED_MAX = 100;
/**
 * Code windows kept per chunk for the AI review (docs/ai.md): as many as a pull request may review at most
 * (LINTEL_AI_FINDINGS' bound), so the top findings of the whole set are among the chunks' own top ones.
 */
export const CHUNK_CODE_WINDOWS_MAX = 25;

export type SeverityCounts = Record<Severity, number>;

export interface ChunkHealth {
  before: number;
  after: number;
  /** Weights for merging chunks: code lines at head, non-blank lines at base (the engine keeps no base counts). */
  beforeLines: number;
  afterLines: number;
}

export interface ChunkResult {
  index: number;
  state: 'done' | 'failed';
  /** The chunk's head paths: a failed chunk reports each of them as not analysed. */
  paths: string[];
  /** Why the chunk failed, in words a person can act on. */
  reason?: string;
  newFindings: Finding[];
  fixedFindings: Finding[];
  newCounts: SeverityCounts;
  fixedCount: number;
  /** Findings a suppression comment hid (capped like `fixedFindings`), and how many there were. */
  suppressed: SuppressedFinding[];
  suppressedCount: number;
  /** Path → the changed lines the kept new findings are anchored on. */
  anchors: Record<string, number[]>;
  health: ChunkHealth;
  complexityAdded: number;
  duplicatedLinesAdded: number;
  secrets: number;
  /** Head paths the engine analysed, with their code lines. */
  analysed: { path: string; codeLines: number }[];
  skipped: SkipReason[];
  skippedCount: number;
  renamed: Record<string, string>;
  /** Files analysed from their own `src` reads (the first few, and how many): the summary says so. */
  readSeparately?: SkipReason[];
  readSeparatelyCount?: number;
  /** Fingerprint → the redacted code around a kept new HIGH or CRITICAL finding, when AI comments are on. */
  codeWindows?: Record<string, CodeWindow>;
}

const zeroCounts = (): SeverityCounts => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 });

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = zeroCounts();
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

const nonBlankLines = (text: string): number => text.split('\n').filter((l) => l.trim() !== '').length;

export interface ChunkInput {
  index: number;
  paths: string[];
  analysis: ChangeAnalysis;
  changedLines: ChangedLines;
  /** Skips of the fetch (deleted, binary, ignored, diff too large) before the engine's own. */
  skipped: SkipReason[];
  /** Files the fetch read on their own, with why. */
  readSeparately?: readonly SkipReason[];
  baseTexts: readonly string[];
  /** Redacted windows for the AI review in comment order (review-windows.ts), when AI comments are on. */
  codeWindows?: ReadonlyMap<string, CodeWindow>;
}

export function compactChunkResult(input: ChunkInput): ChunkResult {
  const { analysis } = input;
  // Shortfalls first (docs/gate.md): when the list is cut, the skips that decide the verdict are the ones kept.
  const all = [...input.skipped, ...analysis.skipped];
  const skipped = [...all.filter((s) => s.kind !== undefined), ...all.filter((s) => s.kind === undefined)];
  const analysed = analysis.head.files.map((f) => ({ path: f.path, codeLines: f.codeLines }));
  const full: Omit<ChunkResult, 'newFindings' | 'fixedFindings' | 'suppressed' | 'anchors'> = {
    index: input.index,
    state: 'done',
    paths: input.paths,
    newCounts: countBySeverity(analysis.newFindings),
    fixedCount: analysis.fixedFindings.length,
    suppressedCount: analysis.suppressed.length,
    health: {
      before: analysis.health.before,
      after: analysis.health.after,
      beforeLines: input.baseTexts.reduce((n, t) => n + nonBlankLines(t), 0),
      afterLines: analysed.reduce((n, f) => n + f.codeLines, 0),
    },
    complexityAdded: analysis.complexityAdded,
    duplicatedLinesAdded: analysis.duplicatedLinesAdded,
    secrets: analysis.secrets,
    analysed,
    skipped: skipped.slice(0, CHUNK_SKIPPED_MAX),
    skippedCount: skipped.length,
    renamed: analysis.renamed,
    ...(input.readSeparately && input.readSeparately.length > 0
      ? {
          readSeparately: input.readSeparately.slice(0, READ_SEPARATELY_NAMED_MAX),
          readSeparatelyCount: input.readSeparately.length,
        }
      : {}),
  };
  const newSorted = [...analysis.newFindings].sort(bySeverityThenPlace);
  const fixedSorted = [...analysis.fixedFindings].sort(bySeverityThenPlace);
  const windows = [...(input.codeWindows ?? new Map<string, CodeWindow>())];
  let newMax = CHUNK_NEW_FINDINGS_MAX;
  let fixedMax = CHUNK_FIXED_FINDINGS_MAX;
  let windowsMax = CHUNK_CODE_WINDOWS_MAX;
  for (;;) {
    const newFindings = newSorted.slice(0, newMax);
    const result: ChunkResult = {
      ...full,
      newFindings,
      fixedFindings: fixedSorted.slice(0, fixedMax),
      suppressed: analysis.suppressed.slice(0, fixedMax),
      anchors: anchorsOf(newFindings, input.changedLines),
      ...keptWindows(windows, newFindings, windowsMax),
    };
    // Halve the lists until the value fits; counts stay exact whatever is dropped.
    if (
      Buffer.byteLength(JSON.stringify(result)) <= CHUNK_RESULT_BYTES_MAX ||
      newMax + fixedMax + windowsMax === 0
    ) {
      return result;
    }
    newMax = Math.floor(newMax / 2);
    fixedMax = Math.floor(fixedMax / 2);
    windowsMax = Math.floor(windowsMax / 2);
  }
}

/** The first `max` windows whose findings the result keeps: a window without its finding is never reviewed. */
function keptWindows(
  windows: readonly [string, CodeWindow][],
  kept: readonly Finding[],
  max: number,
): Pick<ChunkResult, 'codeWindows'> {
  const fingerprints = new Set(kept.map((f) => f.fingerprint));
  const entries = windows.filter(([fingerprint]) => fingerprints.has(fingerprint)).slice(0, max);
  return entries.length > 0 ? { codeWindows: Object.fromEntries(entries) } : {};
}

function anchorsOf(findings: readonly Finding[], changedLines: ChangedLines): Record<string, number[]> {
  const anchors: Record<string, Set<number>> = {};
  for (const f of findings) {
    const line = anchorLine(f, changedLines);
    if (line !== undefined) (anchors[f.path] ??= new Set()).add(line);
  }
  return Object.fromEntries(Object.entries(anchors).map(([p, s]) => [p, [...s].sort((a, b) => a - b)]));
}

/** A chunk that could not be analysed: its files are reported as not analysed, with the reason. */
export function failedChunkResult(index: number, paths: string[], reason: string): ChunkResult {
  return {
    index,
    state: 'failed',
    paths,
    reason,
    newFindings: [],
    fixedFindings: [],
    newCounts: zeroCounts(),
    fixedCount: 0,
    suppressed: [],
    suppressedCount: 0,
    anchors: {},
    health: { before: 0, after: 0, beforeLines: 0, afterLines: 0 },
    complexityAdded: 0,
    duplicatedLinesAdded: 0,
    secrets: 0,
    analysed: [],
    skipped: [],
    skippedCount: 0,
    renamed: {},
  };
}
