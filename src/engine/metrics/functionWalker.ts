import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageSpec } from '../languages/languageSpec';
import { walkCursor, type WalkCursor } from '../parse/buffer-cursor';
import { lizardQuestionMarks } from './lizardTokens';
import { addCognitive, newFrame, type FunctionFrame } from './frames';
import { F, K, kindTable, type KindTable } from './kindTable';

/*
 * Imported constants copied into module-local ones: under CommonJS transpilation (tsx, ts-jest) every use
 * of an imported binding is a call of an export getter, which costs more than the bit test it feeds.
 */
const {
  BINARY,
  CALL,
  CATCH,
  COMMENT,
  CYCLOMATIC_TOKEN,
  DECISIONS,
  ELSE,
  ELSE_IF,
  ELSE_TOKEN,
  EXTRA_NESTING,
  FUNCTION,
  GOTO,
  HAS_CHILDREN,
  HAS_QUESTION,
  IDENTIFIER,
  IF,
  JSX_CONTAINER,
  JUMP,
  LABEL,
  LOGICAL_OPERATOR,
  LOGICAL_UNCOUNTED,
  LOOP,
  NAMED,
  NESTING_ONLY,
  OPAQUE,
  OPTIONAL_CHAIN,
  PAREN,
  QUESTION_LEAF,
  SEEN_AS_LEAF,
  SWITCH,
  TERNARY,
} = K;
const { ALTERNATIVE, CONDITION_FIELD, NAMED_CONDITION } = F;

/** How often (in nodes) the walk checks its deadline; a clock read per node would cost more than the walk. */
const DEADLINE_CHECK_EVERY_NODES = 4096;

/** Node kinds whose condition operators are measured (maxConditionOperators). */
const BRANCH = IF | ELSE_IF | LOOP | TERNARY;

/** Per-node state bits (`Walker.bits`). */
const RAISES_COG = 1 << 0;
const RAISES_CTRL = 1 << 1;
/** Children need their field name (to tell conditions and else branches apart). */
const NEEDS_FIELDS = 1 << 2;
/** Inside a subtree lizard sees as one opaque token. */
const IN_OPAQUE = 1 << 3;
const CONDITION_ROOT = 1 << 4;
const BUMP_ROOT = 1 << 5;
/** An `if` whose else token was just seen: its next child is the else branch (Kotlin). */
const AFTER_ELSE = 1 << 6;
/** A ternary's branch, or a parenthesis directly holding one (`ternaryBranchFunctionLeaksNesting`). */
const TERNARY_BRANCH = 1 << 7;
/** The expression of a JSX `{…}` container, or a parenthesis directly holding it. */
const JSX_EXPRESSION = 1 << 8;

/** Operators that make a binary expression part of a logical-operator sequence. */
const SEQUENCE_OPERATOR = LOGICAL_OPERATOR | LOGICAL_UNCOUNTED;

export interface WalkResult {
  frames: FunctionFrame[];
  /** Start and end (exclusive) of each comment node in turn, flat, for code-line counting. */
  commentBounds: number[];
  timedOut: boolean;
}

/**
 * Walks a syntax tree once with a cursor and computes every function's metrics on the way: lizard's
 * cyclomatic tokens, Sonar's cognitive increments, nesting depth, bumps and condition operators.
 */
export function walkFunctions(tree: Tree, text: string, spec: LanguageSpec, deadline: number): WalkResult {
  const table = kindTable(spec, tree.language);
  const fast = walkOnce(tree, text, spec, table, deadline, true);
  // The fast walk guesses which nodes are leaves from their type (see Walker.run). A wrong guess skips
  // a subtree, so the walk meets fewer nodes than the tree has: then the file is walked again without
  // guessing, which also teaches the table that type's children. Either way the result is a full walk's.
  if (fast.timedOut || fast.visited === tree.rootNode.descendantCount) return fast;
  return walkOnce(tree, text, spec, table, deadline, false);
}

function walkOnce(
  tree: Tree,
  text: string,
  spec: LanguageSpec,
  table: KindTable,
  deadline: number,
  guessLeaves: boolean,
): WalkResult & { visited: number } {
  const cursor = walkCursor(tree);
  try {
    const walker = new Walker(cursor, text, spec, table);
    const timedOut = walker.run(deadline, guessLeaves);
    return { frames: walker.frames, commentBounds: walker.commentBounds, timedOut, visited: walker.visited };
  } finally {
    cursor.delete();
  }
}

/**
 * The walk's state is kept per depth of the path from the root to the cursor, in parallel arrays that
 * are overwritten as the cursor moves: no object per node. State shared down a subtree (a logical
 * operator sequence, a branch condition's operator count) lives at the depth of the node that owns it,
 * which stays on the path while its descendants are visited.
 */
class Walker {
  readonly frames: FunctionFrame[] = [];
  /**
   * Start and end of each comment node, flat: pushing numbers keeps the array's element kind fixed, where pushing
   * pairs into a fresh array changed it mid-walk and deoptimised `enter`.
   */
  readonly commentBounds: number[] = [];
  /** Nodes entered so far. */
  visited = 0;

  /** Role bits of the node type (`K`), with NAMED resolved. */
  private readonly kind: number[] = [];
  private readonly typeId: number[] = [];
  private readonly frame: Array<FunctionFrame | undefined> = [];
  /** Cognitive nesting level at which this node's own increments count. */
  private readonly cog: number[] = [];
  /** Control-structure depth of this node's position (for maxNesting and bumps). */
  private readonly ctrl: number[] = [];
  private readonly bits: number[] = [];
  /** Depth of the binary expression holding this node's logical-operator sequence, or -1. */
  private readonly logicOwner: number[] = [];
  /** At an owner depth: the last logical operator of its sequence. */
  private readonly logicLast: Array<string | null> = [];
  /** At an owner depth: the sequence adds nothing (a JSX short-circuit, `jsxContainerKinds`). */
  private readonly logicMuted: boolean[] = [];
  /** Depth of the branch condition this node is part of, or -1. */
  private readonly conditionOwner: number[] = [];
  /** At a condition root: its logical-operator count and line. */
  private readonly conditionCount: number[] = [];
  private readonly conditionLine: number[] = [];
  /** `conditionsNested`: structures' conditions take their nesting for cognitive complexity; `if`s' too. */
  private readonly nestConditions: boolean;
  private readonly nestIfConditions: boolean;
  /** `logicalOperatorRule: 'tree'` (sonar-dotnet); the operands it has already accounted for, by node id. */
  private readonly treeLogic: boolean;
  private readonly skippedLogic = new Set<number>();
  /** Read per parenthesis, so kept from the spec once. */
  private readonly parenthesesBreakRuns: boolean;
  private readonly elseIfConditionNested: boolean;

  constructor(
    private readonly cursor: WalkCursor,
    private readonly text: string,
    private readonly spec: LanguageSpec,
    private readonly table: KindTable,
  ) {
    const nested = spec.structure.conditionsNested;
    this.nestConditions = nested !== undefined;
    this.nestIfConditions = nested === 'all';
    this.treeLogic = spec.structure.logicalOperatorRule === 'tree';
    this.parenthesesBreakRuns = spec.structure.parenthesesBreakLogicalRuns === true;
    this.elseIfConditionNested = spec.structure.elseIfConditionNested === true;
  }

  /**
   * An `else if` sits in its first `if`'s else branch, one level deeper than that `if`. SonarJS scans its
   * condition at the first `if`'s level and only its body one deeper (its `nestingNodes` hold the consequent,
   * never an `if` alternate), so the node is stored one level up and raises nesting for its non-condition
   * children: `else if (a ? b : c)` scores the ternary as the first `if`'s condition would.
   * `elseIfConditionNested` languages (C#, Kotlin, Go, Ruby, Rust) keep the condition one level deeper.
   */
  private elseIfAtFirstIfLevel(d: number, cog: number): number {
    if (this.elseIfConditionNested || cog === 0) return 0;
    this.cog[d] = cog - 1;
    return RAISES_COG;
  }

  /**
   * sonar-dotnet's rule for the logical expression under the cursor: +1 unless its left operand (parentheses
   * stripped) has the same operator, and a right operand with the same operator adds nothing of its own. So
   * `a && b && c` = 1, `a && b || c && d || e` = 3, `a && (b || c) && d` = 2. Materialises the node: C# only.
   */
  private countTreeLogic(frame: FunctionFrame, operator: string): void {
    const node = this.cursor.currentNode;
    const s = this.spec.structure;
    const operand = (field: string): Node | null => {
      let current = node.childForFieldName(field);
      while (current && s.parenthesizedKinds.has(current.type)) current = current.namedChild(0);
      return current &&
        s.binaryKinds.has(current.type) &&
        current.childForFieldName('operator')?.type === operator
        ? current
        : null;
    };
    if (!this.skippedLogic.delete(node.id) && !operand('left')) addCognitive(frame, 0, false);
    const right = operand('right');
    if (right) this.skippedLogic.add(right.id);
  }

  /**
   * Walks the whole tree; returns whether it stopped at the deadline. With `guessLeaves`, the cursor
   * does not try to descend into nodes whose type is likely a leaf (anonymous, or named and so far only
   * seen without children), saving the failed `gotoFirstChild` call into wasm that most leaves cost;
   * `visited` then tells the caller whether a guess was wrong.
   */
  run(deadline: number, guessLeaves: boolean): boolean {
    const cursor = this.cursor;
    let depth = 0;
    this.enter(0);
    for (;;) {
      // Checked at the first node too, so the clock read has run before the loop is optimised (else it deoptimises).
      if (this.visited++ % DEADLINE_CHECK_EVERY_NODES === 0 && performance.now() > deadline) return true;
      const kind = this.kind[depth] ?? 0;
      const likelyLeaf = (kind & HAS_CHILDREN) === 0 && (kind & (NAMED | SEEN_AS_LEAF)) !== NAMED;
      if (!(guessLeaves && likelyLeaf)) {
        if (cursor.gotoFirstChild()) {
          if ((kind & HAS_CHILDREN) === 0) this.learn(depth, HAS_CHILDREN);
          this.enter(++depth);
          continue;
        }
        if ((kind & SEEN_AS_LEAF) === 0) this.learn(depth, SEEN_AS_LEAF);
      }
      this.leaf(depth);
      for (;;) {
        this.leave(depth);
        if (cursor.gotoNextSibling()) {
          this.enter(depth);
          break;
        }
        if (!cursor.gotoParent()) return false;
        depth--;
      }
    }
  }

  /** Records what the node at `depth` showed about its type, for later walks' leaf guesses. */
  private learn(depth: number, bit: number): void {
    const id = this.typeId[depth] ?? 0;
    const flags = this.table.flags;
    if (id < flags.length) flags[id] = (flags[id] ?? 0) | bit;
  }

  /** A node of a function kind, unless the spec turns it down (a Kotlin constructor without a body). */
  private isFunction(): boolean {
    return this.spec.isFunction?.(this.cursor.currentNode) ?? true;
  }

  private typeName(id: number): string {
    return this.table.names[id] ?? 'ERROR';
  }

  private enter(d: number): void {
    const cursor = this.cursor;
    const table = this.table;
    const id = cursor.nodeTypeId;
    // Ids past the table (the ERROR symbol) are rare: ask the cursor whether they are named.
    const kind = table.flags[id] ?? table.errorFlags | (cursor.nodeIsNamed ? NAMED : 0);
    const p = d - 1;
    const hasParent = d > 0;
    const parentBits = hasParent ? (this.bits[p] ?? 0) : 0;
    const parentKind = hasParent ? (this.kind[p] ?? 0) : 0;
    let fieldFlags = 0;
    let hasField = false;
    if (parentBits & NEEDS_FIELDS) {
      const fieldId = cursor.currentFieldId;
      hasField = fieldId !== 0;
      fieldFlags = table.fieldFlags[fieldId] ?? 0;
    }
    const nests = (fieldFlags & CONDITION_FIELD) === 0;
    const frame = hasParent ? this.frame[p] : undefined;
    const nestsCog =
      nests || (this.nestConditions && (this.nestIfConditions || (parentKind & (IF | ELSE_IF)) === 0));
    const cog = hasParent ? (this.cog[p] ?? 0) + (parentBits & RAISES_COG && nestsCog ? 1 : 0) : 0;
    const ctrl = hasParent ? (this.ctrl[p] ?? 0) + (parentBits & RAISES_CTRL && nests ? 1 : 0) : 0;

    this.kind[d] = kind;
    this.typeId[d] = id;
    this.logicOwner[d] = -1;
    // Fields are known under a ternary that is inside a function (NEEDS_FIELDS); elsewhere nothing leaks.
    const underParen = (parentKind & PAREN) !== 0;
    const inTernaryBranch =
      ((parentKind & TERNARY) !== 0 && (parentBits & NEEDS_FIELDS) !== 0 && nests) ||
      (underParen && (parentBits & TERNARY_BRANCH) !== 0);
    const inJsxExpression =
      (parentKind & JSX_CONTAINER) !== 0 || (underParen && (parentBits & JSX_EXPRESSION) !== 0);

    if (kind & FUNCTION && kind & NAMED && this.isFunction()) {
      if (frame && inTernaryBranch && this.spec.structure.ternaryBranchFunctionLeaksNesting) {
        frame.leakedNesting++;
      }
      const node = cursor.currentNode;
      const spec = this.spec;
      const own = newFrame({
        name: spec.functionName(node),
        startLine: node.startPosition.row + 1,
        endLine: node.endPosition.row + 1,
        params: spec.parameterCount(node),
        parent: frame,
        addsToParent: frame !== undefined && (spec.nestedAddsToParent?.(node) ?? true),
        // Sonar: a nested function is a nesting-only increment for what it contains.
        nestingInParent: spec.nestingInParent?.(node, cog) ?? cog + 1,
      });
      this.frames.push(own);
      this.frame[d] = own;
      this.cog[d] = 0;
      this.ctrl[d] = 0;
      this.conditionOwner[d] = -1;
      // Lizard never sees a function written inside a template substitution; measure it fully rather than as 1.
      this.bits[d] = 0;
      return;
    }

    this.frame[d] = frame;
    this.cog[d] = cog;
    this.ctrl[d] = ctrl;
    this.conditionOwner[d] = hasParent ? (this.conditionOwner[p] ?? -1) : -1;
    let bits = parentBits & IN_OPAQUE || kind & OPAQUE ? IN_OPAQUE : 0;

    if (kind & COMMENT) {
      this.commentBounds.push(cursor.startIndex, cursor.endIndex);
      this.bits[d] = bits;
      return;
    }
    if (!frame) {
      this.bits[d] = bits;
      return;
    }

    let isAlternative = hasField && (fieldFlags & ALTERNATIVE) !== 0;
    if (parentBits & AFTER_ELSE) {
      isAlternative = true;
      this.bits[p] = parentBits & ~AFTER_ELSE;
    }
    if (isAlternative && parentKind & IF && (kind & (IF | ELSE)) === 0) {
      // Plain `else` of a grammar without an else-clause node. Its branch may itself be a loop, a
      // `when`, a logical expression or a call (Kotlin's `else foo(n - 1)`), so the node keeps its role.
      addCognitive(frame, cog, false);
    }
    if (kind & DECISIONS && (bits & IN_OPAQUE) === 0) {
      frame.cyclomatic += this.spec.cyclomatic.decisions?.(cursor.currentNode) ?? 0;
    }
    if (kind & IF) {
      bits |= NEEDS_FIELDS;
      const isElseIf = hasParent && (parentKind & ELSE || (isAlternative && parentKind & IF));
      if (isElseIf) {
        addCognitive(frame, cog, false);
        bits |= this.elseIfAtFirstIfLevel(d, cog);
        if (ctrl > frame.maxNesting) frame.maxNesting = ctrl;
      } else {
        addCognitive(frame, cog, true);
        bits |= RAISES_COG | controlLevel(frame, ctrl + 1);
      }
    } else if (kind & ELSE_IF) {
      bits |= NEEDS_FIELDS;
      addCognitive(frame, cog, false);
      bits |= this.elseIfAtFirstIfLevel(d, cog);
    } else if (kind & ELSE) {
      if (!wrapsOnlyAnIf(cursor, this.spec)) addCognitive(frame, cog, false);
      if ((parentBits & RAISES_COG) === 0 && this.spec.structure.elseBodyAlwaysNests) bits |= RAISES_COG;
    } else if (kind & (LOOP | SWITCH | CATCH)) {
      bits |= NEEDS_FIELDS;
      const uncounted = kind & SWITCH && this.spec.structure.isUncountedSwitch?.(cursor.currentNode) === true;
      if (!uncounted) {
        addCognitive(frame, cog, true);
        bits |= RAISES_COG;
      }
      bits |= controlLevel(frame, ctrl + 1);
    } else if (kind & TERNARY) {
      bits |= NEEDS_FIELDS | RAISES_COG;
      addCognitive(frame, cog, true);
    } else if (kind & EXTRA_NESTING) {
      bits |= NEEDS_FIELDS | controlLevel(frame, ctrl + 1);
    } else if (kind & NESTING_ONLY) {
      bits |= NEEDS_FIELDS | RAISES_COG;
    } else if (kind & BINARY) {
      // Sonar flattens only logical operators into a sequence: `a && b === c && d` is one `&&` run, and
      // a sequence inside an operand of `===` or `+` is a sequence of its own.
      const operator = this.binaryOperator();
      if (operator === undefined || ((this.table.flags[operator] ?? 0) & SEQUENCE_OPERATOR) !== 0) {
        const inherited = hasParent ? (this.logicOwner[p] ?? -1) : -1;
        this.logicOwner[d] = inherited >= 0 ? inherited : d;
        if (inherited < 0) {
          this.logicLast[d] = null;
          // Under the tree rule the sequence only counts condition operators; `countTreeLogic` scores it.
          this.logicMuted[d] =
            this.treeLogic ||
            (inJsxExpression &&
              isJsxShortCircuit(cursor.currentNode, this.spec, this.typeName(operator ?? 0)));
        }
        if (
          this.treeLogic &&
          operator !== undefined &&
          ((this.table.flags[operator] ?? 0) & LOGICAL_OPERATOR) !== 0
        ) {
          this.countTreeLogic(frame, this.typeName(operator));
        }
      }
    } else if (kind & PAREN) {
      const seesThrough = hasParent && !this.parenthesesBreakRuns;
      this.logicOwner[d] = seesThrough ? (this.logicOwner[p] ?? -1) : -1;
      if (inTernaryBranch) bits |= TERNARY_BRANCH;
      if (inJsxExpression) bits |= JSX_EXPRESSION;
    } else if (kind & GOTO) {
      addCognitive(frame, cog, this.spec.structure.gotoWithNesting === true);
    } else if (kind & JUMP) {
      bits |= NEEDS_FIELDS;
    } else if (hasParent && kind & LABEL && parentKind & JUMP) {
      addCognitive(frame, cog, false); // `break label` / `continue label`
    } else if (kind & CALL && frame.name === this.spec.structure.calleeName(cursor.currentNode)) {
      addCognitive(frame, cog, false); // recursion
    }

    if (fieldFlags & NAMED_CONDITION && parentKind & BRANCH) {
      this.conditionOwner[d] = d;
      this.conditionCount[d] = 0;
      this.conditionLine[d] = cursor.startPosition.row + 1;
      bits |= CONDITION_ROOT;
    }
    this.bits[d] = bits;
  }

  /** A node without children: lizard's tokens and logical-operator sequences. */
  private leaf(d: number): void {
    const frame = this.frame[d];
    if (!frame) return;
    const cursor = this.cursor;
    const kind = this.kind[d] ?? 0;
    const named = (kind & NAMED) !== 0;
    if (kind & ELSE_TOKEN && d > 0 && (this.kind[d - 1] ?? 0) & IF) {
      this.bits[d - 1] = (this.bits[d - 1] ?? 0) | AFTER_ELSE;
    }
    // Logical-operator sequences (cognitive) and condition operator counts.
    if (!named && d > 0 && (this.kind[d - 1] ?? 0) & BINARY) {
      const owner = this.logicOwner[d - 1] ?? -1;
      if (owner >= 0) {
        if (kind & SEQUENCE_OPERATOR) {
          const type = this.typeName(this.typeId[d] ?? 0);
          const counted = (kind & LOGICAL_UNCOUNTED) === 0 && this.logicMuted[owner] !== true;
          if (counted && this.logicLast[owner] !== type) addCognitive(frame, 0, false);
          this.logicLast[owner] = type;
          const condition = this.conditionOwner[d] ?? -1;
          if (kind & LOGICAL_OPERATOR && condition >= 0) {
            this.conditionCount[condition] = (this.conditionCount[condition] ?? 0) + 1;
          }
        } else {
          this.logicLast[owner] = null;
        }
      }
    }
    if ((this.bits[d] ?? 0) & IN_OPAQUE) return;
    if (!named) {
      if (kind & CYCLOMATIC_TOKEN) frame.cyclomatic++;
      else if (kind & QUESTION_LEAF) frame.cyclomatic++;
      else if (kind & HAS_QUESTION) {
        frame.cyclomatic += lizardQuestionMarks(
          this.text,
          cursor.startIndex,
          this.typeName(this.typeId[d] ?? 0),
        );
      }
      return;
    }
    if (kind & OPTIONAL_CHAIN) {
      frame.cyclomatic += lizardQuestionMarks(this.text, cursor.startIndex, '?.');
      return;
    }
    if (kind & IDENTIFIER) {
      // Lizard has no parser: an identifier spelled like a condition keyword counts (`promise.catch`).
      if (this.isConditionWord()) frame.cyclomatic++;
    }
  }

  /**
   * Type id of the binary expression's `operator` child under the cursor, or undefined when the grammar
   * has no such field (every binary kind is then taken as logical, e.g. Python's `boolean_operator`).
   * Moves the cursor down and back: cheaper than materialising the node.
   */
  private binaryOperator(): number | undefined {
    const field = this.table.operatorField;
    const cursor = this.cursor;
    if (field === 0 || !cursor.gotoFirstChild()) return undefined;
    let operator: number | undefined;
    do {
      if (cursor.currentFieldId === field) {
        operator = cursor.nodeTypeId;
        break;
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
    return operator;
  }

  /**
   * Whether the identifier under the cursor is spelled like a condition word. Its start is compared
   * with each candidate word first, so the end (another call into wasm) is read only on a prefix match.
   */
  private isConditionWord(): boolean {
    const words = this.table.identifierWords;
    if (words.length === 0) return false;
    const start = this.cursor.startIndex;
    let end = -1;
    for (const word of words) {
      if (!this.text.startsWith(word, start)) continue;
      if (end < 0) end = this.cursor.endIndex;
      if (end - start === word.length) return true;
    }
    return false;
  }

  private leave(d: number): void {
    const frame = this.frame[d];
    if (!frame) return;
    const bits = this.bits[d] ?? 0;
    if (bits & CONDITION_ROOT) {
      const count = this.conditionCount[d] ?? 0;
      if (count > frame.maxConditionOperators) {
        frame.maxConditionOperators = count;
        frame.maxConditionLine = this.conditionLine[d];
      }
    }
    if (bits & BUMP_ROOT && frame.bumpDepth >= 2) frame.bumps++;
  }
}

/** Records a control structure at `level` in its function; returns the state bits it gives its node. */
function controlLevel(frame: FunctionFrame, level: number): number {
  if (level > frame.maxNesting) frame.maxNesting = level;
  if (level === 1) {
    frame.bumpDepth = 1;
    return RAISES_CTRL | BUMP_ROOT;
  }
  if (level > frame.bumpDepth) frame.bumpDepth = level;
  return RAISES_CTRL;
}

/**
 * SonarJS's JSX short-circuit (`{cond && <X/>}`): a logical chain directly in a JSX container whose
 * operators are all `operator` and whose operands include no ternary adds nothing. Only called for chains
 * in a JSX container, so walking the chain's nodes here is rare.
 */
function isJsxShortCircuit(chain: Node, spec: LanguageSpec, operator: string | undefined): boolean {
  const s = spec.structure;
  const visit = (node: Node | null): boolean => {
    let current = node;
    while (current && s.parenthesizedKinds.has(current.type)) current = current.namedChild(0);
    if (!current) return true;
    if (s.ternaryKinds.has(current.type)) return false;
    if (!s.binaryKinds.has(current.type)) return true;
    const own = current.childForFieldName('operator')?.type ?? '';
    const joins = s.logicalOperators.has(own) || (s.uncountedLogicalOperators?.has(own) ?? false);
    if (!joins) return true;
    if (own !== operator) return false;
    return visit(current.childForFieldName('left')) && visit(current.childForFieldName('right'));
  };
  return visit(chain);
}

/** `else if` written as an else clause holding a single `if`: the `if` carries the increment. */
function wrapsOnlyAnIf(cursor: WalkCursor, spec: LanguageSpec): boolean {
  const statements = cursor.currentNode.namedChildren.filter(
    (child) => child && !spec.commentKinds.has(child.type),
  );
  return (
    statements.length === 1 && statements[0] !== null && spec.structure.ifKinds.has(statements[0]?.type ?? '')
  );
}
