// Findings dismissed on a pull request are set aside before the gate judges and anything is published: matched by
// fingerprint (so a moved line stays dismissed), secrets counted down with them, measured totals left as measured.
import { evaluateGate } from '../../src/gate';
import type { Dismissal } from '../../src/pipeline/dismissal';
import { withoutDismissed } from '../../src/pipeline/dismissed-findings';
import { defaultSettings } from '../../src/settings/defaults';
import { analysisWith, finding } from '../publish/fixtures';

const dismissalOf = (
  f: { fingerprint: string; path: string; line: number },
  reason = 'reviewed',
): Dismissal => ({
  fingerprint: f.fingerprint,
  ruleId: 'complex-method',
  severity: 'HIGH',
  path: f.path,
  line: f.line,
  message: 'm',
  reason,
  accountId: '712020:writer',
  at: '2026-01-12T09:00:00.000Z',
});

test('a dismissed finding is gone from what is published and judged, even after its line moved', () => {
  const complex = finding({ severity: 'HIGH', line: 40 });
  const secret = finding({
    ruleId: 'hard-coded-secret',
    type: 'VULNERABILITY',
    severity: 'CRITICAL',
    line: 3,
  });
  const minor = finding({ severity: 'LOW', line: 50 });
  const analysis = analysisWith({ newFindings: [complex, secret, minor], secrets: 1, complexityAdded: 12 });
  const gate = defaultSettings().gate;
  expect(evaluateGate(analysis, gate).passed).toBe(false);

  // Dismissed when the finding sat on line 12; this push moved it to 40.
  const dismissals = [dismissalOf({ ...complex, line: 12 }), dismissalOf(secret, 'test fixture key')];
  const kept = withoutDismissed(analysis, analysis, dismissals);
  expect(kept.analysis.newFindings).toEqual([minor]);
  expect(kept.gateFacts.newFindings).toEqual([minor]);
  expect(kept.analysis.secrets).toBe(0);
  expect(kept.dismissedAgain).toEqual([complex, secret]);
  // What the change measures stays: a dismissal accepts a finding, it does not un-add code.
  expect(kept.analysis.complexityAdded).toBe(12);
  expect(evaluateGate(kept.gateFacts, gate).passed).toBe(true);
});

test('a dismissal for a finding this run did not find changes nothing', () => {
  const analysis = analysisWith({ newFindings: [finding()] });
  const kept = withoutDismissed(analysis, analysis, [
    dismissalOf({ fingerprint: 'f'.repeat(16), path: 'x', line: 1 }),
  ]);
  expect(kept.analysis).toBe(analysis);
  expect(kept.dismissedAgain).toEqual([]);
});
