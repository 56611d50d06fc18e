import type { Node } from 'web-tree-sitter';
import { BASE_WORDS, LOGICAL, assignedName, listParameterCount, BRACE_COMMENTS } from './braceFamily';
import { C_STRUCTURE, cCalleeName, cFunctionName, cParameterCount } from './c';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, set } from './nodeHelpers';

const FUNCTIONS = set('function_definition', 'lambda_expression');
const DECLARATORS = set('init_declarator');

/**
 * C++. Lizard reads C and C++ with the same CLikeReader and base condition set. Lambdas are functions
 * of their own. `.h` headers are parsed as C++: the C++ grammar also reads plain C declarations.
 */
export const cpp: LanguageSpec = {
  id: 'cpp',
  extensions: ['.cpp', '.cc', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.h++', '.h', '.ipp', '.tpp', '.inl'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-cpp.wasm' },
  functionKinds: FUNCTIONS,
  functionName: (node: Node) =>
    node.type === 'lambda_expression'
      ? (assignedName(node, DECLARATORS, 'declarator') ?? ANONYMOUS)
      : cFunctionName(node),
  parameterCount: (node: Node) =>
    node.type === 'lambda_expression'
      ? listParameterCount(
          node.childForFieldName('declarator')?.childForFieldName('parameters'),
          BRACE_COMMENTS,
        )
      : cParameterCount(node),
  cyclomatic: { words: BASE_WORDS, operators: LOGICAL, questionMarks: 'leaf' },
  structure: {
    ...C_STRUCTURE,
    loopKinds: set('for_statement', 'for_range_loop', 'while_statement', 'do_statement'),
    catchKinds: set('catch_clause'),
    conditionFields: set('condition', 'initializer', 'update', 'right'),
    calleeName: (call: Node) => cCalleeName(call, FUNCTIONS),
  },
  commentKinds: set('comment'),
};
