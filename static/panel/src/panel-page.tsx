import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import SectionMessage from '@atlaskit/section-message';
import type { PanelView } from '../../../src/forge/resolvers/types';
import { ActionMessage } from '../../shared/action-message';
import { LoadStatus } from '../../shared/load-status';
import { usePanelView, type PanelViewState } from '../../shared/use-panel-view';
import { DismissedSection } from './dismissed-section';
import { AnalysingMessage, NotAnalysedMessage, StaleMessage } from './status-messages';
import { VerdictSection } from './verdict-section';

function StatusSection({ view, now }: { view: PanelView; now: number }) {
  const { status } = view;
  switch (status.state) {
    case 'analysing':
      return <AnalysingMessage status={status} />;
    case 'not-analysed':
      return <NotAnalysedMessage status={status} now={now} />;
    default:
      return <VerdictSection verdict={status} now={now} />;
  }
}

function PanelBody({ view, action, act }: { view: PanelView } & Pick<PanelViewState, 'action' | 'act'>) {
  const now = Date.now();
  const busy = action.kind === 'busy';
  // While a run is queued or running, asking again would only be answered "already queued".
  const offerReanalysis = view.canReanalyze && view.status.state !== 'analysing';
  return (
    <Stack space="space.200">
      {view.stale && <StaleMessage stale={view.stale} />}
      <StatusSection view={view} now={now} />
      {offerReanalysis && (
        <Inline space="space.100" alignBlock="center">
          <Button
            isDisabled={busy}
            onClick={() => void act('reanalyzePullRequest', {}, 'Asking Lintel to analyse again')}
          >
            Re-analyse
          </Button>
        </Inline>
      )}
      <ActionMessage action={action} />
      <DismissedSection dismissed={view.dismissed} now={now} />
    </Stack>
  );
}

export function PanelPage() {
  const { load, view, action, act } = usePanelView();
  return (
    <main aria-labelledby="panel-title">
      <Stack space="space.200">
        <Heading size="medium" as="h1" id="panel-title">
          Lintel
        </Heading>
        {load.status !== 'ready' && <LoadStatus load={load} what="the quality gate" />}
        {view &&
          (view.version === 1 ? (
            <PanelBody view={view} action={action} act={act} />
          ) : (
            <div role="alert">
              <SectionMessage appearance="warning">
                <p>This page is older than the Lintel app that answered it: reload the page.</p>
              </SectionMessage>
            </div>
          ))}
      </Stack>
    </main>
  );
}
