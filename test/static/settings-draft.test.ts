// How the settings page turns what a person does with its controls into this level's overrides
// (static/settings/src/settings-draft.ts): what Save would send, and what "Reset to inherited" leaves.
import {
  changeValue,
  errorsByField,
  levelValue,
  linesToList,
  parseNumber,
  withoutOverride,
} from '../../static/settings/src/settings-draft';
import { defaultSettings } from '../../src/settings/defaults';
import type { Settings } from '../../src/settings/types';

/** What a repository inherits when the workspace sets a minimum health of 6. */
const inherited: Settings = { ...defaultSettings(), gate: { ...defaultSettings().gate, minHealth: 6 } };

test('changing a value from the inherited one makes it this level’s override', () => {
  expect(changeValue({}, inherited, 'annotations', false)).toEqual({ annotations: false });
  expect(changeValue({}, inherited, 'gate.newIssues.max', 3)).toEqual({ gate: { newIssues: { max: 3 } } });
});

test('switching a value back to the inherited one leaves nothing to save', () => {
  const changed = changeValue({}, inherited, 'annotations', false);
  expect(changeValue(changed, inherited, 'annotations', true)).toEqual({});
});

test('emptying a limit the level above sets stores null, which switches it off here', () => {
  expect(changeValue({}, inherited, 'gate.minHealth', undefined)).toEqual({ gate: { minHealth: null } });
  expect(levelValue({ gate: { minHealth: null } }, inherited, 'gate.minHealth')).toBeUndefined();
  // A limit nobody sets is simply left out when emptied.
  expect(changeValue({ gate: { maxHealthDrop: 1 } }, inherited, 'gate.maxHealthDrop', undefined)).toEqual({});
});

test('a rule switched off and on again is no change, whatever the order of the list', () => {
  const workspace: Settings = { ...inherited, disabledRules: ['large-file', 'bumpy-road'] };
  expect(changeValue({}, workspace, 'disabledRules', ['bumpy-road', 'large-file'])).toEqual({});
});

test('"Reset to inherited" removes the override and the group it leaves empty', () => {
  const overrides = { gate: { minHealth: 8 }, thresholds: { 'complex-method': { cyclomatic: 12 } } };
  expect(withoutOverride(overrides, 'gate.minHealth')).toEqual({
    thresholds: { 'complex-method': { cyclomatic: 12 } },
  });
  expect(withoutOverride(overrides, 'thresholds.complex-method.cyclomatic')).toEqual({
    gate: { minHealth: 8 },
  });
});

test('a list field sends one entry per non-blank line', () => {
  expect(linesToList('**/vendor/**\n\n  src/generated/**  \r\n')).toEqual([
    '**/vendor/**',
    'src/generated/**',
  ]);
});

test('a number field takes numbers only; empty means no value', () => {
  expect(parseNumber(' 7 ')).toEqual({ ok: true, value: 7 });
  expect(parseNumber('0.5')).toEqual({ ok: true, value: 0.5 });
  expect(parseNumber('')).toEqual({ ok: true, value: undefined });
  for (const text of ['abc', '1e3', '0x10', '5 lines', '1.2.3'])
    expect(parseNumber(text)).toEqual({ ok: false });
});

test('the resolver’s errors are filed under the field they belong to, list entries under their list', () => {
  const byField = errorsByField([
    { path: 'ignore[2]', message: 'has a "[" without its "]"' },
    { path: 'gate.minHealth', message: 'must be a number from 0 to 10' },
  ]);
  expect([...byField.keys()]).toEqual(['ignore', 'gate.minHealth']);
});
