import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from './languageSpec';
import { ANONYMOUS, countNamedChildren, set } from './nodeHelpers';

const COMMENTS = set('comment');

/**
 * Ruby. Lizard's RubyReader measures `def`s only (blocks and lambdas belong to their method) and
 * counts `if elsif until for while rescue ensure when`, `and or && ||` and `?`; `unless`, `case`
 * and `else` add nothing.
 *
 * `elsif` is declared as an `if` kind: an `if` in the `alternative` field of another is an else-if
 * for the walker, and an `else` counts through that field, so the `else` of a `case` (one increment
 * for the whole case) or of a `begin`/`rescue` adds nothing.
 */
export const ruby: LanguageSpec = {
  id: 'ruby',
  extensions: ['.rb', '.rake', '.gemspec', '.ru'],
  interpreters: ['ruby', 'jruby'],
  grammar: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-ruby.wasm' },
  functionKinds: set('method', 'singleton_method'),
  functionName: (node: Node) => node.childForFieldName('name')?.text ?? ANONYMOUS,
  parameterCount: (node: Node) => countNamedChildren(node.childForFieldName('parameters'), COMMENTS),
  cyclomatic: {
    words: set('if', 'elsif', 'until', 'for', 'while', 'rescue', 'ensure', 'when', 'and', 'or'),
    operators: set('&&', '||'),
    questionMarks: 'leaf',
  },
  structure: {
    ifKinds: set('if', 'unless', 'elsif', 'if_modifier', 'unless_modifier'),
    elseIfKinds: set(),
    elseKinds: set(),
    alternativeField: 'alternative',
    loopKinds: set('while', 'until', 'for', 'while_modifier', 'until_modifier'),
    switchKinds: set('case', 'case_match'),
    catchKinds: set('rescue', 'rescue_modifier'),
    ternaryKinds: set('conditional'),
    conditionFields: set('condition', 'value'),
    binaryKinds: set('binary'),
    logicalOperators: set('&&', '||', 'and', 'or'),
    parenthesizedKinds: set('parenthesized_statements'),
    // sonar-ruby (SLang) nests a structure's condition inside it, and flattens only direct operands, so parentheses end a
    // run of logical operators.
    conditionsNested: 'all',
    elseIfConditionNested: true,
    parenthesesBreakLogicalRuns: true,
    jumpKinds: set(),
    labelKinds: set(),
    // sonar-ruby (SLang) counts no recursion.
    callKinds: set(),
    calleeName: (call: Node) => {
      const receiver = call.childForFieldName('receiver');
      return !receiver || receiver.type === 'self' ? call.childForFieldName('method')?.text : undefined;
    },
  },
  commentKinds: COMMENTS,
};
