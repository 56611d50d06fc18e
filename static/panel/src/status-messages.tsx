import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { PanelStatus, PanelView } from '../../../src/forge/resolvers/types';
import { RelativeTime } from '../../shared/relative-time';

type NotAnalysed = Extract<PanelStatus, { state: 'not-analysed' }>;
type Analysing = Extract<PanelStatus, { state: 'analysing' }>;

/** Each reason's heading and how loudly it is shown: an error or an unreadable result is a problem, the rest are facts. */
const NOT_ANALYSED: Record<
  NotAnalysed['reason'],
  { title: string; appearance: 'information' | 'warning' | 'error' }
> = {
  never: { title: 'Not analysed yet', appearance: 'information' },
  disabled: { title: 'Not analysed: Lintel is switched off here', appearance: 'information' },
  'branch-filtered': { title: 'Not analysed: destination branch not selected', appearance: 'information' },
  draft: { title: 'Not analysed: draft pull request', appearance: 'information' },
  'too-large': { title: 'Not analysed: too large', appearance: 'warning' },
  error: { title: 'Not analysed: the analysis failed', appearance: 'error' },
  closed: { title: 'Not analysed: pull request closed', appearance: 'information' },
  unreadable: { title: 'Not analysed: the stored result cannot be read', appearance: 'warning' },
};

export function NotAnalysedMessage({ status, now }: { status: NotAnalysed; now: number }) {
  const { title, appearance } = NOT_ANALYSED[status.reason] ?? NOT_ANALYSED.unreadable;
  return (
    <section aria-labelledby="status-title">
      <SectionMessage appearance={appearance}>
        <Stack space="space.100">
          <Heading size="xsmall" as="h2" id="status-title">
            {title}
          </Heading>
          <p>{status.message}</p>
          {status.whatToDo && <p>{status.whatToDo}</p>}
          {status.commit && (
            <Text size="small" color="color.text.subtle">
              Commit <code>{status.commit.slice(0, 12)}</code>
              {status.at && (
                <>
                  {' '}
                  · <RelativeTime iso={status.at} now={now} />
                </>
              )}
            </Text>
          )}
        </Stack>
      </SectionMessage>
    </section>
  );
}

export function AnalysingMessage({ status }: { status: Analysing }) {
  const commit = status.commit.slice(0, 12);
  return (
    <section aria-labelledby="status-title">
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center">
          <Spinner size="small" label="Analysing" />
          <Heading size="small" as="h2" id="status-title">
            {status.queued ? 'Analysis queued' : 'Analysis in progress'}
          </Heading>
        </Inline>
        <Text>
          {status.queued ? (
            <>
              Lintel analyses commit <code>{commit}</code> as soon as the queue reaches it, usually within a
              minute.
            </>
          ) : (
            <>
              Lintel is analysing commit <code>{commit}</code>; the verdict appears here when it is done.
            </>
          )}
        </Text>
        {status.detail && <Text color="color.text.subtle">{status.detail}</Text>}
      </Stack>
    </section>
  );
}

export function StaleMessage({ stale }: { stale: NonNullable<PanelView['stale']> }) {
  return (
    <div role="note" aria-label="Newer commit">
      <SectionMessage appearance="warning" title="The pull request has moved on">
        <p>
          This is about commit <code>{stale.analysedCommit}</code>; the pull request&apos;s head is now{' '}
          <code>{stale.headCommit}</code>.
        </p>
        <p>{stale.whatToDo}</p>
      </SectionMessage>
    </div>
  );
}
