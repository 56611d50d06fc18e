// The settings page's three gate profiles ("Bare minimum", "Recommended", "Strict"): each is a gate the resolvers
// accept as it is, and each is at least as strict as the one before, as their names promise.
import { SEVERITIES_HIGH_FIRST } from '../../src/engine/types';
import { GATE_PROFILES } from '../../src/settings/gate-profiles';
import { parseSettingsFields } from '../../src/settings/parse';
import type { GateSettings } from '../../src/settings/types';

test('the page offers exactly the three profiles, in order of strictness', () => {
  expect(GATE_PROFILES.map((profile) => profile.name)).toEqual(['Bare minimum', 'Recommended', 'Strict']);
});

test.each(GATE_PROFILES.map((profile) => [profile.name, profile] as const))(
  '%s is a gate the settings schema accepts as it is',
  (_name, profile) => {
    expect(parseSettingsFields({ gate: profile.gate })).toEqual({ ok: true, value: { gate: profile.gate } });
  },
);

/** An optional limit left out is off: no limit at all, looser than any number. */
const limit = (gate: GateSettings, key: keyof Omit<GateSettings, 'newIssues'>): number =>
  gate[key] ?? Number.POSITIVE_INFINITY;

test('each profile is at least as strict as the one before it, and stricter somewhere', () => {
  for (let i = 1; i < GATE_PROFILES.length; i++) {
    const looser = GATE_PROFILES[i - 1]!.gate;
    const stricter = GATE_PROFILES[i]!.gate;
    const rank = (gate: GateSettings) => SEVERITIES_HIGH_FIRST.indexOf(gate.newIssues.minSeverity);
    // A lower severity threshold counts more issues against the gate.
    expect(rank(stricter)).toBeGreaterThanOrEqual(rank(looser));
    expect(stricter.newIssues.max).toBeLessThanOrEqual(looser.newIssues.max);
    for (const key of ['maxNewSecrets', 'maxHealthDrop', 'maxComplexityAdded', 'maxDuplicatedLines'] as const)
      expect(limit(stricter, key)).toBeLessThanOrEqual(limit(looser, key));
    expect(stricter.minHealth ?? 0).toBeGreaterThanOrEqual(looser.minHealth ?? 0);
    expect(stricter).not.toEqual(looser);
  }
});

test('no profile lets a single leaked secret through', () => {
  expect(GATE_PROFILES.map((profile) => profile.gate.maxNewSecrets)).toEqual([0, 0, 0]);
});
