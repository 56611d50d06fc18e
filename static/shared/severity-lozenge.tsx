import Lozenge from '@atlaskit/lozenge';
import type { PanelFinding } from '../../src/forge/resolvers/types';

/** Severities as the settings page's rule table colours them: red for CRITICAL and HIGH, yellow for MEDIUM. */
const APPEARANCE: Record<PanelFinding['severity'], 'removed' | 'moved' | 'default'> = {
  CRITICAL: 'removed',
  HIGH: 'removed',
  MEDIUM: 'moved',
  LOW: 'default',
};

export function SeverityLozenge({ severity }: { severity: PanelFinding['severity'] }) {
  return <Lozenge appearance={APPEARANCE[severity] ?? 'default'}>{severity}</Lozenge>;
}
