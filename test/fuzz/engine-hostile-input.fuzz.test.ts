/**
 * Every language front end and every rule, through the engine facade (analyzeFiles, analyzeChange), on hostile and
 * random input: 10,000 nested brackets and blocks, a 1 MB line, invalid UTF-8, lone surrogates, NUL bytes,
 * unbalanced quotes and comments, and fast-check's code-like soup. Nothing may crash (a caught crash shows as an
 * unexplained skip reason), every file is analysed or skipped with a reason a user can act on, and the work stays
 * bounded: no stack overflow, heap growth under a generous limit after garbage collection, and the clone search's
 * comparisons linear in the input — counted, never timed.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { allRules, analyzeChange, analyzeFiles, type SourceFile } from '../../src/engine';
import { detectDuplicates, type CloneSearchWork } from '../../src/engine/duplication';
import { unifiedDiff } from '../engine/change/unified-diff';
import { referenceClones } from './reference-clones';
import {
  AWS_KEY_ID,
  EVERY_LANGUAGE,
  INVALID_UTF8,
  codeLikeTextArb,
  everyRuleFile,
  expectSaneResult,
  filesOf,
} from './engine-inputs';

const DEPTH = 10_000;
/** Just under the engine's 1 MB (1,048,576-byte) limit, so the line itself is what the engine must cope with. */
const ONE_MB_LINE = 'x = 1; '.repeat(Math.floor(1_000_000 / 7));

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapAfterGc = (): number => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

const HOSTILE: ReadonlyArray<[string, string]> = [
  ['10,000 nested parentheses', `x = ${'(\n'.repeat(DEPTH)}1${'\n)'.repeat(DEPTH)}\n`],
  ['10,000 nested blocks', `function f(a) {\n${'if (a) {\n'.repeat(DEPTH)}${'}\n'.repeat(DEPTH)}}\n`],
  ['10,000 unclosed brackets', `x = ${'[\n'.repeat(DEPTH)}`],
  [
    'invalid UTF-8 and lone surrogates',
    `${INVALID_UTF8}const s = "\uD800\uDFFF\uDBFF";\nfunction g() { return '\uDC00'; }\n`,
  ],
  [
    'a NUL byte past the binary sniff',
    `${'// padding line\n'.repeat(600)}const a = "\u0000";\nfunction after(a) { if (a) { return 1; } return 2; }\n`,
  ],
  [
    // git, Bitbucket and tree-sitter count lines by LF: every finding here must be on line 1 of a 1-line file.
    'lone CR line endings (classic Mac)',
    `// header\r# lintel-disable-next-line no-such-rule\rconst key = "${AWS_KEY_ID}";\r${'total = total + price * quantity - discount;\r'.repeat(30)}`,
  ],
  [
    'unbalanced quotes, comments and heredocs',
    [
      'const a = "abc',
      "let b = 'x;",
      'let c = `${',
      '/* never closed',
      '"""',
      'r#"raw',
      '<<EOF',
      'function f() {',
    ].join('\n'),
  ],
];

describe('engine facade on hostile input, every language', () => {
  it.each(HOSTILE)('%s: no crash, every file analysed or skipped with its reason', async (_name, text) => {
    const files = filesOf(text);
    expectSaneResult(files, await analyzeFiles(files));
  });

  it('a 1 MB line: code files are skipped as generated or minified, not parsed', async () => {
    const files = filesOf(ONE_MB_LINE);
    const result = await analyzeFiles(files);
    expectSaneResult(files, result);
    const reasons = new Map(result.skipped.map((s) => [s.path, s.reason]));
    for (const path of EVERY_LANGUAGE.filter((p) => !/\.(txt|yml)$/.test(p))) {
      expect({ path, reason: reasons.get(path) }).toEqual({
        path,
        reason: expect.stringMatching(/lines average 999999 characters; looks minified|minified file/),
      });
    }
  });

  it('NUL bytes at the start: every file is skipped as binary', async () => {
    const files = filesOf('\u0000\u0001\u0002function f() {}\n');
    const result = await analyzeFiles(files);
    expect(result.skipped).toEqual(EVERY_LANGUAGE.map((path) => ({ path, reason: 'binary file' })));
  });

  it('keeps the heap bounded over repeated hostile runs (no growth per run)', async () => {
    const files = filesOf(`function f(a) {\n${'if (a) {\n'.repeat(2000)}${'}\n'.repeat(2000)}}\n`);
    await analyzeFiles(files);
    const before = heapAfterGc();
    for (let round = 0; round < 3; round++) await analyzeFiles(files);
    // Three more runs of 15 files of 2,000 nested blocks: a leak of the texts, trees or frames would add MBs a run.
    expect(heapAfterGc() - before).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('engine facade on random code-like input', () => {
  it('analyses every language without a crash, deterministically, and with sane findings', async () => {
    const fired = new Set<string>();
    await fc.assert(
      fc.asyncProperty(codeLikeTextArb, async (text) => {
        const files = filesOf(text);
        const result = await analyzeFiles(files);
        expectSaneResult(files, result);
        for (const finding of result.findings) fired.add(finding.ruleId);
        expect(await analyzeFiles(files)).toEqual(result);
        // A finding never carries the secret's text, wherever it was found.
        expect(JSON.stringify(result)).not.toContain(AWS_KEY_ID);
      }),
      { numRuns: 100 },
    );
    const sink = [everyRuleFile()];
    const result = await analyzeFiles(sink);
    expectSaneResult(sink, result);
    for (const finding of result.findings) fired.add(finding.ruleId);
    expect([...fired].sort()).toEqual(allRules.map((rule) => rule.meta.id).sort());
  });

  it('analyses a random change (base, head and their diff) without a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        codeLikeTextArb,
        codeLikeTextArb,
        fc.constantFrom(...EVERY_LANGUAGE),
        async (before, after, path) => {
          const base: SourceFile[] = [{ path, text: before }];
          const head: SourceFile[] = [{ path, text: after }];
          const change = await analyzeChange({ base, head, diff: unifiedDiff(path, path, before, after) });
          expectSaneResult(head, change.head);
          const headFingerprints = new Set(change.head.findings.map((f) => f.fingerprint));
          for (const finding of change.newFindings)
            expect(headFingerprints.has(finding.fingerprint)).toBe(true);
          expect(JSON.stringify(change)).not.toContain(AWS_KEY_ID);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('clone search work', () => {
  const ts = (text: string) => [{ path: 'a.ts', text, language: 'typescript' as const }];

  it.each([
    ['a 1 MB line of one repeated statement', ONE_MB_LINE],
    ['60,000 chained arrows on one line', `x = ${'() => '.repeat(60_000)}1\n`],
    [
      '200 lines, each repeating its own statement',
      Array.from({ length: 200 }, (_, k) => `a${k} = 1; `.repeat(500)).join('\n'),
    ],
    ['90,000 identical lines', 'x = x + 1;\n'.repeat(90_000)],
  ])('%s: comparisons grow linearly with the tokens', (_name, text) => {
    const work: CloneSearchWork = { tokensCompared: 0, windowsCompared: 0 };
    detectDuplicates(ts(text), {}, work);
    // About 4 tokens per 7 characters here; 8 candidates per window and each token compared a few times at most.
    const tokens = text.length;
    expect(work.tokensCompared + work.windowsCompared).toBeLessThan(16 * tokens);
  });

  it('finds the same clones as measuring every candidate in full (the pre-check refuses only impossible matches)', () => {
    const line = fc.constantFrom(
      'a = b;',
      'a = b; c = d;',
      'f(a, b);',
      'if (x) { y(); }',
      'return z;',
      '',
      'q = [1, 2, 3];',
    );
    const fileArb = fc.array(line, { minLength: 0, maxLength: 60 }).map((lines) => lines.join('\n'));
    let runsWithClones = 0;
    fc.assert(
      fc.property(
        fc.array(fileArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 3, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        (texts, minTokens, minLines) => {
          const files = texts.map((text, i) => ({ path: `f${i}.ts`, text, language: 'typescript' as const }));
          const found = detectDuplicates(files, { minTokens, minLines });
          expect(found).toEqual(referenceClones(files, minTokens, minLines));
          if (found.length > 0) runsWithClones += 1;
        },
      ),
      { numRuns: 300 },
    );
    // Agreeing on "no clones" every time would prove nothing: a good share of the random inputs have some.
    expect(runsWithClones).toBeGreaterThan(50);
  });
});
