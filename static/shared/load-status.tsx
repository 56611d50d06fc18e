import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { AccessRefused } from '../../src/forge/resolvers/types';

/** A page's first load before it is ready: the settings editor's and the resolver hook's states share this shape. */
export type PendingLoad =
  | { status: 'loading' }
  | { status: 'refused'; refusal: AccessRefused; allowAccess: () => void }
  | { status: 'error'; message: string };

/**
 * Loading, refused (with "Allow access" on first use) and failed loads, announced to screen readers, in Atlaskit
 * so every page looks like Bitbucket. `what` names what is loading: "settings", "the quality gate".
 */
export function LoadStatus({ load, what }: { load: PendingLoad; what: string }) {
  if (load.status === 'loading') {
    return (
      <div role="status">
        <Inline space="space.100" alignBlock="center">
          <Spinner size="medium" label={`Loading ${what}`} />
          <Text>Loading {what}…</Text>
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
        <p>
          Could not load {what}: {load.message}
        </p>
      </SectionMessage>
    </div>
  );
}
