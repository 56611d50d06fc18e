/**
 * Cognitive complexity against SonarQube's own JS/TS analyser: `eslint-plugin-sonarjs`'s
 * `cognitive-complexity` rule (S3776) on real code, per function (file and start line). The rule does
 * not report functions scoring 0; reference/sonarjsCognitiveReference.ts lists every function it visits,
 * so those count as 0 and are compared too.
 */
import { dirname, join } from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import { analyzeFileMetricsSync, loadLanguages } from '../../../src/engine/metrics';
import { corpusFiles, readCorpusFile } from './reference/corpus';
import { compareByLine, emptyAgreement, type Agreement } from './reference/pairing';
import { sonarjsCognitiveReference } from './reference/sonarjsCognitiveReference';

/** Issue 9: at least 95 % exact agreement with SonarJS on each corpus. */
const REQUIRED_EXACT_RATE = 0.95;

beforeAll(() => loadLanguages(['javascript', 'typescript']));

function measure(
  root: string,
  suffixes: string[],
  parser?: Linter.Parser,
  exclude: string[] = [],
): Agreement {
  const agreement = emptyAgreement();
  for (const path of corpusFiles(root, suffixes, exclude)) {
    const { rel, text } = readCorpusFile(root, path);
    const reference = sonarjsCognitiveReference(text, rel, parser);
    const ours = analyzeFileMetricsSync({ path: rel, text });
    compareByLine(rel, ours.functions, (fn) => fn.cognitive, reference, agreement);
  }
  return agreement;
}

/** The figure and the largest disagreements, so a regression shows what changed. */
function report(label: string, a: Agreement): string {
  const worst = [...a.mismatches]
    .sort((x, y) => Math.abs(y.ours - y.reference) - Math.abs(x.ours - x.reference))
    .slice(0, 10)
    .map((m) => `  ${m.file}:${m.line} Lintel ${m.ours} SonarJS ${m.reference}`)
    .join('\n');
  return (
    `${label}: ${(a.rate * 100).toFixed(2)} % exact of ${a.paired} paired functions ` +
    `(${a.mismatches.length} differ, ${a.unpaired} unpaired, mean |Δ| ${a.meanAbsDelta.toFixed(3)})\n${worst}`
  );
}

test('JavaScript: matches SonarJS cognitive complexity on eslint/lib', () => {
  const root = join(dirname(require.resolve('eslint/package.json')), 'lib');
  const agreement = measure(root, ['.js']);
  console.log(report('JavaScript eslint/lib vs SonarJS S3776', agreement));
  expect(agreement.paired).toBeGreaterThan(2000);
  expect(agreement.rate).toBeGreaterThanOrEqual(REQUIRED_EXACT_RATE);
});

test('TypeScript: matches SonarJS cognitive complexity on rxjs/src', () => {
  const root = join(dirname(require.resolve('rxjs/package.json')), 'src');
  const agreement = measure(root, ['.ts'], tsParser as unknown as Linter.Parser, ['.d.ts']);
  console.log(report('TypeScript rxjs/src vs SonarJS S3776', agreement));
  expect(agreement.paired).toBeGreaterThan(500);
  expect(agreement.rate).toBeGreaterThanOrEqual(REQUIRED_EXACT_RATE);
});
