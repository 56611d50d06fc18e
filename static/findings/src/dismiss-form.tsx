import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import { useEffect, useRef, useState } from 'react';

/** As the resolver checks it (src/pipeline/dismissal.ts, DISMISSAL_REASON_MAX_CHARS). */
const REASON_MAX_CHARS = 500;

/**
 * The reason for one dismissal, asked for in place under the finding. Atlaskit's textarea is not among the pages'
 * dependencies, so this is a native one styled with design tokens, as the settings page's list fields are.
 */
export function DismissForm({
  id,
  place,
  busy,
  onDismiss,
  onCancel,
}: {
  id: string;
  place: string;
  busy: boolean;
  onDismiss: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [focused, setFocused] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const fieldId = `reason-${id}`;
  const trimmed = reason.trim();
  return (
    <form
      aria-label={`Dismiss ${place}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed !== '') onDismiss(trimmed);
      }}
    >
      <Stack space="space.100">
        <Label htmlFor={fieldId}>Why can this finding be dismissed?</Label>
        <textarea
          id={fieldId}
          ref={field}
          className="reason-field"
          rows={3}
          maxLength={REASON_MAX_CHARS}
          required
          value={reason}
          aria-describedby={`${fieldId}-help`}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onChange={(event) => setReason(event.currentTarget.value)}
          style={{
            color: token('color.text', '#292A2E'),
            background: token('color.background.input', '#FFFFFF'),
            borderColor: focused
              ? token('color.border.focused', '#4688EC')
              : token('color.border.input', '#8C8F97'),
            boxShadow: focused ? `inset 0 0 0 1px ${token('color.border.focused', '#4688EC')}` : 'none',
          }}
        />
        <div id={`${fieldId}-help`}>
          <Text size="small" color="color.text.subtle">
            Reviewers see the reason in the Lintel panel. Lintel then leaves the finding out of this pull
            request&apos;s report, comments and gate. At most {REASON_MAX_CHARS} characters.
          </Text>
        </div>
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isDisabled={busy || trimmed === ''}>
            Dismiss finding
          </Button>
          <Button onClick={onCancel} isDisabled={busy}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}
