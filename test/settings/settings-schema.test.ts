// Bad input to the settings schema (src/settings/schema.ts): every refusal names the field and says what is allowed,
// so the settings page can show it beside the field and nothing absurd is ever stored.
import { parseSettingsFields } from '../../src/settings/parse';
import { LIMITS } from '../../src/settings/schema';

function errorsOf(input: unknown): Record<string, string> {
  const parsed = parseSettingsFields(input);
  if (parsed.ok) throw new Error(`expected a refusal for ${JSON.stringify(input)}`);
  return Object.fromEntries(parsed.fieldErrors.map((e) => [e.path, e.message]));
}

describe('settings schema', () => {
  it('accepts every field a settings page can set', () => {
    const parsed = parseSettingsFields({
      statusChecks: true,
      annotations: false,
      summaries: true,
      aiComments: true,
      gate: {
        newIssues: { minSeverity: 'medium', max: 2 },
        maxNewSecrets: 0,
        minHealth: 7.5,
        maxHealthDrop: null,
      },
      thresholds: { 'complex-method': { cyclomatic: 12 } },
      disabledRules: ['bumpy-road', 'bumpy-road'],
      ignore: ['generated/**', '!generated/keep.ts'],
      pullRequests: { targetBranches: ['main', 'release/*'], skipDrafts: true },
      inlineCommentLimit: 10,
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.gate?.newIssues).toEqual({ minSeverity: 'MEDIUM', max: 2 });
    expect(parsed.value.disabledRules).toEqual(['bumpy-road']);
    expect(parsed.value.gate).toHaveProperty('maxHealthDrop', null);
  });

  it('refuses unknown fields, at their own path', () => {
    expect(errorsOf({ statusCheck: true, gate: { maxSecrets: 1 } })).toEqual({
      statusCheck: 'unknown setting',
      'gate.maxSecrets': 'unknown setting',
    });
  });

  it('refuses wrong types with what was expected and what came', () => {
    const errors = errorsOf({ annotations: 'no', inlineCommentLimit: '5', pullRequests: { skipDrafts: 1 } });
    expect(errors.annotations).toBe('must be true or false, got "no"');
    expect(errors.inlineCommentLimit).toBe('must be a whole number from 0 to 100, got "5"');
    expect(errors['pullRequests.skipDrafts']).toBe('must be true or false, got 1');
  });

  it('refuses absurd thresholds with the allowed range', () => {
    const errors = errorsOf({
      gate: { newIssues: { max: 1e9 }, minHealth: 42, maxComplexityAdded: 1.5 },
      thresholds: { 'complex-method': { cyclomatic: -3 } },
      inlineCommentLimit: 5000,
    });
    expect(errors['gate.newIssues.max']).toBe(`must be a whole number from 0 to 10,000, got 1000000000`);
    expect(errors['gate.minHealth']).toBe('must be a number from 0 to 10, got 42');
    expect(errors['gate.maxComplexityAdded']).toMatch(/^must be a whole number from 0 to 100,000, got 1.5$/);
    expect(errors['thresholds.complex-method.cyclomatic']).toMatch(/from 0 to 100,000, got -3$/);
    expect(errors.inlineCommentLimit).toBe('must be a whole number from 0 to 100, got 5000');
  });

  it('refuses rules and thresholds the rules do not have', () => {
    const errors = errorsOf({
      thresholds: { 'no-such-rule': { max: 1 }, 'complex-method': { cyclomatics: 3 } },
      disabledRules: ['complex-method', 'typo-rule'],
    });
    expect(errors['thresholds.no-such-rule']).toMatch(/^unknown rule \(rules: complex-method, /);
    expect(errors['thresholds.complex-method.cyclomatics']).toBe(
      'unknown threshold (expected one of: cyclomatic, high, critical)',
    );
    expect(errors['disabledRules[1]']).toMatch(/^unknown rule "typo-rule"/);
  });

  it('refuses glob patterns that could not mean what was meant', () => {
    const errors = errorsOf({
      ignore: ['src/[abc.ts', '../outside/**', 'ok/**', ' ', 'a\nb', 'x'.repeat(LIMITS.patternChars + 1)],
      pullRequests: { targetBranches: ['release/{1,2'] },
    });
    expect(errors['ignore[0]']).toBe('glob pattern "src/[abc.ts" has a "[" without its "]"');
    expect(errors['ignore[1]']).toMatch(/contains a "\.\." segment/);
    expect(errors['ignore[2]']).toBeUndefined();
    expect(errors['ignore[3]']).toBe('glob pattern " " is empty');
    expect(errors['ignore[4]']).toMatch(/control character or line break/);
    expect(errors['ignore[5]']).toMatch(/longer than 300 characters/);
    expect(errors['pullRequests.targetBranches[0]']).toBe(
      'branch pattern "release/{1,2" has a "{" without its "}"',
    );
  });

  it('refuses oversized lists', () => {
    const many = Array.from({ length: LIMITS.ignorePatterns + 1 }, (_, i) => `dir${i}/**`);
    expect(errorsOf({ ignore: many }).ignore).toBe(
      `at most ${LIMITS.ignorePatterns} patterns, got ${many.length}`,
    );
  });

  it('refuses a document that is not an object', () => {
    expect(errorsOf('statusChecks: true')).toEqual({
      settings: 'must be an object, got "statusChecks: true"',
    });
  });
});
