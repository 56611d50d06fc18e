import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { PanelFinding } from '../../src/forge/resolvers/types';
import { BitbucketLink } from './bitbucket-link';
import { SeverityLozenge } from './severity-lozenge';

/** One finding: severity, where (linked to its line in the diff) and what; `children` adds its actions or notes. */
export function FindingItem({ finding, children }: { finding: PanelFinding; children?: React.ReactNode }) {
  const place = `${finding.path}:${finding.line}`;
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <SeverityLozenge severity={finding.severity} />
        <span className="finding-place">
          {finding.url ? <BitbucketLink url={finding.url}>{place}</BitbucketLink> : place}
        </span>
        <Text>{finding.message}</Text>
      </Inline>
      {children}
    </Stack>
  );
}
