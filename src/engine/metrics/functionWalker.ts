import type { Tree, TreeCursor } from 'web-tree-sitter';
import type { LanguageSpec } from '../languages/languageSpec';
import { lizardQuestionMarks } from './lizardTokens';
import { addCognitive, newFrame, type FunctionFrame } from './frames';

/** How often (in nodes) the walk checks its deadline; a clock read per node would cost more than the walk. */
const DEADLINE_CHECK_EVERY_NODES = 4096;

/** One node on the path from the root to the cursor. */
interface Entry {
  type: string;
  frame: FunctionFrame | undefined;
  /** Cognitive nesting level at which this node's own increments count. */
  cog: number;
  /** Control-structure depth of this node's position (for maxNesting and bumps). */
  ctrl: number;
  raisesCog: boolean;
  raisesCtrl: boolean;
  /** Whether children need their field name (to tell conditions and else branches apart). */
  needsFields: boolean;
  /** Inside a subtree lizard sees as one opaque token. */
  opaque: boolean;
  /** Last logical operator of the operator sequence this binary expression belongs to. */
  logic: { last: string | null } | undefined;
  /** Logical-operator counter of the branch condition this node is part of. */
  condition: { count: number; line: number } | undefined;
  isConditionRoot: boolean;
  isBumpRoot: boolean;
}

export interface WalkResult {
  frames: FunctionFrame[];
  /** Character ranges [start, end) of comment nodes, for code-line counting. */
  commentRanges: Array<[number, number]>;
  timedOut: boolean;
}

/**
 * Walks a syntax tree once with a cursor and computes every function's metrics on the way: lizard's
 * cyclomatic tokens, Sonar's cognitive increments, nesting depth, bumps and condition operators.
 */
export function walkFunctions(tree: Tree, text: string, spec: LanguageSpec, deadline: number): WalkResult {
  const frames: FunctionFrame[] = [];
  const commentRanges: Array<[number, number]> = [];
  const s = spec.structure;
  const cursor = tree.walk();
  const stack: Entry[] = [];
  let visited = 0;
  let timedOut = false;

  const enter = (parent: Entry | undefined): Entry => {
    const type = cursor.nodeType;
    const field = parent?.needsFields ? cursor.currentFieldName : null;
    const inCondition = field !== null && s.conditionFields.has(field);
    let frame = parent?.frame;
    const cog = parent ? parent.cog + (parent.raisesCog && !inCondition ? 1 : 0) : 0;
    const ctrl = parent ? parent.ctrl + (parent.raisesCtrl && !inCondition ? 1 : 0) : 0;
    const entry: Entry = {
      type,
      frame,
      cog,
      ctrl,
      raisesCog: false,
      raisesCtrl: false,
      needsFields: false,
      opaque: parent?.opaque === true || spec.cyclomatic.opaqueKinds?.has(type) === true,
      logic: undefined,
      condition: parent?.condition,
      isConditionRoot: false,
      isBumpRoot: false,
    };

    if (spec.functionKinds.has(type) && cursor.nodeIsNamed) {
      const node = cursor.currentNode;
      frame = newFrame({
        name: spec.functionName(node),
        startLine: node.startPosition.row + 1,
        endLine: node.endPosition.row + 1,
        params: spec.parameterCount(node),
        parent: frame,
        addsToParent: frame !== undefined && (spec.nestedAddsToParent?.(node) ?? true),
        // Sonar: a nested function is a nesting-only increment for what it contains.
        nestingInParent: cog + 1,
      });
      frames.push(frame);
      entry.frame = frame;
      entry.cog = 0;
      entry.ctrl = 0;
      entry.condition = undefined;
      // Lizard never sees a function written inside a template substitution; measure it fully rather than as 1.
      entry.opaque = false;
      return entry;
    }
    if (spec.commentKinds.has(type)) {
      commentRanges.push([cursor.startIndex, cursor.endIndex]);
      return entry;
    }
    if (!frame) return entry;

    const controlLevel = (level: number): void => {
      entry.raisesCtrl = true;
      if (level > frame.maxNesting) frame.maxNesting = level;
      if (level === 1) {
        entry.isBumpRoot = true;
        frame.bumpDepth = 1;
      } else if (level > frame.bumpDepth) frame.bumpDepth = level;
    };

    if (s.ifKinds.has(type)) {
      entry.needsFields = true;
      const isElseIf =
        parent !== undefined &&
        (s.elseKinds.has(parent.type) || (field === s.alternativeField && s.ifKinds.has(parent.type)));
      if (isElseIf) {
        // Hybrid increment; its branches already sit inside the first `if`'s nesting.
        addCognitive(frame, cog, false);
        if (ctrl > frame.maxNesting) frame.maxNesting = ctrl;
      } else {
        addCognitive(frame, cog, true);
        entry.raisesCog = true;
        controlLevel(ctrl + 1);
      }
    } else if (s.elseIfKinds.has(type)) {
      entry.needsFields = true;
      addCognitive(frame, cog, false);
    } else if (s.elseKinds.has(type)) {
      if (!wrapsOnlyAnIf(cursor, spec)) addCognitive(frame, cog, false);
    } else if (field !== null && field === s.alternativeField && parent && s.ifKinds.has(parent.type)) {
      addCognitive(frame, cog, false); // plain `else` of a grammar without an else-clause node
    } else if (s.loopKinds.has(type) || s.switchKinds.has(type) || s.catchKinds.has(type)) {
      entry.needsFields = true;
      addCognitive(frame, cog, true);
      entry.raisesCog = true;
      controlLevel(ctrl + 1);
    } else if (s.ternaryKinds.has(type)) {
      entry.needsFields = true;
      addCognitive(frame, cog, true);
      entry.raisesCog = true;
    } else if (s.extraNestingKinds?.has(type)) {
      entry.needsFields = true;
      controlLevel(ctrl + 1);
    } else if (s.binaryKinds.has(type)) {
      entry.logic = parent?.logic ?? { last: null };
    } else if (s.parenthesizedKinds.has(type)) {
      entry.logic = parent?.logic;
    } else if (s.gotoKinds?.has(type)) {
      addCognitive(frame, cog, false);
    } else if (s.jumpKinds.has(type)) {
      entry.needsFields = true;
    } else if (parent && s.labelKinds.has(type) && s.jumpKinds.has(parent.type)) {
      addCognitive(frame, cog, false); // `break label` / `continue label`
    } else if (s.callKinds.has(type) && frame.name === s.calleeName(cursor.currentNode)) {
      addCognitive(frame, cog, false); // recursion
    }

    if (field === 'condition' && parent && isBranch(parent.type, spec)) {
      entry.condition = { count: 0, line: cursor.startPosition.row + 1 };
      entry.isConditionRoot = true;
    }
    return entry;
  };

  const leaf = (entry: Entry, parent: Entry | undefined): void => {
    const frame = entry.frame;
    if (!frame) return;
    const type = entry.type;
    const named = cursor.nodeIsNamed;
    // Logical-operator sequences (cognitive) and condition operator counts.
    if (!named && parent?.logic && s.binaryKinds.has(parent.type)) {
      if (s.logicalOperators.has(type)) {
        if (parent.logic.last !== type) addCognitive(frame, 0, false);
        parent.logic.last = type;
        if (entry.condition) entry.condition.count++;
      } else {
        parent.logic.last = null;
      }
    }
    if (entry.opaque) return;
    const c = spec.cyclomatic;
    if (!named) {
      if (c.words.has(type) || c.operators.has(type)) frame.cyclomatic++;
      else if (c.questionMarks === 'leaf' && type === '?') frame.cyclomatic++;
      else if (c.questionMarks === 'lizard-ts' && type.includes('?'))
        frame.cyclomatic += lizardQuestionMarks(text, cursor.startIndex, type);
      return;
    }
    if (type === 'optional_chain' && c.questionMarks === 'lizard-ts') {
      frame.cyclomatic += lizardQuestionMarks(text, cursor.startIndex, '?.');
      return;
    }
    if (type.includes('identifier')) {
      const start = cursor.startIndex;
      const length = cursor.endIndex - start;
      // Lizard has no parser: an identifier spelled like a condition keyword counts (`promise.catch`).
      if (length >= 2 && length <= 5 && c.words.has(text.slice(start, start + length))) frame.cyclomatic++;
    }
  };

  const leave = (entry: Entry): void => {
    const frame = entry.frame;
    if (!frame) return;
    if (entry.isConditionRoot && entry.condition && entry.condition.count > frame.maxConditionOperators) {
      frame.maxConditionOperators = entry.condition.count;
      frame.maxConditionLine = entry.condition.line;
    }
    if (entry.isBumpRoot && frame.bumpDepth >= 2) frame.bumps++;
  };

  try {
    stack.push(enter(undefined));
    for (;;) {
      if (++visited % DEADLINE_CHECK_EVERY_NODES === 0 && performance.now() > deadline) {
        timedOut = true;
        break;
      }
      if (cursor.gotoFirstChild()) {
        stack.push(enter(stack[stack.length - 1]));
        continue;
      }
      const top = stack[stack.length - 1];
      if (top) leaf(top, stack[stack.length - 2]);
      let moved = false;
      while (stack.length > 0) {
        const done = stack.pop();
        if (done) leave(done);
        if (cursor.gotoNextSibling()) {
          stack.push(enter(stack[stack.length - 1]));
          moved = true;
          break;
        }
        if (!cursor.gotoParent()) break;
      }
      if (!moved) break;
    }
  } finally {
    cursor.delete();
  }
  return { frames, commentRanges, timedOut };
}

function isBranch(type: string, spec: LanguageSpec): boolean {
  const s = spec.structure;
  return s.ifKinds.has(type) || s.elseIfKinds.has(type) || s.loopKinds.has(type) || s.ternaryKinds.has(type);
}

/** `else if` written as an else clause holding a single `if`: the `if` carries the increment. */
function wrapsOnlyAnIf(cursor: TreeCursor, spec: LanguageSpec): boolean {
  const statements = cursor.currentNode.namedChildren.filter(
    (child) => child && !spec.commentKinds.has(child.type),
  );
  return (
    statements.length === 1 && statements[0] !== null && spec.structure.ifKinds.has(statements[0]?.type ?? '')
  );
}
