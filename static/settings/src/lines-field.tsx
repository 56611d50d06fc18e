import { Label } from '@atlaskit/form';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import { fieldLabel } from './field-labels';
import { fieldId, useEditor } from './editor-context';
import { FieldErrors, FieldHelp, errorId, helpId, useHasErrors } from './field-messages';
import { levelValue, linesToList, listToLines, sameValue } from './settings-draft';
import { ValueSource } from './value-source';

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * A list setting edited as one item per line (ignore patterns, branch globs). Atlaskit's textarea package is not
 * among the page's dependencies, so this is a native textarea styled with design tokens like Textfield.
 * The resolver's errors name list indexes (`ignore[2]`); they are shown as the line they came from.
 */
export function LinesField({
  path,
  label = fieldLabel(path),
  help,
  rows = 6,
  footer,
}: {
  path: string;
  label?: string;
  help: React.ReactNode;
  rows?: number;
  footer?: (list: string[]) => React.ReactNode;
}) {
  const { view, draft, change } = useEditor();
  const id = fieldId(path);
  const value = listOf(levelValue(draft, view.inherited, path));
  const [text, setText] = useState(listToLines(value));
  useEffect(() => {
    if (!sameValue(linesToList(text), value)) setText(listToLines(value));
    // Only an outside change of the list re-syncs; typing (blank lines included) must not be overwritten.
  }, [JSON.stringify(value)]);
  const hasErrors = useHasErrors(path);
  const [focused, setFocused] = useState(false);

  // The list sent drops blank lines; map an index in it back to the line the person sees.
  const lineOfIndex = (index: number): string => {
    const lines = text.split(/\r?\n/);
    let seen = -1;
    for (let line = 0; line < lines.length; line++) {
      if (lines[line]!.trim() !== '') seen++;
      if (seen === index) return `Line ${line + 1} (${lines[line]!.trim()})`;
    }
    return `Entry ${index + 1}`;
  };

  const describedBy = [helpId(id), hasErrors ? errorId(id) : undefined].filter(Boolean).join(' ');
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Label htmlFor={id}>{label}</Label>
        <ValueSource path={path} label={label} />
      </Inline>
      <textarea
        id={id}
        className="lines-field"
        // Tall enough for the list (and a line to add one), within reason.
        rows={Math.min(Math.max(rows, text.split('\n').length + 1), 20)}
        spellCheck={false}
        value={text}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        style={{
          color: token('color.text', '#292A2E'),
          background: token('color.background.input', '#FFFFFF'),
          borderColor: focused
            ? token('color.border.focused', '#4688EC')
            : hasErrors
              ? token('color.border.danger', '#E2483D')
              : token('color.border.input', '#8C8F97'),
          // The same visible focus ring as Atlaskit's Textfield (keyboard users must see where they are).
          boxShadow: focused ? `inset 0 0 0 1px ${token('color.border.focused', '#4688EC')}` : 'none',
        }}
        onChange={(event) => {
          setText(event.currentTarget.value);
          change(path, linesToList(event.currentTarget.value));
        }}
      />
      <FieldHelp id={id}>{help}</FieldHelp>
      <FieldErrors id={id} path={path} describeIndex={lineOfIndex} />
      {footer?.(value)}
    </Stack>
  );
}
