import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useEffect, useRef, useState } from 'react';
import type { SettingsLevel } from '../../../src/forge/resolvers/types';
import { useEditor } from './editor-context';
import { labelOfPath } from './field-labels';

const THIS_LEVEL: Record<SettingsLevel, string> = {
  repository: 'this repository',
  project: 'this project',
  workspace: 'this workspace',
};

/** Saving, saved and unsaved: polite announcements. */
function SaveStatus() {
  const { saveState, dirty } = useEditor();
  return (
    <div role="status">
      {saveState.kind === 'saving' ? (
        <Inline space="space.100" alignBlock="center">
          <Spinner size="small" label={saveState.what === 'reset' ? 'Resetting' : 'Saving'} />
          <Text>{saveState.what === 'reset' ? 'Resetting…' : 'Saving…'}</Text>
        </Inline>
      ) : saveState.kind === 'saved' ? (
        <SectionMessage appearance="success" title="Saved">
          <p>
            {saveState.what === 'reset'
              ? 'Every value is inherited again.'
              : 'Pull requests analysed from now on use these settings.'}
          </p>
        </SectionMessage>
      ) : dirty ? (
        <Lozenge appearance="moved">Unsaved changes</Lozenge>
      ) : null}
    </div>
  );
}

/** Not saved, and why: assertive, since the person's changes are at stake. */
function SaveProblem() {
  const { view, saveState, reload } = useEditor();
  if (saveState.kind === 'error') {
    return (
      <SectionMessage appearance="error" title="Not saved">
        <p>{saveState.message}</p>
        <p>Your changes are still on this page: correct them or try again.</p>
      </SectionMessage>
    );
  }
  if (saveState.kind === 'invalid') {
    return (
      <SectionMessage appearance="error" title="Not saved: some values are not valid">
        <p>{saveState.message}</p>
        <ul aria-label="Values to correct">
          {saveState.fieldErrors.map((error) => (
            <li key={`${error.path}:${error.message}`}>
              {labelOfPath(error.path, view.rules)}: {error.message}
            </li>
          ))}
        </ul>
      </SectionMessage>
    );
  }
  if (saveState.kind === 'conflict') {
    return (
      // Not SectionMessage's `actions`: its action button is Atlaskit's older, Emotion-styled one, which would need
      // inline <style> elements (and so a looser CSP); the current Button's styles ship as a CSS file.
      <SectionMessage appearance="warning" title="Someone else saved these settings">
        <Stack space="space.100">
          <p>{saveState.message}</p>
          <p>Reload shows their settings and discards your changes on this page.</p>
          <div>
            <Button onClick={reload}>Reload</Button>
          </div>
        </Stack>
      </SectionMessage>
    );
  }
  return null;
}

/** "Reset all to inherited" asks first: it removes every value this level sets and saves at once. */
function ResetAllConfirm({ onDone }: { onDone: () => void }) {
  const { view, resetAll } = useEditor();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <SectionMessage appearance="warning" title={`Reset all of ${THIS_LEVEL[view.level]}'s settings?`}>
      <Stack space="space.100">
        <p>
          Every value set here is removed and saved at once; {THIS_LEVEL[view.level]} then inherits
          everything.
          {view.level === 'repository' ? (
            <>
              {' '}
              A <code>.lintel.yml</code> in the repository still applies.
            </>
          ) : null}
        </p>
        <Inline space="space.100">
          <Button
            ref={confirm}
            appearance="danger"
            onClick={() => {
              resetAll();
              onDone();
            }}
          >
            Reset all
          </Button>
          <Button onClick={onDone}>Cancel</Button>
        </Inline>
      </Stack>
    </SectionMessage>
  );
}

export function SaveBar() {
  const { view, saveState, save } = useEditor();
  const [confirming, setConfirming] = useState(false);
  const saving = saveState.kind === 'saving';
  const nothingStored = Object.keys(view.overrides).length === 0;
  return (
    // Not sticky: Bitbucket sizes the app's iframe to its content, so there is no viewport bottom to stick to.
    <div
      style={{
        borderTop: `1px solid ${token('color.border', '#0B120E24')}`,
        paddingTop: token('space.200', '16px'),
      }}
    >
      <Stack space="space.150">
        <div role="alert">
          <SaveProblem />
        </div>
        {confirming && <ResetAllConfirm onDone={() => setConfirming(false)} />}
        <Inline space="space.150" alignBlock="center" shouldWrap>
          <Button appearance="primary" onClick={save} isLoading={saving && saveState.what === 'save'}>
            Save
          </Button>
          <Button
            appearance="subtle"
            isDisabled={saving || nothingStored}
            onClick={() => setConfirming(true)}
          >
            Reset all to inherited
          </Button>
          <SaveStatus />
        </Inline>
      </Stack>
    </div>
  );
}
