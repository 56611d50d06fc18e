import Button from '@atlaskit/button/new';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Section } from './section';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import { invoke } from '@forge/bridge';
import { useState } from 'react';
import type { IgnorePreview, PreviewIgnorePayload } from '../../../src/forge/resolvers/types';
import { isAccessRefused } from '../../shared/useResolverData';
import { useEditor } from './editor-context';
import { LinesField } from './lines-field';

type PreviewState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; preview: Extract<IgnorePreview, { ok: true }> }
  | { kind: 'failed'; message: string };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Which of the repository's files the patterns in the field (saved or not) would leave out. */
function IgnorePreviewPanel({ patterns }: { patterns: string[] }) {
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const preview = (): void => {
    setState({ kind: 'loading' });
    const payload: PreviewIgnorePayload = { patterns };
    invoke<unknown>('previewIgnore', { ...payload })
      .then((value) => {
        if (isAccessRefused(value)) return setState({ kind: 'failed', message: value.message });
        const answer = value as IgnorePreview;
        if (!answer.ok) {
          const details = answer.fieldErrors.map((error) => `${error.path}: ${error.message}`);
          return setState({ kind: 'failed', message: [answer.message, ...details].join(' ') });
        }
        setState({ kind: 'done', preview: answer });
      })
      .catch((error: unknown) => setState({ kind: 'failed', message: messageOf(error) }));
  };
  return (
    <Stack space="space.100">
      <div>
        <Button onClick={preview} isLoading={state.kind === 'loading'}>
          Preview
        </Button>
      </div>
      <div role="status">
        {state.kind === 'loading' && (
          <Text color="color.text.subtle">Listing the repository&rsquo;s files…</Text>
        )}
        {state.kind === 'done' && <PreviewResult preview={state.preview} />}
      </div>
      {state.kind === 'failed' && (
        <div role="alert">
          <SectionMessage appearance="error">
            <p>Could not preview the patterns: {state.message}</p>
          </SectionMessage>
        </div>
      )}
    </Stack>
  );
}

function PreviewResult({ preview }: { preview: Extract<IgnorePreview, { ok: true }> }) {
  const scanned = `${preview.filesScanned}${preview.truncated ? '+' : ''}`;
  return (
    <Stack space="space.050">
      <Text>
        {preview.ignoredCount} of {scanned} files on {preview.branch} would be ignored
        {preview.truncated ? ' (only the first files were listed)' : ''}.
      </Text>
      {preview.ignored.length > 0 && (
        <Stack as="ul" space="space.025" aria-label="Ignored files">
          {preview.ignored.map((file) => (
            <li key={file}>
              <code>{file}</code>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Paths Lintel never analyses, in .gitignore syntax; the repository page can try them on its files. */
export function IgnoreSection() {
  const { view } = useEditor();
  return (
    <Section id="ignore" title="Ignored paths">
      <LinesField
        path="ignore"
        rows={8}
        help={
          <>
            One <code>.gitignore</code> pattern per line, e.g. <code>**/generated/**</code>. This list
            replaces the inherited one, so copy what you want to keep.
          </>
        }
        footer={(patterns) =>
          view.level === 'repository' ? (
            <IgnorePreviewPanel patterns={patterns} />
          ) : (
            <Text size="small" color="color.text.subtle">
              The preview needs a repository: open a repository&rsquo;s Lintel settings to see which of its
              files these patterns leave out.
            </Text>
          )
        }
      />
    </Section>
  );
}
