/**
 * Independent per-function cognitive complexity reference: `eslint-plugin-sonarjs`'s `cognitive-complexity`
 * rule (S3776, SonarQube's own JS/TS analyser), run unmodified with threshold 0.
 *
 * The rule reports a function only when its score is above the threshold, so a function scoring 0 never
 * appears. To compare those too, a second rule in the same run lists every function the rule visits
 * (ESLint's `:function` selector, as S3776 uses) at the token S3776 reports it on; a listed function
 * without a report scored 0. Nothing is mocked: ESLint, the parsers and the rule are the real packages.
 */
import { Linter, type Rule } from 'eslint';
import sonarjs from 'eslint-plugin-sonarjs';
import type { ReferenceValue } from './pairing';
import { startLine } from './eslintLizardReference';

type AnyNode = Rule.Node & Record<string, unknown>;
type Position = { line: number; column: number };

interface Report {
  loc: { start: Position };
  data?: { complexityAmount?: number };
}

const key = (at: Position): string => `${at.line}:${at.column}`;

/** S3776 with threshold 0, its reports captured instead of turned into messages. */
function capturingCognitiveRule(sink: Map<string, number>): Rule.RuleModule {
  const rule = sonarjs.rules?.['cognitive-complexity'] as Rule.RuleModule | undefined;
  if (!rule) throw new Error('eslint-plugin-sonarjs has no cognitive-complexity rule');
  return {
    meta: { ...rule.meta, schema: false },
    create(context) {
      const proxy = Object.create(context, {
        options: { value: [0] },
        report: {
          value: (descriptor: Report) =>
            sink.set(key(descriptor.loc.start), Number(descriptor.data?.complexityAmount)),
        },
      }) as Rule.RuleContext;
      return rule.create(proxy);
    },
  };
}

/** Where S3776 reports a function (its `getMainFunctionTokenLocation`): name, key, `function` or `=>`. */
function reportedAt(fn: AnyNode, sourceCode: Rule.RuleContext['sourceCode']): Position | undefined {
  const parent = fn.parent as AnyNode | undefined;
  const id = fn.id as AnyNode | null | undefined;
  if (fn.type === 'FunctionDeclaration' && id) return id.loc?.start;
  if (fn.type === 'FunctionExpression' && parent && ['MethodDefinition', 'Property'].includes(parent.type)) {
    return (parent.key as AnyNode).loc?.start;
  }
  if (fn.type === 'ArrowFunctionExpression') {
    const arrow = sourceCode
      .getTokensBefore(fn.body as never)
      .reverse()
      .find((token) => token.value === '=>');
    return arrow?.loc.start;
  }
  return sourceCode.getTokens(fn as never).find((token) => token.value === 'function')?.loc.start;
}

function listingRule(sink: Array<{ at: string; node: AnyNode }>): Rule.RuleModule {
  return {
    meta: { type: 'suggestion', schema: [] },
    create(context) {
      return {
        ':function'(node: Rule.Node) {
          const fn = node as AnyNode;
          const at = reportedAt(fn, context.sourceCode);
          if (at) sink.push({ at: key(at), node: fn });
        },
      };
    },
  };
}

/** Per-function SonarJS cognitive complexity of one file, outer functions before inner ones. */
export function sonarjsCognitiveReference(
  code: string,
  filename: string,
  parser?: Linter.Parser,
): ReferenceValue[] {
  const scores = new Map<string, number>();
  const functions: Array<{ at: string; node: AnyNode }> = [];
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.tsx'],
        languageOptions: {
          ecmaVersion: 'latest',
          sourceType: 'module',
          parserOptions: { ecmaFeatures: { jsx: true } },
          ...(parser ? { parser } : {}),
        },
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        plugins: {
          ref: { rules: { cognitive: capturingCognitiveRule(scores), functions: listingRule(functions) } },
        },
        rules: { 'ref/cognitive': 'error', 'ref/functions': 'error' },
      },
    ],
    { filename },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${filename}: ${fatal.message}`);
  const listed = new Set(functions.map((fn) => fn.at));
  const unlisted = [...scores.keys()].filter((at) => !listed.has(at));
  if (unlisted.length > 0)
    throw new Error(`${filename}: S3776 reported functions not listed at ${unlisted.join(', ')}`);
  return functions
    .sort((a, b) => (a.node.range?.[0] ?? 0) - (b.node.range?.[0] ?? 0))
    .map((fn) => ({ line: startLine(fn.node), value: scores.get(fn.at) ?? 0 }));
}
