import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { view as forgeView } from '@forge/bridge';
import { useState } from 'react';
import type { PanelFinding, PanelView } from '../../../src/forge/resolvers/types';
import { ActionMessage } from '../../shared/action-message';
import { FindingItem } from '../../shared/finding-item';
import { LoadStatus } from '../../shared/load-status';
import { RelativeTime } from '../../shared/relative-time';
import { usePanelView, type PanelViewState } from '../../shared/use-panel-view';
import { DismissForm } from './dismiss-form';

const placeOf = (f: PanelFinding): string => `${f.path}:${f.line}`;
/** What names one finding to a screen reader: several rules can report the same line. */
const nameOf = (f: PanelFinding): string => `${placeOf(f)} (${f.ruleId})`;

/** Why there is nothing to review: the panel's own words for the state. */
function nothingToReview(view: PanelView): string | undefined {
  const { status } = view;
  if (status.state === 'analysing')
    return 'Lintel is analysing this pull request; its findings appear here when it is done.';
  if (status.state === 'not-analysed') return `${status.message} ${status.whatToDo}`.trim();
  if (status.findings.length === 0) return 'Lintel found no new issues in this pull request.';
  return undefined;
}

function FindingsList({ view, action, act }: { view: PanelView } & Pick<PanelViewState, 'action' | 'act'>) {
  const [open, setOpen] = useState<string>();
  const busy = action.kind === 'busy';
  const findings =
    view.status.state === 'analysing' || view.status.state === 'not-analysed' ? [] : view.status.findings;
  const now = Date.now();
  const empty = nothingToReview(view);
  return (
    <Stack space="space.200">
      <ActionMessage action={action} />
      <section aria-labelledby="findings-title">
        <Stack space="space.100">
          <Heading size="xsmall" as="h2" id="findings-title">
            Findings ({findings.length})
          </Heading>
          {empty && <Text>{empty}</Text>}
          {findings.length > 0 && (
            <ul aria-labelledby="findings-title" className="finding-list">
              {findings.map((finding, i) => {
                const key = finding.fingerprint ?? `at-${i}`;
                return (
                  <li key={key}>
                    <FindingItem finding={finding}>
                      {finding.fingerprint && open === finding.fingerprint ? (
                        <DismissForm
                          id={finding.fingerprint}
                          place={nameOf(finding)}
                          busy={busy}
                          onCancel={() => setOpen(undefined)}
                          onDismiss={(reason) => {
                            void act(
                              'dismissFinding',
                              { fingerprint: finding.fingerprint, reason },
                              `Dismissing ${placeOf(finding)}`,
                            ).then((done) => {
                              if (done) setOpen(undefined);
                            });
                          }}
                        />
                      ) : finding.fingerprint ? (
                        <div>
                          <Button
                            spacing="compact"
                            isDisabled={busy}
                            aria-label={`Dismiss ${nameOf(finding)}`}
                            onClick={() => setOpen(finding.fingerprint)}
                          >
                            Dismiss…
                          </Button>
                        </div>
                      ) : (
                        <Text size="small" color="color.text.subtle">
                          Re-analyse the pull request to dismiss this finding (its result predates
                          dismissals).
                        </Text>
                      )}
                    </FindingItem>
                  </li>
                );
              })}
            </ul>
          )}
        </Stack>
      </section>
      {view.dismissed.length > 0 && (
        <section aria-labelledby="dismissed-title">
          <Stack space="space.100">
            <Heading size="xsmall" as="h2" id="dismissed-title">
              Dismissed ({view.dismissed.length})
            </Heading>
            <ul aria-labelledby="dismissed-title" className="finding-list">
              {view.dismissed.map((dismissal) => (
                <li key={dismissal.fingerprint}>
                  <FindingItem finding={dismissal}>
                    <Inline space="space.100" alignBlock="center" shouldWrap>
                      <Text size="small" color="color.text.subtle">
                        Dismissed by {dismissal.by} <RelativeTime iso={dismissal.at} now={now} />: “
                        {dismissal.reason}”
                      </Text>
                      <Button
                        spacing="compact"
                        appearance="subtle"
                        isDisabled={busy}
                        aria-label={`Restore ${nameOf(dismissal)}`}
                        onClick={() =>
                          void act(
                            'restoreFinding',
                            { fingerprint: dismissal.fingerprint },
                            `Restoring ${placeOf(dismissal)}`,
                          )
                        }
                      >
                        Restore
                      </Button>
                    </Inline>
                  </FindingItem>
                </li>
              ))}
            </ul>
          </Stack>
        </section>
      )}
    </Stack>
  );
}

/** The dialog the pull request's ••• menu → "Lintel findings" opens: every stored finding, to dismiss with a reason. */
export function FindingsPage() {
  const { load, view, action, act } = usePanelView();
  const title = view ? `Lintel findings on pull request #${view.pullRequest.id}` : 'Lintel findings';
  return (
    <main aria-labelledby="page-title">
      <Stack space="space.200">
        <Heading size="medium" as="h1" id="page-title">
          {title}
        </Heading>
        {load.status !== 'ready' && <LoadStatus load={load} what="the findings" />}
        {view && view.version === 1 && <FindingsList view={view} action={action} act={act} />}
        <Inline space="space.100" alignInline="end">
          <Button
            onClick={() => {
              forgeView.close().catch((error: unknown) => {
                console.warn(
                  `Lintel findings: the dialog did not close (${error instanceof Error ? error.message : String(error)}).`,
                );
              });
            }}
          >
            Close
          </Button>
        </Inline>
      </Stack>
    </main>
  );
}
