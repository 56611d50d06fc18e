// One layering for the pipeline, the resolvers and the pages (src/settings/layers.ts), stored documents with a schema
// version (stored-document.ts), settings as code (settings-file.ts) and the pull-request filter.
import { rules } from '../../src/engine/rules';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { resolveLayers } from '../../src/settings/layers';
import { pullRequestSkip, pullRequestSkipReason } from '../../src/settings/pull-request-filter';
import { RULE_CATALOG } from '../../src/settings/rule-catalog';
import { parseSettingsFile } from '../../src/settings/settings-file';
import { readStoredSettings, SETTINGS_SCHEMA_VERSION } from '../../src/settings/stored-document';

describe('resolveLayers', () => {
  // The case the issue reports: the old page showed these off while the pipeline ran with them on.
  const layered = resolveLayers([
    { source: 'workspace', overrides: { aiComments: true, gate: { minHealth: 8 } } },
    { source: 'project', overrides: { gate: { minHealth: 6 }, disabledRules: ['bumpy-road'] } },
    { source: 'repository', overrides: { annotations: false } },
    { source: 'file', overrides: { thresholds: { 'complex-method': { cyclomatic: 12 } } } },
  ]);

  it('applies defaults, workspace, project, repository and .lintel.yml in that order', () => {
    expect(layered.settings).toMatchObject({
      statusChecks: true,
      annotations: false,
      summaries: true,
      aiComments: true,
      gate: { minHealth: 6 },
      disabledRules: ['bumpy-road'],
      thresholds: { 'complex-method': { cyclomatic: 12 } },
    });
  });

  it('says for every value where it comes from', () => {
    expect(layered.sources).toMatchObject({
      statusChecks: 'default',
      annotations: 'repository',
      aiComments: 'workspace',
      'gate.minHealth': 'project',
      disabledRules: 'project',
      'thresholds.complex-method.cyclomatic': 'file',
      'thresholds.complex-method.high': 'default',
      ignore: 'default',
    });
  });

  it('lets a lower level switch an inherited limit off with null', () => {
    const off = resolveLayers([
      { source: 'workspace', overrides: { gate: { minHealth: 8 } } },
      { source: 'repository', overrides: { gate: { minHealth: null } } },
    ]);
    expect(off.settings.gate).not.toHaveProperty('minHealth');
    expect(off.sources['gate.minHealth']).toBe('repository');
  });

  it('without layers is exactly the defaults', () => {
    expect(resolveLayers([]).settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('stored settings documents', () => {
  it('migrates a version-1 value (the bare overrides earlier builds stored) in memory', () => {
    const read = readStoredSettings({ statusChecks: true, annotations: false });
    expect(read).toEqual({
      ok: true,
      migratedFrom: 1,
      document: {
        schemaVersion: SETTINGS_SCHEMA_VERSION,
        revision: 0,
        overrides: { statusChecks: true, annotations: false },
      },
    });
  });

  it('reads a version-2 document with its revision and author', () => {
    const stored = {
      schemaVersion: 2,
      revision: 4,
      overrides: { summaries: false },
      updatedAt: '2026-12-01T10:00:00.000Z',
      updatedBy: '712020:abc',
    };
    expect(readStoredSettings(stored)).toEqual({ ok: true, document: stored });
  });

  it('refuses what it cannot trust, saying why', () => {
    expect(readStoredSettings('x')).toEqual({ ok: false, problem: 'the stored value is not an object' });
    expect(readStoredSettings({ schemaVersion: 3, revision: 1, overrides: {} })).toEqual({
      ok: false,
      problem: 'schema version 3 is newer than this Lintel understands (2)',
    });
    const corrupt = readStoredSettings({
      schemaVersion: 2,
      revision: 2,
      overrides: { gate: { minHealth: 99 } },
    });
    expect(corrupt).toEqual({ ok: false, problem: 'gate.minHealth: must be a number from 0 to 10, got 99' });
  });
});

describe('.lintel.yml', () => {
  it('applies a valid file', () => {
    const read = parseSettingsFile('gate:\n  minHealth: 7\nannotations: false\n');
    expect(read).toEqual({ status: 'applied', overrides: { gate: { minHealth: 7 }, annotations: false } });
  });

  it('treats an empty file as no changes', () => {
    expect(parseSettingsFile('')).toEqual({ status: 'applied', overrides: {} });
  });

  it('reports YAML and settings errors, naming the file', () => {
    const yaml = parseSettingsFile('gate: [unclosed\n');
    expect(yaml.status).toBe('invalid');
    expect(yaml.status === 'invalid' && yaml.errors[0]).toMatch(/^\.lintel\.yml is not valid YAML: /);
    expect(parseSettingsFile('gate:\n  minHealth: eleven\n')).toEqual({
      status: 'invalid',
      errors: ['.lintel.yml: gate.minHealth: must be a number from 0 to 10, got "eleven"'],
    });
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const read = parseSettingsFile(bomb);
    expect(read.status).toBe('invalid');
  });
});

describe('pullRequestSkipReason', () => {
  const filter = { enabled: true, targetBranches: ['main', 'release/*'], skipDrafts: true };

  it('analyses pull requests into a selected branch', () => {
    expect(pullRequestSkipReason(filter, { destinationBranch: 'main' })).toBeUndefined();
    expect(pullRequestSkipReason(filter, { destinationBranch: 'release/2.0' })).toBeUndefined();
  });

  it('leaves other branches and drafts alone, saying why', () => {
    expect(pullRequestSkipReason(filter, { destinationBranch: 'release/2.0/hotfix' })).toBe(
      'its destination branch release/2.0/hotfix is not one Lintel analyses (target branches: main, release/*)',
    );
    expect(pullRequestSkipReason(filter, { destinationBranch: 'main', draft: true })).toMatch(
      /it is a draft/,
    );
    expect(
      pullRequestSkipReason(
        { enabled: true, targetBranches: [], skipDrafts: false },
        { destinationBranch: 'x', draft: true },
      ),
    ).toBeUndefined();
  });

  it('leaves every pull request alone when Lintel is switched off, before any branch or draft check', () => {
    const off = { ...filter, enabled: false };
    expect(pullRequestSkip(off, { destinationBranch: 'main' })).toEqual({
      kind: 'disabled',
      reason: 'Lintel is switched off for this repository in its settings',
    });
    expect(pullRequestSkip(filter, { destinationBranch: 'develop' })?.kind).toBe('branch-filtered');
    expect(pullRequestSkip(filter, { destinationBranch: 'main', draft: true })?.kind).toBe('draft');
  });
});

describe('rule catalog', () => {
  it('is up to date with the rule metadata (regenerate: npm run docs:rules)', () => {
    expect(RULE_CATALOG).toEqual(
      rules.map((r) => ({
        id: r.id,
        title: r.title,
        defaultSeverity: r.defaultSeverity,
        thresholds: r.thresholds,
      })),
    );
  });
});
