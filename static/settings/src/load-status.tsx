import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { LoadState } from './use-settings-editor';

/**
 * Loading, refused (with "Allow access" on first use) and failed loads, announced to screen readers. The texts
 * are the shared pages' (static/shared/StatusMessage.tsx), in Atlaskit so the page looks like Bitbucket.
 */
export function LoadStatus({ load }: { load: Exclude<LoadState, { status: 'ready' }> }) {
  if (load.status === 'loading') {
    return (
      <div role="status">
        <Inline space="space.100" alignBlock="center">
          <Spinner size="medium" label="Loading settings" />
          <Text>Loading settings…</Text>
        </Inline>
      </div>
    );
  }
  if (load.status === 'refused') {
    const { refusal, allowAccess } = load;
    if (refusal.reason === 'needs-consent') {
      return (
        <section role="alert" aria-labelledby="consent-title">
          <SectionMessage appearance="information">
            <Stack space="space.100">
              <h2 id="consent-title">Lintel needs your permission</h2>
              <p>{refusal.message}</p>
              <p>
                Select <strong>Allow access</strong>, then approve the request Bitbucket shows. Bitbucket asks
                each person once; you can withdraw the access later in your Atlassian account settings.
              </p>
              <div>
                <Button appearance="primary" onClick={allowAccess}>
                  Allow access
                </Button>
              </div>
            </Stack>
          </SectionMessage>
        </section>
      );
    }
    return (
      <div role="alert">
        <SectionMessage appearance="error">
          <p>{refusal.message}</p>
        </SectionMessage>
      </div>
    );
  }
  return (
    <div role="alert">
      <SectionMessage appearance="error">
        <p>Could not load settings: {load.message}</p>
      </SectionMessage>
    </div>
  );
}
