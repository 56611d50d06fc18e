/**
 * Inputs for the engine fuzz tests: one file name per language front end, hostile texts, random code-like text
 * (fast-check), and what an acceptable result looks like.
 */
import fc from 'fast-check';
import type { AnalysisResult, SourceFile } from '../../src/engine';
import { LANGUAGES } from '../../src/engine/languages/registry';

/** One path per language the engine parses, plus files it only counts lines of. */
export const EVERY_LANGUAGE: readonly string[] = [
  ...LANGUAGES.map((spec) => `src/${spec.id}/hostile${spec.extensions[0] as string}`),
  'docs/notes.txt',
  'config/app.yml',
];

export const filesOf = (text: string): SourceFile[] => EVERY_LANGUAGE.map((path) => ({ path, text }));

// Assembled at run time so no credential-shaped literal sits in the repository.
export const AWS_KEY_ID = ['AKIA', 'Y3NZ', 'Q8WE', 'R5TY', 'U2IO'].join('');

/** Bytes no UTF-8 decoder accepts, decoded as every reader of the engine's input does: U+FFFD for each. */
export const INVALID_UTF8 = new TextDecoder('utf-8').decode(
  Uint8Array.from([0x66, 0x28, 0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x29, 0xf0, 0x28, 0x8c, 0xbc, 0x29, 0x0a]),
);

/**
 * Skip reasons that say why analysis was impossible or partial. Anything else in `skipped` — "could not be
 * analysed: …", "rules failed: …", "secret scan failed: …", "duplication analysis failed: …" — is an analyser that
 * crashed and was caught (a stack overflow, a WebAssembly trap), which is what these tests look for.
 */
const EXPLAINED_SKIPS = [
  /^binary file$/,
  /^[\d.,]+ (bytes|KB|MB) is over the [\d.,]+(-byte| KB| MB) limit$/,
  /^minified file \(/,
  /^generated file \(/,
  /^syntax error near line \d+: metrics are partial$/,
  /^skipped: lines average \d+ characters; looks minified$/,
  /^skipped: (parsing|measuring) took longer than \d+ ms$/,
];

/** Checks what a user could see of a result: every file accounted for, every reason explained, findings in range. */
export function expectSaneResult(files: readonly SourceFile[], result: AnalysisResult): void {
  const given = new Map(files.map((f) => [f.path, f.text]));
  const accounted = new Set([...result.files.map((f) => f.path), ...result.skipped.map((s) => s.path)]);
  for (const path of given.keys())
    expect({ path, accounted: accounted.has(path) }).toEqual({ path, accounted: true });
  for (const skip of result.skipped) {
    const explained = EXPLAINED_SKIPS.some((pattern) => pattern.test(skip.reason));
    expect({ ...skip, explained }).toEqual({ ...skip, explained: true });
  }
  const lineCounts = new Map(result.files.map((f) => [f.path, f.lines]));
  for (const finding of result.findings) {
    const lines = lineCounts.get(finding.path) ?? 0;
    const where = { path: finding.path, rule: finding.ruleId, line: finding.line };
    expect({ ...where, inRange: finding.line >= 1 && finding.line <= Math.max(1, lines) }).toEqual({
      ...where,
      inRange: true,
    });
    expect(finding.message.length).toBeGreaterThan(0);
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  }
  expect(Number.isFinite(result.health.score)).toBe(true);
  // Everything a publisher or the CLI prints starts as JSON.
  expect(() => JSON.stringify(result)).not.toThrow();
}

/** Fragments of many languages' syntax, balanced or not, plus the characters parsers find hardest. */
const FRAGMENTS = [
  'function f(a, b, c, d, e, g) {',
  'def g(a, b, *c, **d):',
  'fn h(x: i32) -> i32 {',
  'func k(a int) int {',
  'public static void m(String[] a) {',
  'class C { constructor(a, b, c, d, e, f) {',
  'if (a && b || c && !d) {',
  'if a and b or not c:',
  'else if (x) {',
  '} else {',
  'for (let i = 0; i < n; i++) {',
  'while (x > 0) {',
  'switch (v) { case 1: break; default: }',
  'try { t(); } catch (e) { }',
  'x => y => z',
  'a ? b : c ? d : e',
  'return x;',
  'end',
  'begin',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '"unterminated',
  "'",
  '`${',
  '/*',
  '*/',
  '#',
  '//',
  '"""',
  "'''",
  '<<EOF',
  'r#"',
  '<?php',
  '?>',
  '@Decorator',
  '// lintel-disable-next-line complex-method -- fuzz',
  '# lintel-disable-next-line no-such-rule',
  '/* lintel-disable */',
  `const key = "${AWS_KEY_ID}";`,
  '\t',
  '\uFFFD',
  '\uD800',
  '\uDFFF',
  '😀',
  '\u200B',
  '\u0085',
  '\u2028',
  '\r',
];

const fragmentArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.nat(9999).map((n) => `v${n}`) },
);
const separatorArb = fc.constantFrom(' ', '\n', '\n  ', '\n    ', '\r\n', ';');

/** Random code-like text: fragments joined by spaces, line breaks and indentation. */
export const codeLikeTextArb: fc.Arbitrary<string> = fc
  .array(fc.tuple(fragmentArb, separatorArb), { maxLength: 150 })
  .map((parts) => parts.map(([fragment, separator]) => fragment + separator).join(''));

/**
 * A JavaScript file that trips every rule: a long, deeply nested, branchy function with many parameters and a
 * long condition, a clone of a block, a hard-coded key, a suppression naming no rule, and over 1,000 code lines.
 */
export function everyRuleFile(): SourceFile {
  const nested = Array.from(
    { length: 7 },
    (_, depth) => `${'  '.repeat(depth + 1)}if (a${depth} && b || c && d) {`,
  );
  const closes = Array.from({ length: 7 }, (_, depth) => `${'  '.repeat(7 - depth)}}`);
  const bumps = Array.from({ length: 5 }, (_, i) => [
    `  if (p${i}) {`,
    `    if (q${i}) { r(); }`,
    '  }',
  ]).flat();
  const block = Array.from(
    { length: 12 },
    (_, i) => `  total = total + price${i} * quantity${i} - discount${i};`,
  );
  const lines = [
    '// lintel-disable-next-line no-such-rule -- fuzz',
    'function tangled(a, b, c, d, e, f, g, h, i) {',
    '  let total = 0;',
    ...nested,
    ...closes,
    ...bumps,
    ...Array.from({ length: 70 }, (_, i) => `  total += ${i};`),
    '  return total;',
    '}',
    'function first() {',
    '  let total = 0;',
    ...block,
    '  return total;',
    '}',
    'function second() {',
    '  let total = 0;',
    ...block,
    '  return total;',
    '}',
    `const awsKeyId = '${AWS_KEY_ID}';`,
    ...Array.from({ length: 1000 }, (_, i) => `const c${i} = ${i};`),
  ];
  return { path: 'src/every-rule.js', text: lines.join('\n') + '\n' };
}
