/** Every supported language's comment syntax carries each directive form. */
import { applySuppressions } from '../../../src/engine/suppression';
import type { LanguageId } from '../../../src/engine/types';
import { contextFor, finding } from './suppression-fixtures';

/** For each language, the ways its comments can be written around a directive `D`. */
const SYNTAXES: Array<[LanguageId, string[]]> = [
  ['javascript', ['// D', '/* D */', '/** D */']],
  ['typescript', ['// D', '/* D */']],
  ['tsx', ['// D', '{/* D */}']],
  ['java', ['// D', '/* D */', '/** D */']],
  ['go', ['// D', '/* D */']],
  ['csharp', ['// D', '/// D', '/* D */']],
  ['c', ['// D', '/* D */']],
  ['cpp', ['// D', '/* D */']],
  ['rust', ['// D', '/// D', '//! D', '/* D */']],
  ['kotlin', ['// D', '/* D */', '/** D */']],
  ['swift', ['// D', '/* D */']],
  ['python', ['# D', '## D']],
  ['ruby', ['# D']],
  ['php', ['// D', '# D', '/* D */']],
  ['text', ['# D', '// D', '-- D', '; D', '<!-- D -->', '/* D */']],
];

const cases = SYNTAXES.flatMap(([language, forms]) => forms.map((form) => [language, form] as const));

describe('suppression comments in every language', () => {
  it.each(cases)('%s: %s suppresses the next line', (language, form) => {
    const lines = [form.replace('D', 'lintel-disable-next-line complex-method -- legacy, tracked'), 'code'];
    const outcome = applySuppressions([finding('complex-method', 2)], contextFor(lines, language));
    expect(outcome.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'complex-method',
        suppression: { form: 'next-line', line: 1, reason: 'legacy, tracked' },
      }),
    ]);
    expect(outcome.findings).toEqual([]);
  });

  it.each(cases)('%s: %s opens and closes a range', (language, form) => {
    const lines = [
      form.replace('D', 'lintel-disable large-method -- generated tables'),
      'code',
      'code',
      form.replace('D', 'lintel-enable large-method'),
      'code',
    ];
    const outcome = applySuppressions(
      [finding('large-method', 2), finding('large-method', 3), finding('large-method', 5)],
      contextFor(lines, language),
    );
    expect(outcome.suppressed.map((f) => f.line)).toEqual([2, 3]);
    expect(outcome.findings.map((f) => [f.ruleId, f.line])).toEqual([['large-method', 5]]);
  });

  it.each(cases)('%s: %s at the top of the file covers the whole file', (language, form) => {
    const lines = [
      form.replace('D', 'lintel-disable-file duplicated-code -- fixtures copied on purpose'),
      'code',
    ];
    const outcome = applySuppressions([finding('duplicated-code', 2)], contextFor(lines, language));
    expect(outcome.suppressed.map((f) => f.suppression.form)).toEqual(['file']);
    expect(outcome.findings).toEqual([]);
  });

  it('does not read another language’s comment opener as a comment', () => {
    // `#` is not a comment in TypeScript, nor `//` in Python: nothing is suppressed, nothing reported.
    const ts = applySuppressions(
      [finding('complex-method', 2)],
      contextFor(['# lintel-disable-next-line complex-method -- x', 'code'], 'typescript'),
    );
    const py = applySuppressions(
      [finding('complex-method', 2)],
      contextFor(['// lintel-disable-next-line complex-method -- x', 'code'], 'python'),
    );
    expect(ts.suppressed).toEqual([]);
    expect(py.suppressed).toEqual([]);
    expect([...ts.findings, ...py.findings].map((f) => f.ruleId)).toEqual([
      'complex-method',
      'complex-method',
    ]);
  });

  it('ignores a directive that is only mentioned inside a comment', () => {
    const lines = ['// to silence it, write lintel-disable-next-line complex-method', 'code'];
    const outcome = applySuppressions([finding('complex-method', 2)], contextFor(lines));
    expect(outcome.suppressed).toEqual([]);
    expect(outcome.findings.map((f) => f.ruleId)).toEqual(['complex-method']);
  });
});
