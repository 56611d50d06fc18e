import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Section } from './section';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { invoke } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { ActivityEntry, ActivityView } from '../../../src/forge/resolvers/types';
import { RelativeTime } from '../../shared/relative-time';
import { isAccessRefused } from '../../shared/useResolverData';

type ActivityState =
  { kind: 'loading' } | { kind: 'ready'; entries: ActivityEntry[] } | { kind: 'failed'; message: string };

const OUTCOME: Record<
  ActivityEntry['outcome'],
  { label: string; appearance: 'success' | 'removed' | 'default' | 'inprogress' | 'moved' | 'new' }
> = {
  passed: { label: 'Passed', appearance: 'success' },
  failed: { label: 'Failed', appearance: 'removed' },
  'not-analysed': { label: 'Not analysed', appearance: 'default' },
  error: { label: 'Error', appearance: 'removed' },
  retrying: { label: 'Retrying', appearance: 'inprogress' },
  superseded: { label: 'Superseded', appearance: 'default' },
  duplicate: { label: 'Duplicate', appearance: 'default' },
  chunked: { label: 'Split into parts', appearance: 'new' },
};

/** An outcome this page does not know yet (a newer record) still shows, by its name. */
function OutcomeLozenge({ outcome }: { outcome: ActivityEntry['outcome'] }) {
  const known = Object.hasOwn(OUTCOME, outcome) ? OUTCOME[outcome] : undefined;
  return <Lozenge appearance={known?.appearance ?? 'default'}>{known?.label ?? String(outcome)}</Lozenge>;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The repository's last analyses, so an admin sees why a pull request got no status without reinstalling. */
export function ActivitySection() {
  const [state, setState] = useState<ActivityState>({ kind: 'loading' });
  useEffect(() => {
    let current = true;
    invoke<unknown>('getActivity')
      .then((value) => {
        if (!current) return;
        if (isAccessRefused(value)) return setState({ kind: 'failed', message: value.message });
        setState({ kind: 'ready', entries: (value as ActivityView).entries });
      })
      .catch((error: unknown) => {
        if (current) setState({ kind: 'failed', message: messageOf(error) });
      });
    return () => {
      current = false;
    };
  }, []);

  const now = Date.now();
  return (
    <Section id="activity" title="Activity">
      <Text color="color.text.subtle">
        The last analyses of this repository&rsquo;s pull requests, newest first.
      </Text>
      {state.kind === 'loading' && (
        <div role="status">
          <Spinner label="Loading activity" />
        </div>
      )}
      {state.kind === 'failed' && (
        <div role="alert">
          <SectionMessage appearance="error">
            <p>Could not load the activity: {state.message}</p>
          </SectionMessage>
        </div>
      )}
      {state.kind === 'ready' && (
        <DynamicTable
          label="Activity"
          emptyView={
            <Text>
              No analyses yet. Lintel lists its last 20 runs here once a pull request is opened or updated.
            </Text>
          }
          head={{
            cells: [
              { key: 'at', content: 'Time' },
              { key: 'pr', content: 'Pull request' },
              { key: 'commit', content: 'Commit' },
              { key: 'outcome', content: 'Outcome' },
              { key: 'duration', content: 'Duration' },
              { key: 'calls', content: 'API calls' },
              { key: 'reason', content: 'Reason' },
            ],
          }}
          rows={state.entries.map((entry, index) => ({
            key: `${entry.at}-${entry.pullRequestId}-${index}`,
            cells: [
              {
                key: 'at',
                content: <RelativeTime iso={entry.at} now={now} />,
              },
              { key: 'pr', content: `#${entry.pullRequestId}` },
              { key: 'commit', content: <code>{entry.commit}</code> },
              { key: 'outcome', content: <OutcomeLozenge outcome={entry.outcome} /> },
              { key: 'duration', content: formatDuration(entry.durationMs) },
              { key: 'calls', content: String(entry.apiCalls) },
              { key: 'reason', content: entry.reason ?? '' },
            ],
          }))}
        />
      )}
    </Section>
  );
}
