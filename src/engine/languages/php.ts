import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, countNamedChildren, set } from './nodeHelpers';

const COMMENTS = set('comment');

/** `f(…)`, `$this->f(…)`, `self::f(…)` and `static::f(…)` inside `f`. */
function phpCalleeName(call: Node): string | undefined {
  if (call.type === 'function_call_expression') {
    const callee = call.childForFieldName('function');
    return callee?.type === 'name' ? callee.text : undefined;
  }
  const target = call.childForFieldName('object') ?? call.childForFieldName('scope');
  const own = target?.text === '$this' || target?.type === 'relative_scope';
  return own ? call.childForFieldName('name')?.text : undefined;
}

/**
 * PHP. Lizard's PHPReader counts `if elseif for foreach while catch match case`, `&& ||` and `?`;
 * `??`, `?->`, `and`/`or` and `default` do not count. (An Elvis `?:` is one token for lizard and
 * adds nothing there; here its `?` adds 1.) Closures and arrow functions are functions of their own.
 */
export const php: LanguageSpec = {
  id: 'php',
  extensions: ['.php', '.phtml'],
  interpreters: ['php'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-php.wasm' },
  functionKinds: set('function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'),
  functionName: (node: Node) => {
    const own = node.childForFieldName('name')?.text;
    if (own) return own;
    const parent = node.parent;
    return parent?.type === 'assignment_expression'
      ? (parent.childForFieldName('left')?.text ?? ANONYMOUS)
      : ANONYMOUS;
  },
  parameterCount: (node: Node) => countNamedChildren(node.childForFieldName('parameters'), COMMENTS),
  cyclomatic: {
    words: set('if', 'elseif', 'for', 'foreach', 'while', 'catch', 'match', 'case'),
    operators: set('&&', '||'),
    questionMarks: 'leaf',
  },
  structure: {
    ifKinds: set('if_statement'),
    elseIfKinds: set('else_if_clause'),
    elseKinds: set('else_clause'),
    loopKinds: set('for_statement', 'foreach_statement', 'while_statement', 'do_statement'),
    switchKinds: set('switch_statement', 'match_expression'),
    catchKinds: set('catch_clause'),
    ternaryKinds: set('conditional_expression'),
    conditionFields: set('condition', 'initialize', 'increment', 'update'),
    binaryKinds: set('binary_expression'),
    // Sonar counts PHP's word operators as logical operators too.
    logicalOperators: set('&&', '||', 'and', 'or', 'xor'),
    parenthesizedKinds: set('parenthesized_expression'),
    // `break 2` / `continue 2` name a level, not a label: plain jumps for Sonar.
    jumpKinds: set(),
    gotoKinds: set('goto_statement'),
    labelKinds: set(),
    // sonar-php counts no recursion.
    callKinds: set(),
    calleeName: phpCalleeName,
  },
  commentKinds: COMMENTS,
};
