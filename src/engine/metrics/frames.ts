import type { FunctionMetrics } from '../types';

/** Running totals of one function while its subtree is walked. */
export interface FunctionFrame {
  name: string;
  startLine: number;
  endLine: number;
  params: number;
  cyclomatic: number;
  cognitive: number;
  maxNesting: number;
  bumps: number;
  /** Deepest control level reached inside the current top-level control structure. */
  bumpDepth: number;
  maxConditionOperators: number;
  maxConditionLine: number | undefined;
  parent: FunctionFrame | undefined;
  /** Whether cognitive increments also count in `parent` (nested function = nesting-only increment). */
  addsToParent: boolean;
  /** Nesting level, in the parent's scale, that this function's body adds to increments passed up. */
  nestingInParent: number;
  /** Nesting added to the rest of this function's structural increments (`ternaryBranchFunctionLeaksNesting`). */
  leakedNesting: number;
}

export function newFrame(
  fields: Pick<
    FunctionFrame,
    'name' | 'startLine' | 'endLine' | 'params' | 'parent' | 'addsToParent' | 'nestingInParent'
  >,
): FunctionFrame {
  // Listed field by field (not spread) so every frame gets the same object shape.
  return {
    name: fields.name,
    startLine: fields.startLine,
    endLine: fields.endLine,
    params: fields.params,
    parent: fields.parent,
    addsToParent: fields.addsToParent,
    nestingInParent: fields.nestingInParent,
    leakedNesting: 0,
    // Lizard: CCN = 1 + condition tokens.
    cyclomatic: 1,
    cognitive: 0,
    maxNesting: 0,
    bumps: 0,
    bumpDepth: 0,
    maxConditionOperators: 0,
    maxConditionLine: undefined,
  };
}

/**
 * Adds a cognitive increment to a function and to every enclosing function it counts in. A structural
 * increment (`withNesting`) costs 1 + the nesting level, which grows by each enclosing function's
 * position on the way up.
 */
export function addCognitive(frame: FunctionFrame, nesting: number, withNesting: boolean): void {
  let current: FunctionFrame | undefined = frame;
  let level = nesting + frame.leakedNesting;
  while (current) {
    current.cognitive += withNesting ? 1 + level : 1;
    if (!current.addsToParent) return;
    level += current.nestingInParent;
    current = current.parent;
  }
}

/** Each frame's metrics, in walk order (a function before the functions nested in it). */
export function toFunctionMetrics(frames: readonly FunctionFrame[]): FunctionMetrics[] {
  const nestedLines = linesSpannedByNested(frames);
  return frames.map((frame) => {
    const lines = frame.endLine - frame.startLine + 1;
    const metrics: FunctionMetrics = {
      name: frame.name,
      startLine: frame.startLine,
      endLine: frame.endLine,
      cyclomatic: frame.cyclomatic,
      cognitive: frame.cognitive,
      params: frame.params,
      maxNesting: frame.maxNesting,
      lines,
      ownLines: lines - (nestedLines.get(frame) ?? 0),
      bumps: frame.bumps,
      maxConditionOperators: frame.maxConditionOperators,
    };
    if (frame.maxConditionLine !== undefined) metrics.maxConditionLine = frame.maxConditionLine;
    return metrics;
  });
}

/**
 * For each function, how many of its lines its directly nested functions span (the union: siblings sharing a line
 * count it once). Frames come in walk order, so a function's children arrive in source order after it.
 */
function linesSpannedByNested(frames: readonly FunctionFrame[]): Map<FunctionFrame, number> {
  const spanned = new Map<FunctionFrame, number>();
  const coveredTo = new Map<FunctionFrame, number>();
  for (const frame of frames) {
    const parent = frame.parent;
    if (!parent) continue;
    const last = coveredTo.get(parent) ?? 0;
    const from = Math.max(frame.startLine, last + 1);
    const to = Math.min(frame.endLine, parent.endLine);
    if (to >= from) spanned.set(parent, (spanned.get(parent) ?? 0) + to - from + 1);
    if (to > last) coveredTo.set(parent, to);
  }
  return spanned;
}
