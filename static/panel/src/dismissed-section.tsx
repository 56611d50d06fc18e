import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { PanelDismissal } from '../../../src/forge/resolvers/types';
import { FindingItem } from '../../shared/finding-item';
import { RelativeTime } from '../../shared/relative-time';

/** Who dismissed what, when and why: reviewers see every finding someone chose not to fix. */
export function DismissedNote({ dismissal, now }: { dismissal: PanelDismissal; now: number }) {
  return (
    <Text size="small" color="color.text.subtle">
      Dismissed by {dismissal.by} <RelativeTime iso={dismissal.at} now={now} />: “{dismissal.reason}”
    </Text>
  );
}

export function DismissedSection({ dismissed, now }: { dismissed: PanelDismissal[]; now: number }) {
  if (dismissed.length === 0) return null;
  return (
    <section aria-labelledby="dismissed-title">
      <Stack space="space.100">
        <Heading size="xsmall" as="h3" id="dismissed-title">
          Dismissed on this pull request ({dismissed.length})
        </Heading>
        <ul aria-labelledby="dismissed-title" className="finding-list">
          {dismissed.map((dismissal) => (
            <li key={dismissal.fingerprint}>
              <FindingItem finding={dismissal}>
                <DismissedNote dismissal={dismissal} now={now} />
              </FindingItem>
            </li>
          ))}
        </ul>
        <Text color="color.text.subtle">
          Lintel leaves them out of its report, comments and gate on this pull request. The pull
          request&apos;s ••• menu → Lintel findings dismisses or restores findings.
        </Text>
      </Stack>
    </section>
  );
}
