import type { Node } from 'web-tree-sitter';
import { LOGICAL } from './braceFamily';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, countNamedChildren, set } from './nodeHelpers';

const NOT_PARAMETERS = set('line_comment', 'block_comment', 'attribute_item');

/** `f(…)`, `Self::f(…)` and `self.f(…)` inside `f`. */
function rustCalleeName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'scoped_identifier' && callee.childForFieldName('path')?.text === 'Self') {
    return callee.childForFieldName('name')?.text;
  }
  if (callee?.type === 'field_expression' && callee.childForFieldName('value')?.type === 'self') {
    return callee.childForFieldName('field')?.text;
  }
  return undefined;
}

/**
 * Rust. Lizard's RustReader counts `if for while catch match where`, `&& ||` and the `?` of error
 * propagation; no case keyword (match arms add nothing), `loop` adds nothing. Closures are functions
 * of their own, like JS arrow functions.
 */
export const rust: LanguageSpec = {
  id: 'rust',
  extensions: ['.rs'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-rust.wasm' },
  functionKinds: set('function_item', 'closure_expression'),
  functionName: (node: Node) => {
    const own = node.childForFieldName('name')?.text;
    if (own) return own;
    const parent = node.parent;
    return parent?.type === 'let_declaration'
      ? (parent.childForFieldName('pattern')?.text ?? ANONYMOUS)
      : ANONYMOUS;
  },
  parameterCount: (node: Node) => countNamedChildren(node.childForFieldName('parameters'), NOT_PARAMETERS),
  cyclomatic: {
    words: set('if', 'for', 'while', 'catch', 'match', 'where'),
    operators: LOGICAL,
    questionMarks: 'leaf',
  },
  structure: {
    ifKinds: set('if_expression'),
    elseIfKinds: set(),
    elseKinds: set('else_clause'),
    loopKinds: set('for_expression', 'while_expression', 'loop_expression'),
    switchKinds: set('match_expression'),
    catchKinds: set(),
    ternaryKinds: set(),
    conditionFields: set('condition', 'value', 'pattern'),
    binaryKinds: set('binary_expression'),
    logicalOperators: LOGICAL,
    parenthesizedKinds: set('parenthesized_expression'),
    // sonar-rust nests a structure's condition inside it, and flattens only direct operands, so parentheses end a
    // run of logical operators.
    conditionsNested: 'all',
    elseIfConditionNested: true,
    parenthesesBreakLogicalRuns: true,
    jumpKinds: set('break_expression', 'continue_expression'),
    labelKinds: set('label'),
    // sonar-rust counts no recursion.
    callKinds: set(),
    calleeName: rustCalleeName,
  },
  commentKinds: set('line_comment', 'block_comment'),
};
