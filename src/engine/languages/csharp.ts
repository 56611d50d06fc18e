import type { Node } from 'web-tree-sitter';
import { BASE_WORDS, assignedName } from './braceFamily';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, set } from './nodeHelpers';

const DECLARATORS = set('variable_declarator');

/** `params int[] xs` is not wrapped in a `parameter` node: count its `params` keyword instead. */
function csharpParameterCount(node: Node): number {
  const parameters = node.childForFieldName('parameters');
  if (parameters?.type === 'implicit_parameter') return 1; // `x => …`
  let count = 0;
  for (const child of parameters?.children ?? []) {
    if (child && (child.type === 'parameter' || child.type === 'params')) count++;
  }
  return count;
}

/** Name of a method, operator (`operator +`), accessor (`get`) or the variable holding a lambda. */
function csharpFunctionName(node: Node): string {
  if (node.type === 'operator_declaration')
    return `operator ${node.childForFieldName('operator')?.text ?? ''}`;
  if (node.type === 'conversion_operator_declaration')
    return `operator ${node.childForFieldName('type')?.text ?? ''}`;
  if (node.type === 'destructor_declaration') return `~${node.childForFieldName('name')?.text ?? ''}`;
  return node.childForFieldName('name')?.text ?? assignedName(node, DECLARATORS) ?? ANONYMOUS;
}

/**
 * C#. Lizard's CSharpReader: the base set plus `??` (so `??=` counts 1 too). Its tokenizer sees every
 * other `?` alone, so `a?.b` and a nullable `int?` count 1 each, while `foreach` does not count.
 * Methods, constructors, destructors, operators, local functions, lambdas and anonymous methods are
 * functions. Property accessors are not (lizard does not see them either).
 */
function hasStaticModifier(node: Node): boolean {
  return node.children.some((child) => child?.type === 'modifier' && child.text === 'static');
}

export const csharp: LanguageSpec = {
  id: 'csharp',
  extensions: ['.cs'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-c-sharp.wasm' },
  functionKinds: set(
    'method_declaration',
    'constructor_declaration',
    'destructor_declaration',
    'operator_declaration',
    'conversion_operator_declaration',
    'local_function_statement',
    'lambda_expression',
    'anonymous_method_expression',
  ),
  functionName: csharpFunctionName,
  parameterCount: csharpParameterCount,
  // sonar-dotnet leaves a static local function out of the method around it (it is reported on its own).
  nestedAddsToParent: (node: Node) => !(node.type === 'local_function_statement' && hasStaticModifier(node)),
  // sonar-dotnet nests lambdas and local functions, but has no nesting for an anonymous method (`delegate { … }`).
  nestingInParent: (node: Node, nesting: number) =>
    node.type === 'anonymous_method_expression' ? nesting : nesting + 1,
  cyclomatic: { words: BASE_WORDS, operators: set('&&', '||', '??', '??='), questionMarks: 'leaf' },
  structure: {
    ifKinds: set('if_statement'),
    elseIfKinds: set(),
    elseKinds: set(),
    alternativeField: 'alternative',
    loopKinds: set('for_statement', 'foreach_statement', 'while_statement', 'do_statement'),
    switchKinds: set('switch_statement', 'switch_expression'),
    catchKinds: set('catch_clause'),
    ternaryKinds: set('conditional_expression'),
    conditionFields: set('condition', 'initializer', 'update', 'value', 'right'),
    elseIfConditionNested: true,
    conditionsNested: 'all',
    // Pattern combinators count as sonar-dotnet counts them: `o is > 0 and < 10` +1.
    binaryKinds: set('binary_expression', 'and_pattern', 'or_pattern'),
    logicalOperators: set('&&', '||', 'and', 'or'),
    logicalOperatorRule: 'tree',
    parenthesizedKinds: set('parenthesized_expression', 'parenthesized_pattern'),
    // C# has no labelled break/continue; `goto label` and `goto case` are jumps to labels.
    jumpKinds: set(),
    gotoKinds: set('goto_statement'),
    gotoWithNesting: true,
    labelKinds: set(),
    callKinds: set('invocation_expression'),
    calleeName: (call: Node) => {
      const callee = call.childForFieldName('function');
      if (callee?.type === 'identifier') return callee.text;
      if (callee?.type !== 'member_access_expression') return undefined;
      return callee.childForFieldName('expression')?.type === 'this'
        ? callee.childForFieldName('name')?.text
        : undefined;
    },
  },
  commentKinds: set('comment'),
};
