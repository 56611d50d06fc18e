import type { Finding, Severity } from '../../src/engine/types';
import { evaluateGate, failureReasons, type ChangeFacts } from '../../src/gate';
import { DEFAULT_SETTINGS, type GateSettings } from '../../src/settings';

function finding(severity: Severity, type: Finding['type'] = 'CODE_SMELL'): Finding {
  return {
    ruleId: 'r',
    type,
    severity,
    path: 'a.ts',
    line: 1,
    message: 'm',
    fingerprint: `${severity}${type}`,
  };
}

function change(over: Partial<ChangeFacts> = {}): ChangeFacts {
  return {
    newFindings: [],
    secrets: 0,
    health: { before: 9, after: 9, delta: 0 },
    complexityAdded: 0,
    duplicatedLinesAdded: 0,
    ...over,
  };
}

const defaults: GateSettings = DEFAULT_SETTINGS.gate;

describe('evaluateGate', () => {
  it('passes a clean change under the default gate and lists only the configured conditions', () => {
    const verdict = evaluateGate(change(), defaults);
    expect(verdict.passed).toBe(true);
    expect(verdict.conditions.map((c) => c.id)).toEqual(['newIssues', 'newSecrets']);
  });

  it('counts new issues at or above the minimum severity and says so in words', () => {
    const verdict = evaluateGate(
      change({ newFindings: [finding('HIGH'), finding('CRITICAL'), finding('MEDIUM'), finding('LOW')] }),
      defaults,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.conditions[0]).toEqual({
      id: 'newIssues',
      passed: false,
      actual: 2,
      limit: 0,
      message: '2 new HIGH or worse issues (limit 0)',
    });
    expect(failureReasons(verdict)).toEqual(['2 new HIGH or worse issues (limit 0)']);
  });

  it('passes when the count equals the limit', () => {
    const gate = { ...defaults, newIssues: { minSeverity: 'MEDIUM' as const, max: 1 } };
    expect(evaluateGate(change({ newFindings: [finding('MEDIUM')] }), gate).passed).toBe(true);
    expect(evaluateGate(change({ newFindings: [finding('MEDIUM'), finding('HIGH')] }), gate).passed).toBe(
      false,
    );
  });

  it('uses the change analysis secret count', () => {
    const verdict = evaluateGate(change({ secrets: 1 }), defaults);
    expect(failureReasons(verdict)).toEqual(['1 new secret (limit 0)']);
  });

  it('checks the optional change limits when configured', () => {
    const gate: GateSettings = {
      ...defaults,
      minHealth: 8,
      maxHealthDrop: 0.5,
      maxComplexityAdded: 10,
      maxDuplicatedLines: 20,
    };
    const verdict = evaluateGate(
      change({
        health: { before: 9.2, after: 7.5, delta: -1.7 },
        complexityAdded: 11,
        duplicatedLinesAdded: 20,
      }),
      gate,
    );
    expect(verdict.passed).toBe(false);
    expect(failureReasons(verdict)).toEqual([
      'health 7.5 is below the minimum 8.0',
      'health went from 9.2 to 7.5 (largest allowed drop 0.5)',
      '11 complexity added (limit 10)',
    ]);
    const dup = verdict.conditions.find((c) => c.id === 'maxDuplicatedLines');
    expect(dup).toMatchObject({
      passed: true,
      actual: 20,
      limit: 20,
      message: '20 duplicated lines added (limit 20)',
    });
  });

  it('never treats a rise in health as a failure of the drop limit', () => {
    const verdict = evaluateGate(change({ health: { before: 5, after: 6, delta: 1 } }), {
      ...defaults,
      maxHealthDrop: 0,
    });
    expect(verdict.conditions.find((c) => c.id === 'maxHealthDrop')).toMatchObject({
      passed: true,
      actual: 0,
    });
  });

  it('treats every finding of a whole-files analysis as new and skips change-only limits', () => {
    const verdict = evaluateGate(
      { findings: [finding('CRITICAL', 'VULNERABILITY'), finding('LOW')], health: { score: 6.25 } },
      { ...defaults, minHealth: 7, maxHealthDrop: 0, maxComplexityAdded: 0 },
    );
    expect(verdict.conditions.map((c) => c.id)).toEqual(['newIssues', 'newSecrets', 'minHealth']);
    expect(failureReasons(verdict)).toEqual([
      '1 new HIGH or worse issue (limit 0)',
      '1 new secret (limit 0)',
      'health 6.3 is below the minimum 7.0',
    ]);
  });

  it('names CRITICAL alone when it is the minimum severity', () => {
    const verdict = evaluateGate(change({ newFindings: [finding('CRITICAL')] }), {
      ...defaults,
      newIssues: { minSeverity: 'CRITICAL', max: 0 },
    });
    expect(verdict.conditions[0]?.message).toBe('1 new CRITICAL issue (limit 0)');
  });
});
