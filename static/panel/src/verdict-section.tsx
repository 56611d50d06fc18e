import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { PanelStatus } from '../../../src/forge/resolvers/types';
import { FindingItem } from '../../shared/finding-item';
import { RelativeTime } from '../../shared/relative-time';

type Verdict = Extract<PanelStatus, { state: 'passed' | 'failed' | 'incomplete' }>;

const LOOK = {
  passed: { appearance: 'success', word: 'Passed', heading: 'Quality gate passed' },
  failed: { appearance: 'removed', word: 'Failed', heading: 'Quality gate failed' },
  incomplete: { appearance: 'moved', word: 'Not analysed', heading: 'Not fully analysed' },
} as const;

/** The findings the panel lists; the findings dialog (••• → Lintel findings) lists every stored one. */
export const TOP_FINDINGS = 10;

const oneDecimal = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);
const signed = (n: number): string => (n > 0 ? `+${oneDecimal(n)}` : oneDecimal(n));

/** "3 (1 critical, 2 high)": the severities that occur, most severe first. */
function issuesText(issues: Verdict['newIssues']): string {
  const counts = issues.bySeverity;
  if (!counts || issues.total === 0) return String(issues.total);
  const parts = (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const)
    .filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity.toLowerCase()}`);
  return parts.length > 0 ? `${issues.total} (${parts.join(', ')})` : String(issues.total);
}

function Measure({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>
        <Text size="small" color="color.text.subtle">
          {term}
        </Text>
      </dt>
      <dd>{value}</dd>
    </div>
  );
}

export function VerdictSection({ verdict, now }: { verdict: Verdict; now: number }) {
  const look = LOOK[verdict.state];
  const shown = verdict.findings.slice(0, TOP_FINDINGS);
  const more = verdict.findings.length - shown.length;
  return (
    <section aria-labelledby="verdict-title">
      <Stack space="space.200">
        <Inline space="space.100" alignBlock="center">
          <Lozenge appearance={look.appearance} isBold>
            {look.word}
          </Lozenge>
          <Heading size="small" as="h2" id="verdict-title">
            {look.heading}
          </Heading>
        </Inline>
        {verdict.shortfall && (
          <SectionMessage appearance="warning" title="Not everything was analysed">
            <p>{verdict.shortfall.message}.</p>
            <p>{verdict.shortfall.whatToDo}</p>
          </SectionMessage>
        )}
        {verdict.failingConditions.length > 0 && (
          <ul aria-label="Failing conditions">
            {verdict.failingConditions.map((condition, i) => (
              <li key={i}>{condition}</li>
            ))}
          </ul>
        )}
        <dl className="metrics" aria-label="Measures">
          {verdict.health && (
            <Measure
              term="Code health"
              value={`${oneDecimal(verdict.health.before)} → ${oneDecimal(verdict.health.after)} (${signed(verdict.health.delta)})`}
            />
          )}
          <Measure term="New issues" value={issuesText(verdict.newIssues)} />
          <Measure term="Fixed issues" value={issuesText(verdict.fixedIssues)} />
          {verdict.complexityAdded !== undefined && (
            <Measure term="Complexity added" value={String(verdict.complexityAdded)} />
          )}
          {verdict.duplicatedLinesAdded !== undefined && (
            <Measure term="Duplicated lines added" value={String(verdict.duplicatedLinesAdded)} />
          )}
        </dl>
        {shown.length > 0 && (
          <Stack space="space.100">
            <Heading size="xsmall" as="h3" id="findings-title">
              Top findings
            </Heading>
            <ol aria-labelledby="findings-title" className="finding-list">
              {shown.map((finding, i) => (
                <li key={finding.fingerprint ?? i}>
                  <FindingItem finding={finding} />
                </li>
              ))}
            </ol>
            {more > 0 && (
              <Text color="color.text.subtle">
                and {more} more: the pull request&apos;s ••• menu → Lintel findings lists them all.
              </Text>
            )}
          </Stack>
        )}
        <Text color="color.text.subtle">
          Commit <code>{verdict.commit.slice(0, 12)}</code>
          {verdict.analysedAt && (
            <>
              {' '}
              · analysed <RelativeTime iso={verdict.analysedAt} now={now} />
            </>
          )}
        </Text>
      </Stack>
    </section>
  );
}
