import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, countNamedChildren, set, simpleCalleeName } from './nodeHelpers';

/** Markers that are not parameters: bare `*` and `/` separators, comments. */
const NOT_PARAMETERS = set('comment', 'keyword_separator', 'positional_separator');

/**
 * Python. Lizard's PythonReader knows only `def` (lambdas belong to the enclosing function) and counts
 * `if elif for while except finally` and `and or` tokens (lizard_languages/python.py, 1.24). Cognitive
 * complexity follows sonar-python's CognitiveComplexityVisitor where docs/metrics.md says so.
 */
/**
 * sonar-python's CognitiveComplexityVisitor: a def nested in a def counts in it one level deeper than where it is
 * written, except in a wrapper (a def whose other statements are all `return name`, the decorator pattern), where it
 * counts at the wrapper's own level; a def in a class body counts from level 0, because a class resets nesting.
 */
function pythonNestingInParent(node: Node, nesting: number): number {
  const container = node.parent?.type === 'decorated_definition' ? node.parent : node;
  const body = container.parent;
  const owner = body?.parent;
  if (owner?.type === 'class_definition') return 0;
  if (owner?.type === 'function_definition' && body && isWrapperBody(body, container)) return nesting;
  return nesting + 1;
}

/** Every statement of the body but `child` is `return <name>`. */
function isWrapperBody(body: Node, child: Node): boolean {
  return body.namedChildren.every(
    (statement) =>
      statement === null ||
      statement.id === child.id ||
      statement.type === 'comment' ||
      (statement.type === 'return_statement' &&
        statement.namedChildCount === 1 &&
        statement.namedChild(0)?.type === 'identifier'),
  );
}

export const python: LanguageSpec = {
  id: 'python',
  extensions: ['.py', '.pyw', '.pyi'],
  interpreters: ['python', 'python3', 'python2', 'pypy', 'pypy3'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-python.wasm' },
  functionKinds: set('function_definition'),
  functionName: (node: Node) => node.childForFieldName('name')?.text ?? ANONYMOUS,
  parameterCount: (node: Node) => countNamedChildren(node.childForFieldName('parameters'), NOT_PARAMETERS),
  // sonar-python adds a nested def's increments into the enclosing def (lizard#440 reports it on its own too, and
  // Lintel does both, as for lambdas elsewhere).
  nestingInParent: pythonNestingInParent,
  cyclomatic: {
    words: set('if', 'elif', 'for', 'while', 'except', 'finally', 'and', 'or'),
    operators: set(),
    questionMarks: 'none',
    // Lizard reads a string, f-strings included, as one token.
    opaqueKinds: set('string'),
  },
  structure: {
    ifKinds: set('if_statement'),
    elseIfKinds: set('elif_clause'),
    elseKinds: set('else_clause'),
    loopKinds: set('for_statement', 'while_statement'),
    // sonar-python: `match` adds nothing; each `case` body is one level deeper (maxNesting still counts the match).
    switchKinds: set(),
    extraNestingKinds: set('match_statement'),
    nestingOnlyKinds: set('case_clause'),
    catchKinds: set('except_clause'),
    ternaryKinds: set('conditional_expression'),
    // `value`: the exception an `except` names sits at the `except`'s own level (sonar-python nests its body only).
    conditionFields: set('condition', 'left', 'right', 'subject', 'value', 'guard'),
    binaryKinds: set('boolean_operator'),
    logicalOperators: set('and', 'or'),
    parenthesizedKinds: set('parenthesized_expression'),
    parenthesesBreakLogicalRuns: true,
    elseBodyAlwaysNests: true,
    jumpKinds: set(),
    labelKinds: set(),
    // sonar-python counts no recursion (its test resource marks it "TODO"), so no call kind is looked at.
    callKinds: set(),
    calleeName: (call: Node) => simpleCalleeName(call.childForFieldName('function')),
  },
  commentKinds: set('comment'),
};
