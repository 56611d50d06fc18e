import DynamicTable from '@atlaskit/dynamic-table';
import { Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Section } from './section';
import { Text } from '@atlaskit/primitives/compiled/text';
import Toggle from '@atlaskit/toggle';
import type { RuleCatalogEntry } from '../../../src/forge/resolvers/types';
import { VISUALLY_HIDDEN, fieldId, useEditor } from './editor-context';
import { fieldLabel } from './field-labels';
import { FieldErrors, errorId, useHasErrors } from './field-messages';
import { NumberField } from './number-field';
import { levelValue, valueAt } from './settings-draft';
import { ValueSource } from './value-source';

const SEVERITY_APPEARANCE = {
  CRITICAL: 'removed',
  HIGH: 'removed',
  MEDIUM: 'moved',
  LOW: 'default',
} as const;

function RunSwitch({ rule, disabledRules }: { rule: RuleCatalogEntry; disabledRules: string[] }) {
  const { change } = useEditor();
  const id = fieldId(`rules.${rule.id}.run`);
  const runs = !disabledRules.includes(rule.id);
  const hasErrors = useHasErrors('disabledRules');
  return (
    <Inline space="space.050" alignBlock="center">
      <Toggle
        id={id}
        isChecked={runs}
        {...(hasErrors ? { descriptionId: errorId(fieldId('disabledRules')) } : {})}
        onChange={(event) => {
          const run = event.currentTarget.checked;
          const others = disabledRules.filter((ruleId) => ruleId !== rule.id);
          change('disabledRules', run ? others : [...others, rule.id]);
        }}
      />
      <Label htmlFor={id}>
        Run<span style={VISUALLY_HIDDEN}> {rule.title}</span>
      </Label>
    </Inline>
  );
}

function Thresholds({ rule }: { rule: RuleCatalogEntry }) {
  const { view, resetToInherited } = useEditor();
  const entries = Object.entries(rule.thresholds);
  if (entries.length === 0) return <Text color="color.text.subtle">No thresholds</Text>;
  return (
    <div className="thresholds">
      {entries.map(([name, threshold]) => {
        const path = `thresholds.${rule.id}.${name}`;
        const inherited = valueAt(view.inherited, path);
        const placeholder = String(typeof inherited === 'number' ? inherited : threshold.default);
        return (
          <NumberField
            key={name}
            path={path}
            label={`${rule.title}: ${name}`}
            hiddenLabelPrefix={`${rule.title}: `}
            width={100}
            placeholder={placeholder}
            onClear={() => resetToInherited(path)}
            help={
              typeof inherited === 'number' && inherited !== threshold.default
                ? `${threshold.description} Inherited ${inherited} (default ${threshold.default}).`
                : `${threshold.description} Default ${threshold.default}.`
            }
          />
        );
      })}
    </div>
  );
}

/** Every rule the engine runs, with a switch to turn it off and its thresholds (the rules' own metadata). */
export function RulesSection() {
  const { view, draft } = useEditor();
  const disabledRules = (levelValue(draft, view.inherited, 'disabledRules') as string[] | undefined) ?? [];
  const rows = view.rules.map((rule) => ({
    key: rule.id,
    cells: [
      {
        key: 'rule',
        content: (
          <Stack space="space.050">
            <Text weight="semibold">{rule.title}</Text>
            <Inline space="space.100" alignBlock="center">
              <Text size="small" color="color.text.subtle">
                <code>{rule.id}</code>
              </Text>
              <Lozenge appearance={SEVERITY_APPEARANCE[rule.defaultSeverity]}>{rule.defaultSeverity}</Lozenge>
            </Inline>
          </Stack>
        ),
      },
      { key: 'run', content: <RunSwitch rule={rule} disabledRules={disabledRules} /> },
      { key: 'thresholds', content: <Thresholds rule={rule} /> },
    ],
  }));
  const listId = fieldId('disabledRules');
  return (
    <Section id="rules" title="Rules">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text>
          Rules switched off:{' '}
          {disabledRules.length === 0
            ? 'none'
            : disabledRules.map((id) => view.rules.find((rule) => rule.id === id)?.title ?? id).join(', ')}
        </Text>
        <ValueSource path="disabledRules" label={fieldLabel('disabledRules')} />
      </Inline>
      <FieldErrors id={listId} path="disabledRules" />
      <div className="rules-table">
        <DynamicTable
          label="Rules"
          head={{
            cells: [
              { key: 'rule', content: 'Rule', width: 28 },
              { key: 'run', content: 'Runs', width: 10 },
              { key: 'thresholds', content: 'Thresholds (empty: inherited or default)', width: 62 },
            ],
          }}
          rows={rows}
        />
      </div>
    </Section>
  );
}
