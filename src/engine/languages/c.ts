import type { Node } from 'web-tree-sitter';
import { BASE_WORDS, BRACE_COMMENTS, LOGICAL, enclosing, listParameterCount } from './braceFamily';
import type { LanguageSpec, StructureKinds } from './languageSpec';
import { ANONYMOUS, set } from './nodeHelpers';

/** Declarators that wrap the function declarator: `int *f(void)`, `int &f()`, `(f)(int)`. */
const WRAPPERS = set('pointer_declarator', 'reference_declarator', 'parenthesized_declarator');

/** The `function_declarator` of a definition, through pointer/reference wrappers. */
export function functionDeclarator(node: Node): Node | undefined {
  let declarator = node.childForFieldName('declarator');
  while (declarator && WRAPPERS.has(declarator.type)) {
    declarator = declarator.childForFieldName('declarator') ?? declarator.namedChildren.at(-1) ?? null;
  }
  return declarator?.type === 'function_declarator' ? declarator : undefined;
}

/** Declared name as lizard prints it: `f`, `A::f`, `~A`, `operator==`. */
export function cFunctionName(node: Node): string {
  return functionDeclarator(node)?.childForFieldName('declarator')?.text ?? ANONYMOUS;
}

/** `f(void)` declares no parameter; `...` is one. */
export function cParameterCount(node: Node): number {
  const list = functionDeclarator(node)?.childForFieldName('parameters');
  const only = list?.namedChildren.length === 1 ? list.namedChildren[0] : undefined;
  if (
    only?.type === 'parameter_declaration' &&
    !only.childForFieldName('declarator') &&
    only.text === 'void'
  ) {
    return 0;
  }
  return listParameterCount(list, BRACE_COMMENTS);
}

/**
 * A call of the function's own name, compared on the last segment so that `f(…)` inside `A::f` is
 * recursive; `this->f(…)` too.
 */
export function cCalleeName(call: Node, functionKinds: ReadonlySet<string>): string | undefined {
  const callee = call.childForFieldName('function');
  let name: string | undefined;
  if (callee?.type === 'identifier') name = callee.text;
  else if (callee?.type === 'field_expression' && callee.childForFieldName('argument')?.type === 'this') {
    name = callee.childForFieldName('field')?.text;
  } else if (callee?.type === 'qualified_identifier') name = callee.text;
  if (!name) return undefined;
  const own = enclosing(call, functionKinds);
  const ownName = own ? cFunctionName(own) : undefined;
  const sameFunction =
    callee?.type !== 'qualified_identifier' && ownName !== undefined && lastSegment(ownName) === name;
  return sameFunction ? ownName : name;
}

function lastSegment(name: string): string {
  const separator = name.lastIndexOf('::');
  return separator < 0 ? name : name.slice(separator + 2);
}

/** Structure kinds shared by the C and C++ grammars. */
export const C_STRUCTURE: Omit<StructureKinds, 'calleeName'> = {
  ifKinds: set('if_statement'),
  elseIfKinds: set(),
  elseKinds: set('else_clause'),
  loopKinds: set('for_statement', 'while_statement', 'do_statement'),
  switchKinds: set('switch_statement'),
  catchKinds: set(),
  ternaryKinds: set('conditional_expression'),
  conditionFields: set('condition', 'initializer', 'update'),
  binaryKinds: set('binary_expression'),
  logicalOperators: LOGICAL,
  parenthesizedKinds: set('parenthesized_expression'),
  // No labelled break/continue in C; `goto` always adds 1.
  jumpKinds: set(),
  gotoKinds: set('goto_statement'),
  labelKinds: set(),
  callKinds: set('call_expression'),
};

const C_FUNCTIONS = set('function_definition');

/** C. Lizard's CLikeReader: the base condition set (`if for while catch case && || ?`). */
export const c: LanguageSpec = {
  id: 'c',
  extensions: ['.c'],
  grammar: { packageName: 'tree-sitter-c', file: 'tree-sitter-c.wasm' },
  functionKinds: C_FUNCTIONS,
  functionName: cFunctionName,
  parameterCount: cParameterCount,
  cyclomatic: { words: BASE_WORDS, operators: LOGICAL, questionMarks: 'leaf' },
  structure: { ...C_STRUCTURE, calleeName: (call: Node) => cCalleeName(call, C_FUNCTIONS) },
  commentKinds: set('comment'),
};
