/** What suppression comments hide, and what is reported about the comments themselves. */
import { applySuppressions } from '../../../src/engine/suppression';
import { contextFor, finding } from './suppression-fixtures';

const problems = (outcome: ReturnType<typeof applySuppressions>) =>
  outcome.findings
    .filter((f) => f.ruleId === 'suppression-problem')
    .map((f) => ({ line: f.line, severity: f.severity, message: f.message }));

describe('lintel-disable-next-line', () => {
  it('suppresses only the named rules on the next line, and several rules at once', () => {
    const lines = ['// lintel-disable-next-line complex-method, deep-nesting -- legacy parser', 'fn', 'fn2'];
    const outcome = applySuppressions(
      [
        finding('complex-method', 2),
        finding('deep-nesting', 2),
        finding('large-method', 2),
        finding('complex-method', 3),
      ],
      contextFor(lines),
    );
    expect(outcome.suppressed.map((f) => [f.ruleId, f.line])).toEqual([
      ['complex-method', 2],
      ['deep-nesting', 2],
    ]);
    expect(outcome.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['large-method', 2],
      ['complex-method', 3],
    ]);
  });

  it('suppresses a function-level finding from the line before the function, past other directives', () => {
    const lines = [
      '// lintel-disable-next-line complex-method -- state machine, reviewed',
      '// lintel-disable-next-line large-method -- same',
      'function run() {',
    ];
    const outcome = applySuppressions(
      [finding('complex-method', 3), finding('large-method', 3)],
      contextFor(lines),
    );
    expect(outcome.suppressed.map((f) => f.ruleId)).toEqual(['complex-method', 'large-method']);
    expect(outcome.findings).toEqual([]);
  });

  it('without rule ids suppresses every rule but hard-coded-secret', () => {
    const lines = ['// lintel-disable-next-line -- generated', 'x'];
    const outcome = applySuppressions(
      [finding('complex-method', 2), finding('hard-coded-secret', 2)],
      contextFor(lines),
    );
    expect(outcome.suppressed.map((f) => f.ruleId)).toEqual(['complex-method']);
    expect(outcome.findings.map((f) => f.ruleId)).toEqual(['hard-coded-secret']);
  });
});

describe('lintel-disable … lintel-enable', () => {
  it('without rule ids covers every rule until lintel-enable, and to the end of the file when not closed', () => {
    const lines = [
      '/* lintel-disable -- vendored */',
      'a',
      '/* lintel-enable */',
      'b',
      '// lintel-disable -- rest',
      'c',
    ];
    const outcome = applySuppressions(
      [finding('large-method', 2), finding('large-method', 4), finding('deep-nesting', 6)],
      contextFor(lines),
    );
    expect(outcome.suppressed.map((f) => f.line)).toEqual([2, 6]);
    expect(outcome.findings.map((f) => f.line)).toEqual([4]);
  });

  it('lintel-enable <rule> inside a disable of every rule re-enables only that rule', () => {
    const lines = ['// lintel-disable -- generated', 'a', '// lintel-enable complex-method', 'b'];
    const outcome = applySuppressions(
      [finding('complex-method', 2), finding('complex-method', 4), finding('large-method', 4)],
      contextFor(lines),
    );
    expect(outcome.suppressed.map((f) => [f.ruleId, f.line])).toEqual([
      ['complex-method', 2],
      ['large-method', 4],
    ]);
    expect(outcome.findings.map((f) => [f.ruleId, f.line])).toEqual([['complex-method', 4]]);
  });

  it('reports a lintel-enable that has nothing to end', () => {
    const outcome = applySuppressions([], contextFor(['x', '// lintel-enable complex-method']));
    expect(problems(outcome)).toEqual([
      {
        line: 2,
        severity: 'LOW',
        message: 'lintel-enable complex-method has no lintel-disable before it to end; remove it.',
      },
    ]);
  });
});

describe('lintel-disable-file', () => {
  it('works in the leading comments, after a shebang and a license block', () => {
    const lines = [
      '#!/usr/bin/env node',
      '/*',
      ' * Copyright ACME',
      ' * lintel-disable-file duplicated-code -- test fixtures repeat on purpose',
      ' */',
      '',
      'code',
    ];
    const outcome = applySuppressions([finding('duplicated-code', 7)], contextFor(lines, 'javascript'));
    expect(outcome.suppressed.map((f) => f.suppression)).toEqual([
      { form: 'file', line: 4, reason: 'test fixtures repeat on purpose' },
    ]);
  });

  it('is ignored, and reported, after the first line of code', () => {
    const lines = ['import x from "y";', '// lintel-disable-file duplicated-code -- late'];
    const outcome = applySuppressions([finding('duplicated-code', 1)], contextFor(lines));
    expect(outcome.suppressed).toEqual([]);
    expect(problems(outcome).map((p) => p.message)).toEqual([
      'lintel-disable-file was ignored: it only works in the comments at the top of the file, before any code.',
    ]);
  });
});

describe('problems with suppression comments', () => {
  it('reports a suppression without a reason, and still applies it', () => {
    const outcome = applySuppressions(
      [finding('complex-method', 2)],
      contextFor(['# lintel-disable-next-line complex-method', 'def f():'], 'python'),
    );
    expect(outcome.suppressed).toHaveLength(1);
    expect(problems(outcome)).toEqual([
      {
        line: 1,
        severity: 'LOW',
        message:
          'lintel-disable-next-line has no reason: add " -- why this is acceptable" so reviewers can judge it.',
      },
    ]);
  });

  it('reports a suppression that suppresses nothing, per form', () => {
    const lines = [
      '// lintel-disable-file large-file -- big',
      'a',
      '// lintel-disable-next-line complex-method -- old',
      'b',
      '// lintel-disable deep-nesting -- old',
      'c',
      '// lintel-enable deep-nesting',
    ];
    const outcome = applySuppressions([], contextFor(lines));
    expect(problems(outcome).map((p) => [p.line, p.message])).toEqual([
      [
        3,
        'lintel-disable-next-line suppresses nothing: there is no complex-method finding on line 4. Remove it or the rule id.',
      ],
      [
        5,
        'lintel-disable suppresses nothing: there is no deep-nesting finding between lines 5 and 7. Remove it or the rule id.',
      ],
      [
        1,
        'lintel-disable-file suppresses nothing: there is no large-file finding in this file. Remove it or the rule id.',
      ],
    ]);
  });

  it('reports unknown rule ids and unknown directives, and applies the known ids', () => {
    const lines = [
      '// lintel-disable-next-line complex-methd, complex-method -- typo',
      'a',
      '// lintel-disable-line x',
    ];
    const outcome = applySuppressions([finding('complex-method', 2)], contextFor(lines));
    expect(outcome.suppressed.map((f) => f.ruleId)).toEqual(['complex-method']);
    expect(problems(outcome).map((p) => p.message)).toEqual([
      '"lintel-disable-line" is not a Lintel directive and suppresses nothing; use lintel-disable-next-line, lintel-disable / lintel-enable or lintel-disable-file.',
      'lintel-disable-next-line names an unknown rule, "complex-methd"; it suppresses nothing. Rule ids are listed in docs/rules.md.',
    ]);
  });

  it('does not let a comment suppress suppression-problem itself', () => {
    const lines = ['// lintel-disable-next-line suppression-problem -- hush', '// lintel-disable-next-line'];
    const outcome = applySuppressions([], contextFor(lines));
    expect(problems(outcome).map((p) => p.message)).toContain(
      'lintel-disable-next-line cannot suppress suppression-problem; fix the comment, or switch the rule off in the settings (disabledRules).',
    );
  });

  it('gives problems fingerprints that survive the comment moving down', () => {
    const lines = ['// lintel-disable-next-line complex-method', 'a'];
    const before = problems(applySuppressions([], contextFor(lines)));
    const moved = applySuppressions([], contextFor(['', '', ...lines]));
    const fingerprints = (o: ReturnType<typeof applySuppressions>) => o.findings.map((f) => f.fingerprint);
    expect(before.length).toBeGreaterThan(0);
    expect(fingerprints(moved)).toEqual(fingerprints(applySuppressions([], contextFor(lines))));
  });

  it('says nothing about comments naming a rule switched off in the settings, nor when suppression-problem is off', () => {
    const lines = [
      '// lintel-disable-next-line complex-method -- old',
      'a',
      '// lintel-disable-next-line large-method',
    ];
    const ctx = contextFor(lines, 'typescript', { disabledRules: new Set(['complex-method']) });
    expect(problems(applySuppressions([], ctx)).map((p) => p.line)).toEqual([3, 3]);
    const off = contextFor(lines, 'typescript', { disabledRules: new Set(['suppression-problem']) });
    expect(applySuppressions([], off).findings).toEqual([]);
  });
});

describe('secrets', () => {
  const secret = ['ghp_', '4f9QeKx2Lm8Tz0aB7cD1eF3gH5iJ6kL9mN2p'].join('');

  it('are allowed only line by line: a range or file-wide comment does not hide one, and says why', () => {
    const lines = [
      '// lintel-disable-file hard-coded-secret -- test keys',
      '// lintel-disable hard-coded-secret -- test keys',
      `const key = "${secret}";`,
    ];
    const outcome = applySuppressions([finding('hard-coded-secret', 3)], contextFor(lines));
    expect(outcome.suppressed).toEqual([]);
    expect(outcome.findings.map((f) => f.ruleId)).toContain('hard-coded-secret');
    expect(problems(outcome).map((p) => p.message)).toEqual([
      'lintel-disable-file cannot suppress hard-coded-secret: allow each reviewed secret on its own, with "lintel-disable-next-line hard-coded-secret -- reason" above it or "lintel:allow-secret" on its line.',
      'lintel-disable cannot suppress hard-coded-secret: allow each reviewed secret on its own, with "lintel-disable-next-line hard-coded-secret -- reason" above it or "lintel:allow-secret" on its line.',
    ]);
  });

  it('never echo a secret written into a suppression comment', () => {
    const lines = [`// lintel-disable-next-line ${secret.toLowerCase()} -- ${secret}`, 'x'];
    const ctx = contextFor(lines, 'typescript', { secretLines: new Set([1]) });
    const outcome = applySuppressions([finding('complex-method', 2)], ctx);
    const text = JSON.stringify(outcome);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.toLowerCase());
    expect(problems(outcome).map((p) => p.message)).toContain(
      'lintel-disable-next-line names an unknown rule, an id (not shown); it suppresses nothing. Rule ids are listed in docs/rules.md.',
    );
  });

  it('leave out the reason of a comment whose own line holds a possible secret', () => {
    const lines = [`// lintel-disable-next-line complex-method -- was ${secret}`, 'x'];
    const ctx = contextFor(lines, 'typescript', { secretLines: new Set([1]) });
    const outcome = applySuppressions([finding('complex-method', 2)], ctx);
    expect(outcome.suppressed[0]?.suppression).toEqual({ form: 'next-line', line: 1 });
  });
});
