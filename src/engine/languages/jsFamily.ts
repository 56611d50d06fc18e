import type { Node } from 'web-tree-sitter';
import type { CyclomaticTokens, LanguageSpec, StructureKinds } from './languageSpec';
import { ANONYMOUS, countNamedChildren, set, simpleCalleeName } from './nodeHelpers';

/** Shared by JavaScript, TypeScript and TSX: the grammars share their node kinds. */

export const JS_FUNCTION_KINDS = set(
  'function_declaration',
  'function_expression',
  'generator_function_declaration',
  'generator_function',
  'arrow_function',
  'method_definition',
);

const COMMENTS = set('comment', 'html_comment');

/** lizard 1.24 `TypeScriptReader`/`JavaScriptReader`: `if elseif for while catch`, `&& ||`, `case`, `?`. */
export const JS_CYCLOMATIC: CyclomaticTokens = {
  words: set('if', 'for', 'while', 'catch', 'case'),
  // `&&=`/`||=` are tokenized by lizard as `&&`/`||` followed by `=`, so they count too.
  operators: set('&&', '||', '&&=', '||='),
  questionMarks: 'lizard-ts',
  // lizard yields each `${…}` of a template literal as one opaque token.
  opaqueKinds: set('template_substitution'),
};

export const JS_STRUCTURE: StructureKinds = {
  ifKinds: set('if_statement'),
  elseIfKinds: set(),
  elseKinds: set('else_clause'),
  loopKinds: set('for_statement', 'for_in_statement', 'while_statement', 'do_statement'),
  switchKinds: set('switch_statement'),
  catchKinds: set('catch_clause'),
  ternaryKinds: set('ternary_expression'),
  conditionFields: set('condition', 'initializer', 'increment', 'left', 'right', 'value', 'parameter'),
  binaryKinds: set('binary_expression'),
  logicalOperators: set('&&', '||'),
  // SonarJS adds nothing for `||` and `??` (short-circuit defaults); they still end a run of `&&`.
  uncountedLogicalOperators: set('||', '??'),
  ternaryBranchFunctionLeaksNesting: true,
  jsxContainerKinds: set('jsx_expression'),
  parenthesizedKinds: set('parenthesized_expression'),
  jumpKinds: set('break_statement', 'continue_statement'),
  labelKinds: set('statement_identifier'),
  // SonarJS counts no recursion, so no call is a cognitive increment.
  callKinds: set(),
  calleeName: (call) => simpleCalleeName(call.childForFieldName('function')),
};

/** The name lizard would print: declared name, else the variable, property or field it is assigned to. */
export function jsFunctionName(node: Node): string {
  const own = node.childForFieldName('name');
  if (own) return own.text;
  const parent = node.parent;
  if (!parent) return ANONYMOUS;
  switch (parent.type) {
    case 'variable_declarator':
    case 'public_field_definition':
    case 'field_definition':
      return (
        parent.childForFieldName('name')?.text ?? parent.childForFieldName('property')?.text ?? ANONYMOUS
      );
    case 'pair':
      return parent.childForFieldName('key')?.text ?? ANONYMOUS;
    case 'assignment_expression':
      return parent.childForFieldName('left')?.text ?? ANONYMOUS;
    default:
      return ANONYMOUS;
  }
}

export function jsParameterCount(node: Node): number {
  if (node.childForFieldName('parameter')) return 1; // `x => …`
  return countNamedChildren(node.childForFieldName('parameters'), COMMENTS);
}

export function jsFamilySpec(
  spec: Pick<LanguageSpec, 'id' | 'extensions' | 'grammar' | 'interpreters'>,
): LanguageSpec {
  return {
    ...spec,
    functionKinds: JS_FUNCTION_KINDS,
    functionName: jsFunctionName,
    parameterCount: jsParameterCount,
    // SonarJS scores every function on its own body: nested functions and classes add nothing to it.
    nestedAddsToParent: () => false,
    cyclomatic: JS_CYCLOMATIC,
    structure: JS_STRUCTURE,
    commentKinds: COMMENTS,
  };
}
