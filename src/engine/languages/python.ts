import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, countNamedChildren, set, simpleCalleeName } from './nodeHelpers';

/** Markers that are not parameters: bare `*` and `/` separators, comments. */
const NOT_PARAMETERS = set('comment', 'keyword_separator', 'positional_separator');

/**
 * Python. Lizard's PythonReader knows only `def` (lambdas belong to the enclosing function) and counts
 * `if elif for while except finally` and `and or` tokens (lizard_languages/python.py, 1.24).
 */
export const python: LanguageSpec = {
  id: 'python',
  extensions: ['.py', '.pyw', '.pyi'],
  interpreters: ['python', 'python3', 'python2', 'pypy', 'pypy3'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-python.wasm' },
  functionKinds: set('function_definition'),
  functionName: (node: Node) => node.childForFieldName('name')?.text ?? ANONYMOUS,
  parameterCount: (node: Node) => countNamedChildren(node.childForFieldName('parameters'), NOT_PARAMETERS),
  // lizard#440: nested named functions score separately in Python.
  nestedAddsToParent: () => false,
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
    switchKinds: set('match_statement'),
    catchKinds: set('except_clause'),
    ternaryKinds: set('conditional_expression'),
    conditionFields: set('condition', 'left', 'right', 'subject'),
    binaryKinds: set('boolean_operator'),
    logicalOperators: set('and', 'or'),
    parenthesizedKinds: set('parenthesized_expression'),
    jumpKinds: set(),
    labelKinds: set(),
    callKinds: set('call'),
    calleeName: (call: Node) => simpleCalleeName(call.childForFieldName('function')),
  },
  commentKinds: set('comment'),
};
