import type { Node } from 'web-tree-sitter';
import { BRACE_COMMENTS, LOGICAL } from './braceFamily';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, set } from './nodeHelpers';

/** A constructor or accessor without a body has no code to measure. */
const NEEDS_BODY = set('secondary_constructor', 'getter', 'setter');

/** Parameter nodes of `function_value_parameters` (modifiers such as `vararg` are siblings, not wrappers). */
const PARAMETERS = set('parameter');
/** Parameters of `{ a, (b, c) -> … }`. */
const LAMBDA_PARAMETERS = set('variable_declaration', 'multi_variable_declaration');

function kotlinIsFunction(node: Node): boolean {
  if (!NEEDS_BODY.has(node.type)) return true;
  return node.namedChildren.some((child) => child?.type === 'block' || child?.type === 'function_body');
}

function kotlinFunctionName(node: Node): string {
  switch (node.type) {
    case 'function_declaration':
      return node.childForFieldName('name')?.text ?? ANONYMOUS;
    case 'secondary_constructor':
      return 'constructor';
    // Lizard names accessors by their keyword.
    case 'getter':
      return 'get';
    case 'setter':
      return 'set';
    default:
      return propertyName(node) ?? ANONYMOUS;
  }
}

/** `val f = { … }` / `val g = fun(…) …`: the property a lambda or anonymous function initialises. */
function propertyName(node: Node): string | undefined {
  const parent = node.parent;
  if (parent?.type !== 'property_declaration') return undefined;
  const declaration = parent.namedChildren.find((child) => child?.type === 'variable_declaration');
  return declaration?.namedChildren.find((child) => child?.type === 'identifier')?.text;
}

function kotlinParameterCount(node: Node): number {
  if (node.type === 'setter') {
    return node.namedChildren.some((child) => child?.type === 'identifier') ? 1 : 0;
  }
  const [listKind, parameterKinds] =
    node.type === 'lambda_literal'
      ? ['lambda_parameters', LAMBDA_PARAMETERS]
      : ['function_value_parameters', PARAMETERS];
  const list = node.namedChildren.find((child) => child?.type === listKind);
  return list?.namedChildren.filter((child) => child && parameterKinds.has(child.type)).length ?? 0;
}

/**
 * Lizard's KotlinStates adds 1 per `->` between a `when`'s braces and takes 1 back when they close, so
 * a `when` counts its branches less one, whether or not one of them is `else`.
 */
function whenDecisions(node: Node): number {
  const entries = node.namedChildren.filter((child) => child?.type === 'when_entry').length;
  // An empty `when {}` would make lizard subtract; keep the CCN at least the count without it.
  return Math.max(0, entries - 1);
}

/** `f(…)` or `this.f(…)`: a call that can be the enclosing function calling itself. */
function kotlinCalleeName(call: Node): string | undefined {
  const callee = call.namedChild(0);
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type !== 'navigation_expression') return undefined;
  if (callee.namedChild(0)?.type !== 'this_expression') return undefined;
  const member = callee.namedChild(1);
  return member?.type === 'identifier' ? member.text : undefined;
}

/**
 * Kotlin (grammar `@tree-sitter-grammars/tree-sitter-kotlin` 1.1.0). Lizard's KotlinReader counts
 * `if for while catch && ||` and the Elvis operator `?:`, has no case keyword, and counts a `when` as
 * its branches less one. Lizard glues `name?` into one token, so it misses an Elvis written with no
 * space after a word (`a?:b`); Lintel counts every Elvis. String literals are one token for lizard:
 * decisions inside `${…}` do not count. Functions: `fun` declarations, anonymous functions, lambdas,
 * and secondary constructors and property accessors that have a body (lizard does not see the
 * constructors). Cognitive: `when` is Sonar's switch, Elvis is free like `??`.
 *
 * Grammar quirks handled here: `if` has no else field (the branch after the `else` token is it), and
 * `break@l` / `continue@l` parse as a `labeled_expression` whose label is `break@` / `continue@` —
 * so any `label@ expression` outside a loop or lambda counts as a labelled jump (rare otherwise).
 */
export const kotlin: LanguageSpec = {
  id: 'kotlin',
  extensions: ['.kt', '.kts'],
  grammar: { packageName: '@tree-sitter-grammars/tree-sitter-kotlin', file: 'tree-sitter-kotlin.wasm' },
  functionKinds: set(
    'function_declaration',
    'anonymous_function',
    'lambda_literal',
    'secondary_constructor',
    'getter',
    'setter',
  ),
  isFunction: kotlinIsFunction,
  functionName: kotlinFunctionName,
  parameterCount: kotlinParameterCount,
  cyclomatic: {
    words: set('if', 'for', 'while', 'catch'),
    operators: set('&&', '||', '?:'),
    questionMarks: 'none',
    opaqueKinds: set('string_literal', 'multiline_string_literal'),
    decisionKinds: set('when_expression'),
    decisions: whenDecisions,
  },
  structure: {
    ifKinds: set('if_expression'),
    elseIfKinds: set(),
    elseKinds: set(),
    elseTokens: set('else'),
    loopKinds: set('for_statement', 'while_statement', 'do_while_statement'),
    switchKinds: set('when_expression'),
    catchKinds: set('catch_block'),
    ternaryKinds: set(),
    conditionFields: set('condition'),
    // sonar-kotlin works out nesting from every enclosing if/when/loop/catch, so conditions sit inside theirs, and
    // flattens only direct operands, so parentheses end a run of `&&`/`||`.
    conditionsNested: 'all',
    elseIfConditionNested: true,
    parenthesesBreakLogicalRuns: true,
    binaryKinds: set('binary_expression'),
    logicalOperators: LOGICAL,
    parenthesizedKinds: set('parenthesized_expression'),
    jumpKinds: set('labeled_expression'),
    labelKinds: set('label'),
    // sonar-kotlin counts no recursion.
    callKinds: set(),
    calleeName: kotlinCalleeName,
  },
  commentKinds: BRACE_COMMENTS,
};
