import type { Node } from 'web-tree-sitter';
import { BASE_WORDS, BRACE_COMMENTS, LOGICAL, assignedName } from './braceFamily';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, countNamedChildren, set } from './nodeHelpers';

const DECLARATORS = set('variable_declarator');

/**
 * Java. Lizard's JavaReader uses the base condition set (`if for while catch case && || ?`); a `?`
 * of a generic wildcard counts too, as lizard sees the same `?` token (except a bare `<?>`).
 * Lambdas are reported as functions of their own, like JS arrow functions (lizard does not see them).
 */
/** Where a `switch_expression` node is a switch statement: in a statement position. */
const SWITCH_STATEMENT_PARENTS = set(
  'block',
  'constructor_body',
  'labeled_statement',
  'switch_block_statement_group',
  'if_statement',
  'while_statement',
  'for_statement',
  'enhanced_for_statement',
  'do_statement',
  'program',
);

export const java: LanguageSpec = {
  id: 'java',
  extensions: ['.java'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-java.wasm' },
  functionKinds: set(
    'method_declaration',
    'constructor_declaration',
    'compact_constructor_declaration',
    'lambda_expression',
  ),
  functionName: (node: Node) =>
    node.childForFieldName('name')?.text ?? assignedName(node, DECLARATORS) ?? ANONYMOUS,
  parameterCount: (node: Node) => {
    const parameters = node.childForFieldName('parameters');
    if (parameters?.type === 'identifier') return 1; // `x -> …`
    return countNamedChildren(parameters, BRACE_COMMENTS);
  },
  cyclomatic: { words: BASE_WORDS, operators: LOGICAL, questionMarks: 'leaf' },
  structure: {
    ifKinds: set('if_statement'),
    elseIfKinds: set(),
    elseKinds: set(),
    alternativeField: 'alternative',
    loopKinds: set('for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement'),
    // The grammar parses both switch statements and switch expressions as `switch_expression`; SonarJava scores
    // only the statements.
    switchKinds: set('switch_expression'),
    isUncountedSwitch: (node: Node) => !SWITCH_STATEMENT_PARENTS.has(node.parent?.type ?? ''),
    catchKinds: set('catch_clause'),
    ternaryKinds: set('ternary_expression'),
    conditionFields: set('condition', 'init', 'update', 'value'),
    // SonarJava scans an `if` condition before nesting, but a loop's header, a switch selector and a ternary's
    // condition inside theirs.
    conditionsNested: 'except-if',
    binaryKinds: set('binary_expression'),
    logicalOperators: LOGICAL,
    parenthesizedKinds: set('parenthesized_expression'),
    jumpKinds: set('break_statement', 'continue_statement'),
    labelKinds: set('identifier'),
    // SonarJava counts no recursion (its test resource marks it "TODO find recursion").
    callKinds: set(),
    calleeName: (call: Node) => {
      const object = call.childForFieldName('object');
      if (object && object.type !== 'this') return undefined;
      return call.childForFieldName('name')?.text;
    },
  },
  commentKinds: set('line_comment', 'block_comment'),
};
