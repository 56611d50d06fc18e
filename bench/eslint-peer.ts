/**
 * The peer measurement: ESLint 10 with only its `complexity` rule at max 0 (so every function is measured and
 * reported), over the same corpus, in-process through `Linter` — the cheapest way ESLint can compute
 * cyclomatic complexity. Prints one BenchMeasurement as JSON. Run by bench/run.ts in its own process.
 */
import { performance } from 'node:perf_hooks';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { loadCorpus, peakRssMb, type BenchMeasurement } from './corpus';

function main(): void {
  const { files, lines } = loadCorpus();
  const linter = new Linter({ configType: 'flat' });
  const rules: Linter.RulesRecord = { complexity: ['error', { max: 0 }] };
  const linterOptions = { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } as const;
  // ESLint's lib is CommonJS; RxJS is TypeScript and needs the typescript-eslint parser.
  const config: Linter.Config[] = [
    {
      files: ['**/*.js'],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
      rules,
      linterOptions,
    },
    { files: ['**/*.ts'], languageOptions: { parser: tsParser, sourceType: 'module' }, rules, linterOptions },
  ];
  let functions = 0;
  let fatal = 0;
  const start = performance.now();
  for (const file of files) {
    // A relative virtual name: ESLint silently ignores paths under node_modules (analysis-references §5).
    const messages = linter.verify(file.text, config, { filename: file.path.replace(/^[^/]+\//, 'corpus/') });
    for (const m of messages) {
      if (m.fatal) fatal += 1;
      else if (m.ruleId === 'complexity') functions += 1;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const result: BenchMeasurement = {
    name: 'eslint complexity',
    files: files.length,
    lines,
    seconds,
    peakRssMb: peakRssMb(),
    details: { functions, parseErrors: fatal },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
