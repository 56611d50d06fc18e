/**
 * Independent per-function cyclomatic reference: ESLint's own `complexity` rule, mapped to lizard's
 * counting rules. Lizard itself (Python) cannot be installed here, so ESLint supplies the AST, the
 * function boundaries and the standard decision points; the mapping below only re-states, over
 * ESLint's tokens, where lizard's token-based count differs:
 *
 * | construct                         | ESLint `complexity` | lizard 1.24                                |
 * |-----------------------------------|---------------------|--------------------------------------------|
 * | default value `a = 1` (parameters, destructuring) | +1  | 0                                          |
 * | `a ?? b`, `a ??= b`                | +1                  | +1 per `?` not glued to a word (`a ?? b` 2) |
 * | `a?.b`, `f()?.x`                   | +1                  | +1 unless the `?` follows a word (`f()?.` 1, `a?.` 0) |
 * | ternary `a ? b : c`                | +1                  | same rule for its `?`                        |
 * | `promise.catch(…)`, `{ case: 1 }`  | 0                   | +1 (any token spelled like a keyword)        |
 * | decisions inside `${…}` of a template literal | counted  | 0 (lizard yields the substitution as one token) |
 *
 * Everything else (if, for, for-in/of, while, do-while, catch, `case`, `&&`, `||`, `&&=`, `||=`) counts
 * 1 in both, and both exclude nested functions from their parent.
 */
import { Linter, type Rule } from 'eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';

export interface ReferenceFunction {
  line: number;
  eslint: number;
  lizard: number;
}

const LIZARD_WORDS = new Set(['if', 'for', 'while', 'catch', 'case']);
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

type AnyNode = Rule.Node & Record<string, unknown>;

interface Captured {
  node: AnyNode;
  complexity: number;
}

function capturingComplexityRule(sink: Captured[]): Rule.RuleModule {
  const complexity = builtinRules.get('complexity');
  if (!complexity) throw new Error('ESLint has no complexity rule');
  return {
    meta: { ...complexity.meta, schema: false },
    create(context) {
      const proxy = Object.create(context, {
        options: { value: [0] },
        report: {
          value: (descriptor: { node: AnyNode; data: { complexity: number } }) =>
            sink.push({ node: descriptor.node, complexity: Number(descriptor.data.complexity) }),
        },
      }) as Rule.RuleContext;
      return complexity.create(proxy);
    },
  };
}

/** Per-function ESLint complexity and its lizard equivalent for one file. */
export function eslintLizardReference(
  code: string,
  filename: string,
  parser?: Linter.Parser,
): ReferenceFunction[] {
  const captured: Captured[] = [];
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        // A catch-all `**/*` alone does not make ESLint lint a file: name the extensions.
        files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.tsx'],
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module', ...(parser ? { parser } : {}) },
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        plugins: { ref: { rules: { complexity: capturingComplexityRule(captured) } } },
        rules: { 'ref/complexity': 'error' },
      },
    ],
    { filename },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${filename}: ${fatal.message}`);
  const sourceCode = linter.getSourceCode();
  return (
    captured
      .filter((entry) => FUNCTION_TYPES.has(entry.node.type))
      // ESLint reports when a function's code path ends (inner first); list outer-before-inner like the engine.
      .sort((a, b) => (a.node.range?.[0] ?? 0) - (b.node.range?.[0] ?? 0))
      .map((entry) => ({
        line: startLine(entry.node),
        eslint: entry.complexity,
        lizard:
          entry.complexity + lizardAdjustment(entry.node, code, sourceCode.getTokens(entry.node as never)),
      }))
  );
}

/** Methods start at their key, as tree-sitter's method_definition does; ESLint's function starts at `(`. */
export function startLine(node: AnyNode): number {
  const parent = node.parent as AnyNode | undefined;
  if (
    parent &&
    (parent.type === 'MethodDefinition' || (parent.type === 'Property' && parent.value === node))
  ) {
    const isMethodLike =
      parent.type === 'MethodDefinition' || parent.method === true || parent.kind !== 'init';
    if (isMethodLike) return firstLineOf(parent);
  }
  return node.loc?.start.line ?? 0;
}

function firstLineOf(node: AnyNode): number {
  const decorators = node.decorators as AnyNode[] | undefined;
  const first = decorators?.[0] ?? node;
  return first.loc?.start.line ?? 0;
}

interface Token {
  type: string;
  value: string;
  range: [number, number];
}

function lizardAdjustment(fn: AnyNode, code: string, tokens: Token[]): number {
  const nested: Array<[number, number]> = [];
  const opaque: Array<[number, number]> = [];
  let adjustment = 0;
  const inside = (ranges: Array<[number, number]>, at: number) => ranges.some(([s, e]) => at >= s && at < e);

  const visit = (node: AnyNode, inTemplate: boolean): void => {
    if (node !== fn && FUNCTION_TYPES.has(node.type)) {
      nested.push(node.range as [number, number]);
      return;
    }
    if (!inTemplate) {
      // ESLint decision points that lizard counts through the `?` rule or not at all.
      if (node.type === 'AssignmentPattern') adjustment--;
      if ((node.type === 'MemberExpression' || node.type === 'CallExpression') && node.optional === true)
        adjustment--;
      if (node.type === 'LogicalExpression' && node.operator === '??') adjustment--;
      if (node.type === 'AssignmentExpression' && node.operator === '??=') adjustment--;
      if (node.type === 'ConditionalExpression') adjustment--;
    } else if (isEslintDecision(node)) {
      adjustment--; // lizard never sees inside a template substitution
    }
    if (node.type === 'TemplateLiteral') {
      for (const expression of node.expressions as AnyNode[])
        opaque.push(expression.range as [number, number]);
    }
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const value = node[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as AnyNode).type === 'string') {
          const childNode = child as AnyNode;
          const inExpression =
            inTemplate ||
            (node.type === 'TemplateLiteral' && (node.expressions as AnyNode[]).includes(childNode));
          visit(childNode, inExpression);
        }
      }
    }
  };
  visit(fn, false);

  for (const token of tokens) {
    const at = token.range[0];
    if (inside(nested, at) || inside(opaque, at)) continue;
    if (token.type === 'Punctuator' && token.value.includes('?')) {
      for (let i = 0; i < token.value.length; i++) {
        if (token.value[i] !== '?') continue;
        const before = i === 0 ? code[at - 1] : token.value[i - 1];
        if (!/\w/.test(before ?? '')) adjustment++;
      }
    } else if (token.type !== 'Keyword' && LIZARD_WORDS.has(token.value) && token.type !== 'String') {
      adjustment++; // `promise.catch`, `{ case: … }`: lizard counts the word
    }
  }
  return adjustment;
}

function isEslintDecision(node: AnyNode): boolean {
  switch (node.type) {
    case 'ConditionalExpression':
    case 'LogicalExpression':
    case 'AssignmentPattern':
      return true;
    case 'MemberExpression':
    case 'CallExpression':
      return node.optional === true;
    case 'AssignmentExpression':
      return ['&&=', '||=', '??='].includes(String(node.operator));
    default:
      return false;
  }
}
