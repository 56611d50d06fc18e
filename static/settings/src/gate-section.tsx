import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Section } from './section';
import { Text } from '@atlaskit/primitives/compiled/text';
import Select from '@atlaskit/select';
import { useState } from 'react';
import type { Severity } from '../../../src/engine/types';
import { GATE_PROFILES, type GateProfile } from '../../../src/settings/gate-profiles';
import type { GateSettings } from '../../../src/settings/types';
import { fieldId, useEditor } from './editor-context';
import { fieldLabel } from './field-labels';
import { FieldErrors, errorId, useHasErrors } from './field-messages';
import { NumberField } from './number-field';
import { levelValue, sameValue } from './settings-draft';
import { ValueSource } from './value-source';

/** Highest first, as a reviewer reads them (src/engine/types SEVERITIES_HIGH_FIRST; the page imports no runtime). */
const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const SEVERITY_OPTIONS = SEVERITIES.map((severity) => ({ label: severity, value: severity }));

const OPTIONAL_LIMITS = ['minHealth', 'maxHealthDrop', 'maxComplexityAdded', 'maxDuplicatedLines'] as const;

/** Every gate value a profile sets, as (path, value); a limit the profile leaves out is switched off. */
function profileValues(gate: GateSettings): Array<readonly [string, unknown]> {
  return [
    ['gate.newIssues.minSeverity', gate.newIssues.minSeverity],
    ['gate.newIssues.max', gate.newIssues.max],
    ['gate.maxNewSecrets', gate.maxNewSecrets],
    ...OPTIONAL_LIMITS.map((limit) => [`gate.${limit}`, gate[limit]] as const),
  ];
}

function SeverityField() {
  const { view, draft, change } = useEditor();
  const path = 'gate.newIssues.minSeverity';
  const label = fieldLabel(path);
  const id = fieldId(path);
  const value = levelValue(draft, view.inherited, path);
  const hasErrors = useHasErrors(path);
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <div style={{ maxWidth: 220 }}>
        <Select
          inputId={id}
          options={SEVERITY_OPTIONS}
          value={SEVERITY_OPTIONS.find((option) => option.value === value) ?? null}
          isSearchable={false}
          isInvalid={hasErrors}
          {...(hasErrors ? { 'aria-errormessage': errorId(id) } : {})}
          onChange={(option) => option && change(path, option.value)}
        />
      </div>
      <ValueSource path={path} label={label} />
      <Text size="small" color="color.text.subtle">
        New issues of this severity or worse count against &ldquo;Maximum new issues&rdquo;.
      </Text>
      <FieldErrors id={id} path={path} />
    </Stack>
  );
}

/** The three starting points; the one the gate matches now is named, so a person sees what they have. */
function GateProfiles() {
  const { view, draft, changeMany } = useEditor();
  const [applied, setApplied] = useState<string>();
  const current = profileValues(GATE_PROFILES[0]!.gate).map(([path]) =>
    levelValue(draft, view.inherited, path),
  );
  const matches = (profile: GateProfile): boolean =>
    sameValue(
      profileValues(profile.gate).map(([, value]) => value),
      current,
    );
  const matching = GATE_PROFILES.find(matches);
  return (
    <Stack space="space.100">
      <Text weight="medium">Start from a profile</Text>
      <Inline space="space.100" shouldWrap>
        {GATE_PROFILES.map((profile) => (
          <Button
            key={profile.id}
            aria-describedby={`gate-profile-${profile.id}`}
            onClick={() => {
              changeMany(profileValues(profile.gate));
              setApplied(profile.name);
            }}
          >
            {profile.name}
          </Button>
        ))}
      </Inline>
      <Stack as="ul" space="space.050">
        {GATE_PROFILES.map((profile) => (
          <li key={profile.id} id={`gate-profile-${profile.id}`}>
            <Text size="small">
              <Text size="small" weight="semibold">
                {profile.name}:
              </Text>{' '}
              {profile.description}
            </Text>
          </li>
        ))}
      </Stack>
      <div role="status">
        <Text size="small" color="color.text.subtle">
          {applied
            ? `${applied} filled the gate below. Save to apply it to pull requests.`
            : matching
              ? `The gate below matches the ${matching.name} profile.`
              : 'The gate below matches none of the profiles.'}
        </Text>
      </div>
    </Stack>
  );
}

/** The quality gate: when the build status fails and the merge check blocks. */
export function GateSection() {
  return (
    <Section id="gate" title="Quality gate">
      <Text color="color.text.subtle">
        A pull request fails the gate when any limit below is exceeded. Empty optional limits are off.
      </Text>
      <GateProfiles />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 24 }}>
        <SeverityField />
        <NumberField
          path="gate.newIssues.max"
          help="How many new issues of that severity or worse a change may add (0: none)."
        />
        <NumberField
          path="gate.maxNewSecrets"
          help="Hard-coded keys, tokens and passwords a change may add (0: none, the default)."
        />
        <NumberField
          path="gate.minHealth"
          optional
          help="Code health after the change, from 1 (worst) to 10 (healthy)."
        />
        <NumberField
          path="gate.maxHealthDrop"
          optional
          help="How far health may fall from the base to the change, e.g. 0.5."
        />
        <NumberField
          path="gate.maxComplexityAdded"
          optional
          help="Cyclomatic complexity the change may add in total."
        />
        <NumberField
          path="gate.maxDuplicatedLines"
          optional
          help="Lines the change may copy from elsewhere in the code."
        />
      </div>
    </Section>
  );
}
