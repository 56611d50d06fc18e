import {
  DEFAULT_SETTINGS,
  ignoreMatcher,
  mergeSettings,
  parseSettings,
  parseSettingsOverrides,
} from '../../src/settings';

describe('parseSettings', () => {
  it('fills every field a document leaves out from the defaults', () => {
    const result = parseSettings({ gate: { minHealth: 7 } });
    expect(result).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, gate: { ...DEFAULT_SETTINGS.gate, minHealth: 7 } },
    });
  });

  it('accepts an empty document as the defaults', () => {
    expect(parseSettings({})).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('does not let callers change the shared defaults through a parsed result', () => {
    const result = parseSettings({});
    if (!result.ok) throw new Error('expected ok');
    result.settings.ignore.push('x');
    result.settings.gate.newIssues.max = 99;
    expect(DEFAULT_SETTINGS.ignore).not.toContain('x');
    expect(DEFAULT_SETTINGS.gate.newIssues.max).toBe(0);
  });

  it('normalises severities written in lower case', () => {
    const result = parseSettings({ gate: { newIssues: { minSeverity: 'critical' } } });
    expect(result.ok && result.settings.gate.newIssues).toEqual({ minSeverity: 'CRITICAL', max: 0 });
  });

  it('names every bad field with its path and what was wrong', () => {
    const result = parseSettings({
      statusChecks: 'yes',
      gate: { newIssues: { minSeverity: 'BLOCKER', max: -1 }, minHealth: 11, maxNewSecret: 0 },
      thresholds: { 'complex-method': { cyclomatic: 'high' } },
      ignore: ['dist/**', 3],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        'statusChecks: must be true or false, got "yes"',
        'gate.newIssues.minSeverity: must be one of CRITICAL, HIGH, MEDIUM, LOW, got "BLOCKER"',
        'gate.newIssues.max: must be a whole number from 0 to 10,000, got -1',
        'gate.minHealth: must be a number from 0 to 10, got 11',
        expect.stringMatching(/^gate\.maxNewSecret: unknown setting/),
        'thresholds.complex-method.cyclomatic: must be a number from 0 to 100,000, got "high"',
        'ignore[1]: must be a non-empty glob pattern, got 3',
      ]),
    );
    expect(result.errors).toHaveLength(7);
  });

  it('rejects a document that is not an object', () => {
    expect(parseSettings([1])).toEqual({ ok: false, errors: ['settings: must be an object, got a list'] });
    expect(parseSettings(null)).toEqual({ ok: false, errors: ['settings: must be an object, got null'] });
  });
});

describe('mergeSettings', () => {
  const workspace = mergeSettings(DEFAULT_SETTINGS, {
    aiComments: true,
    gate: { minHealth: 8, maxComplexityAdded: 10 },
    thresholds: { 'complex-method': { cyclomatic: 9, critical: 20 } },
    ignore: ['generated/**'],
  });

  it('lets a repository override single fields and keep the rest of the workspace defaults', () => {
    const parsed = parseSettingsOverrides({
      statusChecks: false,
      gate: { newIssues: { max: 3 } },
      thresholds: { 'complex-method': { cyclomatic: 12 } },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const repo = mergeSettings(workspace, parsed.value);
    expect(repo.statusChecks).toBe(false);
    expect(repo.aiComments).toBe(true);
    expect(repo.gate).toEqual({
      newIssues: { minSeverity: 'HIGH', max: 3 },
      maxNewSecrets: 0,
      minHealth: 8,
      maxComplexityAdded: 10,
    });
    expect(repo.thresholds).toEqual({ 'complex-method': { cyclomatic: 12, critical: 20 } });
    expect(repo.ignore).toEqual(['generated/**']);
  });

  it('switches an inherited limit off when the repository sets it to null', () => {
    const parsed = parseSettingsOverrides({ gate: { minHealth: null } });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const repo = mergeSettings(workspace, parsed.value);
    expect(repo.gate).not.toHaveProperty('minHealth');
    expect(repo.gate.maxComplexityAdded).toBe(10);
  });

  it('replaces the inherited ignore list rather than adding to it', () => {
    expect(mergeSettings(workspace, { ignore: [] }).ignore).toEqual([]);
  });
});

describe('ignoreMatcher', () => {
  it('matches repository paths with .gitignore semantics', () => {
    const ignored = ignoreMatcher(DEFAULT_SETTINGS.ignore);
    expect(ignored('node_modules/x/index.js')).toBe(true);
    expect(ignored('packages/a/node_modules/x.js')).toBe(true);
    expect(ignored('web/app.min.js')).toBe(true);
    expect(ignored('./dist/bundle.js')).toBe(true);
    expect(ignored('src/app.js')).toBe(false);
    expect(ignored('src/distance.ts')).toBe(false);
  });

  it('re-includes paths negated with !', () => {
    const ignored = ignoreMatcher(['generated/**', '!generated/keep.ts']);
    expect(ignored('generated/a.ts')).toBe(true);
    expect(ignored('generated/keep.ts')).toBe(false);
  });
});
