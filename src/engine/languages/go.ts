import type { Node } from 'web-tree-sitter';
import { BASE_WORDS, LOGICAL, enclosing } from './braceFamily';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, set } from './nodeHelpers';

const FUNCTIONS = set('function_declaration', 'method_declaration', 'func_literal');

/** Lizard splits `a, b int` into two parameters; an unnamed `int` (in a func type) is one. */
function goParameterCount(node: Node): number {
  let count = 0;
  for (const parameter of node.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter || parameter.type === 'comment') continue;
    count += Math.max(1, parameter.childrenForFieldName('name').length);
  }
  return count;
}

/**
 * A plain call of the function's own name, or `recv.Name(…)` through the method's receiver
 * (gocognit's recursion rule).
 */
function goCalleeName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type !== 'selector_expression') return undefined;
  const operand = callee.childForFieldName('operand');
  const method = enclosing(call, FUNCTIONS);
  if (operand?.type !== 'identifier' || method?.type !== 'method_declaration') return undefined;
  const receiver = method.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('name');
  return receiver?.text === operand.text ? callee.childForFieldName('field')?.text : undefined;
}

/**
 * Go. Lizard's GoReader uses the base condition set; of it Go has `if for case && ||` (every
 * `case` of switch, type switch and select counts). Func literals are functions of their own.
 * Cognitive complexity follows gocognit: `switch`, type switch and `select` are +1 with nesting,
 * `goto` and labelled `break`/`continue` +1.
 */
export const go: LanguageSpec = {
  id: 'go',
  extensions: ['.go'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-go.wasm' },
  functionKinds: FUNCTIONS,
  functionName: (node: Node) => node.childForFieldName('name')?.text ?? ANONYMOUS,
  parameterCount: goParameterCount,
  cyclomatic: { words: BASE_WORDS, operators: LOGICAL, questionMarks: 'none' },
  structure: {
    ifKinds: set('if_statement'),
    elseIfKinds: set(),
    elseKinds: set(),
    alternativeField: 'alternative',
    loopKinds: set('for_statement'),
    switchKinds: set('expression_switch_statement', 'type_switch_statement', 'select_statement'),
    catchKinds: set(),
    ternaryKinds: set(),
    conditionFields: set('condition', 'initializer', 'update', 'value', 'alias'),
    binaryKinds: set('binary_expression'),
    logicalOperators: LOGICAL,
    parenthesizedKinds: set('parenthesized_expression'),
    // sonar-go nests a structure's condition inside it, and flattens only direct operands, so parentheses end a
    // run of logical operators.
    conditionsNested: 'all',
    elseIfConditionNested: true,
    parenthesesBreakLogicalRuns: true,
    jumpKinds: set('break_statement', 'continue_statement'),
    gotoKinds: set('goto_statement'),
    labelKinds: set('label_name'),
    // sonar-go counts no recursion.
    callKinds: set(),
    calleeName: goCalleeName,
  },
  commentKinds: set('comment'),
};
