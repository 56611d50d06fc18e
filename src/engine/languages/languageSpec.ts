import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../types';
import type { GrammarFile } from '../parse/wasmSource';

/**
 * What the metrics walker needs to know about one language. Node kinds are tree-sitter node types of
 * the grammar named in `grammar`; token texts are what lizard's tokenizer would see.
 */
export interface LanguageSpec {
  id: Exclude<LanguageId, 'text'>;
  /** Lower-case file extensions including the dot. */
  extensions: readonly string[];
  /** Interpreter names recognised in a `#!` line (`node`, `python3`, …). */
  interpreters?: readonly string[];
  grammar: GrammarFile;

  /** Node kinds that define a function, method, lambda or closure; each is reported on its own. */
  functionKinds: ReadonlySet<string>;
  /**
   * Whether a node of `functionKinds` is reported as a function; default yes. For kinds that are only
   * sometimes code (Kotlin: a secondary constructor or property accessor without a body).
   */
  isFunction?(node: Node): boolean;
  functionName(node: Node): string;
  parameterCount(node: Node): number;
  /**
   * Whether a nested function's cognitive increments also count in its parent (Sonar's "nesting
   * only" increment). Default: yes.
   */
  nestedAddsToParent?(node: Node): boolean;
  /**
   * The nesting level, in its parent's scale, at which a nested function's increments count in the parent, given
   * the nesting where the function is written. Default: one deeper (`nesting + 1`).
   */
  nestingInParent?(node: Node, nesting: number): number;

  cyclomatic: CyclomaticTokens;
  structure: StructureKinds;
  /** Kinds whose leaves are comments (for code-line counting). */
  commentKinds: ReadonlySet<string>;
}

/** Lizard's condition tokens, expressed over tree-sitter leaves. */
export interface CyclomaticTokens {
  /**
   * Words that add 1 wherever lizard's tokenizer sees them as a whole token: keywords such as `if`,
   * and identifiers spelled the same (lizard counts `promise.catch(…)`).
   */
  words: ReadonlySet<string>;
  /** Anonymous leaf types (operators) that add 1 each, e.g. `&&`. */
  operators: ReadonlySet<string>;
  /**
   * How `?` characters in operator leaves count. `lizard-ts`: each `?` adds 1 unless it directly
   * follows a word character (lizard's TypeScript tokenizer glues `name?` into one token, so `a?.b`,
   * `x?: T` and `a??b` hide one `?`). `leaf`: every leaf whose type is exactly `?` adds 1.
   * `none`: `?` is not a condition.
   */
  questionMarks: 'lizard-ts' | 'leaf' | 'none';
  /** Kinds whose whole subtree lizard sees as opaque tokens (template literal substitutions). */
  opaqueKinds?: ReadonlySet<string>;
  /**
   * Named kinds whose condition count lizard derives from their shape rather than from one token each,
   * and that count (Kotlin `when`: one per `->` branch, less one). Not counted inside opaque kinds.
   */
  decisionKinds?: ReadonlySet<string>;
  decisions?(node: Node): number;
}

/** Node kinds for cognitive complexity, nesting, bumps and complex conditions. */
export interface StructureKinds {
  /** `if` statements/expressions. An `if` in the else position of another `if` is an else-if. */
  ifKinds: ReadonlySet<string>;
  /** Separate else-if clauses (Python `elif_clause`, Ruby `elsif`, PHP `else_if_clause`). */
  elseIfKinds: ReadonlySet<string>;
  /** Else clauses; one whose only statement is an `if` is an else-if. */
  elseKinds: ReadonlySet<string>;
  /** Field of an `if` that holds the else branch when the grammar has no else-clause node (Java, Go, C#). */
  alternativeField?: string;
  /**
   * Anonymous tokens of an `if` that its else branch directly follows, for grammars with neither an
   * else-clause node nor an alternative field (Kotlin's `if (c) a else b`).
   */
  elseTokens?: ReadonlySet<string>;
  loopKinds: ReadonlySet<string>;
  switchKinds: ReadonlySet<string>;
  catchKinds: ReadonlySet<string>;
  /** Ternary / conditional expressions: structural for cognitive, not a nesting level for maxNesting. */
  ternaryKinds: ReadonlySet<string>;
  /** Other blocks counted as nesting for maxNesting and bumps only (e.g. `try`), never for cognitive. */
  extraNestingKinds?: ReadonlySet<string>;
  /**
   * Blocks that nest their body for cognitive complexity without an increment of their own: sonar-python gives
   * `match` nothing and nests each `case` body (its pattern and guard stay at the `match`'s level).
   */
  nestingOnlyKinds?: ReadonlySet<string>;
  /** Field names of a structure's condition: children there do not get the structure's nesting. */
  conditionFields: ReadonlySet<string>;
  /** Binary-expression kinds that may hold logical operators, and the logical operator tokens. */
  binaryKinds: ReadonlySet<string>;
  logicalOperators: ReadonlySet<string>;
  /**
   * Operators that belong to a logical-operator sequence (so they end a run of like operators) but never
   * add an increment themselves. SonarJS (since 2024, JS-272): `||` and `??`, the short-circuit defaults
   * `a || []`, `b ?? ''`. Those also in `logicalOperators` still count for `maxConditionOperators`.
   */
  uncountedLogicalOperators?: ReadonlySet<string>;
  /**
   * SonarJS quirk, matched: a function written directly as a ternary's branch (`c ? () => {…} : d`) raises the
   * nesting of everything after it in the enclosing function by one (the nesting level it enters is
   * never left, because the rule's exit hook sees the inner function's counter).
   */
  ternaryBranchFunctionLeaksNesting?: boolean;
  /**
   * sonar-dotnet and sonar-kotlin nest a whole `if`, so an `else if` condition sits at the level of the first
   * `if`'s body (`if (x) {} else if (a ? b : c) {}`: the ternary costs 2). SonarJS and SonarJava scan it at the
   * first `if`'s own level (the ternary costs 1), which is the default.
   */
  elseIfConditionNested?: boolean;
  /**
   * Where conditions sit for cognitive complexity. By default (SonarJS, sonar-python) a structure's condition is at
   * the structure's own level. `all` (sonar-dotnet, sonar-kotlin): every structure is scored whole with its nesting,
   * so an `if`'s or loop's condition, a `switch` subject and a ternary's condition are one level deeper
   * (`if (a ? b : c)`: the ternary costs 2). `except-if` (SonarJava): the same, but an `if` scans its condition
   * before nesting.
   */
  conditionsNested?: 'all' | 'except-if';
  /**
   * How logical operators are scored. `sequence` (default; SonarJS, SonarJava, sonar-python): +1 for each change of
   * operator along the flattened run. `tree` (sonar-dotnet): +1 for each operator node whose left operand is not the
   * same operator, a same-operator right operand adding nothing (`a && b || c && d || e` = 3, not 4).
   */
  logicalOperatorRule?: 'sequence' | 'tree';
  /**
   * A switch Sonar does not score at all, neither +1 nor nesting (SonarJava: a switch expression, which its visitor
   * does not override). maxNesting still counts it.
   */
  isUncountedSwitch?(node: Node): boolean;
  /** sonar-dotnet: `goto` is a structural increment (+1 + nesting); the whitepaper's is a flat +1, the default. */
  gotoWithNesting?: boolean;
  /**
   * sonar-python: parentheses end a run of logical operators (`(a and b) and c` = 2), because its tree keeps
   * them as nodes. SonarJS sees through them (`(a && b) && c` = 1), which is the default.
   */
  parenthesesBreakLogicalRuns?: boolean;
  /**
   * sonar-python: an `else` of a statement that does not nest its own branches (Python's `try … else`) still nests
   * its body, as every else block does. By default such an else adds its +1 only.
   */
  elseBodyAlwaysNests?: boolean;
  /**
   * Kinds of a JSX `{…}` container. SonarJS adds nothing for a logical chain written directly in one when
   * all its operators are the same and none of its operands is a ternary (`{a && b && <X/>}`).
   */
  jsxContainerKinds?: ReadonlySet<string>;
  /** Parenthesised expressions, transparent for logical-operator sequences. */
  parenthesizedKinds: ReadonlySet<string>;
  /** `break`/`continue` kinds: they add 1 only when they carry a label. */
  jumpKinds: ReadonlySet<string>;
  /** `goto`-like kinds: always add 1. */
  gotoKinds?: ReadonlySet<string>;
  /** Kinds of a label child of a jump. */
  labelKinds: ReadonlySet<string>;
  callKinds: ReadonlySet<string>;
  /** Name a call invokes, when it can be a recursive call of the enclosing function. */
  calleeName(call: Node): string | undefined;
}
