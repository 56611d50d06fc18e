import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { ActionState } from './use-panel-view';

/**
 * How the last action ended. The live regions are always in the page (empty when idle), so screen readers announce
 * the message when it appears: a refusal as an alert, everything else as a status.
 */
export function ActionMessage({ action }: { action: ActionState }) {
  return (
    <>
      <div role="status">
        {action.kind === 'busy' && (
          <Inline space="space.100" alignBlock="center">
            <Spinner size="small" label={action.what} />
            <Text>{action.what}…</Text>
          </Inline>
        )}
        {action.kind === 'done' && (
          <SectionMessage appearance="success">
            <p>{action.message}</p>
          </SectionMessage>
        )}
        {action.kind === 'notice' && (
          <SectionMessage appearance="information">
            <p>{action.message}</p>
          </SectionMessage>
        )}
      </div>
      <div role="alert">
        {action.kind === 'refused' && (
          <SectionMessage appearance="warning">
            <p>{action.message}</p>
          </SectionMessage>
        )}
      </div>
    </>
  );
}
