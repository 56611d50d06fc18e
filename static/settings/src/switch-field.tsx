import { Label } from '@atlaskit/form';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import Toggle from '@atlaskit/toggle';
import { fieldLabel } from './field-labels';
import { fieldId, useEditor } from './editor-context';
import { FieldErrors, errorId, helpId, useHasErrors } from './field-messages';
import { levelValue } from './settings-draft';
import { ValueSource } from './value-source';

/**
 * A boolean setting as a switch whose visible label is its accessible name. `disabledReason` switches it off for
 * input and says why, next to it and through aria-describedby.
 */
export function SwitchField({
  path,
  label = fieldLabel(path),
  help,
  disabledReason,
}: {
  path: string;
  label?: string;
  help?: React.ReactNode;
  disabledReason?: string | undefined;
}) {
  const { view, draft, change } = useEditor();
  const id = fieldId(path);
  const hasErrors = useHasErrors(path);
  const reasonId = `${id}-reason`;
  const describedBy = [
    disabledReason ? reasonId : undefined,
    help ? helpId(id) : undefined,
    hasErrors ? errorId(id) : undefined,
  ].filter(Boolean);
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Toggle
          id={id}
          isChecked={levelValue(draft, view.inherited, path) === true}
          isDisabled={disabledReason !== undefined}
          onChange={(event) => change(path, event.currentTarget.checked)}
          {...(describedBy.length > 0 ? { descriptionId: describedBy.join(' ') } : {})}
        />
        <Label htmlFor={id}>{label}</Label>
        <ValueSource path={path} label={label} />
      </Inline>
      {disabledReason && (
        <div id={reasonId}>
          <Text size="small" color="color.text.warning">
            {disabledReason}
          </Text>
        </div>
      )}
      {help && (
        <div id={helpId(id)}>
          <Text size="small" color="color.text.subtle">
            {help}
          </Text>
        </div>
      )}
      <FieldErrors id={id} path={path} />
    </Stack>
  );
}
