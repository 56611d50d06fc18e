import { Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import { fieldLabel } from './field-labels';
import { VISUALLY_HIDDEN, fieldId, useEditor } from './editor-context';
import { FieldErrors, FieldHelp, errorId, helpId, useHasErrors } from './field-messages';
import { levelValue, parseNumber } from './settings-draft';
import { ValueSource } from './value-source';

const textOf = (value: unknown): string => (typeof value === 'number' ? String(value) : '');

/**
 * A numeric setting. `optional`: empty switches the limit off (and stores `null` when the level above sets one);
 * otherwise the field needs a number. The text is kept as typed, so "1." or "abc" stay visible while the field
 * says what is wrong; only a number reaches the draft. Ranges are the resolver's to judge (its message shows here).
 */
export function NumberField({
  path,
  label = fieldLabel(path),
  help,
  optional = false,
  width = 120,
  onClear,
  placeholder,
  hiddenLabelPrefix,
}: {
  path: string;
  /** The accessible name (also used by "Reset <label> to inherited"). */
  label?: string;
  /** A start of `label` that is not shown, where the context already says it (a rule's row in a table). */
  hiddenLabelPrefix?: string;
  help?: React.ReactNode;
  optional?: boolean;
  width?: number;
  /** What an empty field means, when it is not "off" (a rule threshold falls back to the inherited value). */
  onClear?: () => void;
  placeholder?: string;
}) {
  const { view, draft, change, markUnparsed } = useEditor();
  const id = fieldId(path);
  const value = levelValue(draft, view.inherited, path);
  const [text, setText] = useState(textOf(value));
  const parsed = parseNumber(text);
  // Follow outside changes (Reset to inherited, a gate profile) unless the text already says the same.
  useEffect(() => {
    const current = parseNumber(text);
    if (!current.ok || current.value !== value) setText(textOf(value));
    // Only an outside change of the value re-syncs; typing must not be overwritten.
  }, [value]);

  let local: string | undefined;
  if (!parsed.ok) local = `Enter a number, such as 5${optional ? ', or leave it empty for no limit' : ''}.`;
  else if (parsed.value === undefined && !optional && !onClear)
    local = 'Enter a number: this value cannot be off.';
  const hasErrors = useHasErrors(path, local);

  const onChange = (next: string): void => {
    setText(next);
    const result = parseNumber(next);
    const isUnparsed = !result.ok || (result.value === undefined && !optional && !onClear);
    markUnparsed(path, isUnparsed);
    if (isUnparsed || !result.ok) return;
    if (result.value === undefined && onClear) onClear();
    else change(path, result.value);
  };

  const describedBy = [help ? helpId(id) : undefined, hasErrors ? errorId(id) : undefined].filter(Boolean);
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>
        {hiddenLabelPrefix ? (
          <>
            <span style={VISUALLY_HIDDEN}>{hiddenLabelPrefix}</span>
            {label.slice(hiddenLabelPrefix.length)}
          </>
        ) : (
          label
        )}
      </Label>
      {/* A wrapper, so the field keeps its height when a grid row is taller (Textfield grows in a flex column). */}
      <div>
        <Textfield
          id={id}
          width={width}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          isInvalid={hasErrors}
          placeholder={placeholder ?? (optional ? 'No limit' : undefined)}
          aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      </div>
      {/* Below the field, not beside its label: in a grid column the lozenge and the reset button would wrap
          and push this field below its neighbours'. */}
      <ValueSource path={path} label={label} />
      {help && <FieldHelp id={id}>{help}</FieldHelp>}
      <FieldErrors id={id} path={path} local={local} />
    </Stack>
  );
}
