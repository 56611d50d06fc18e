// The panel's view model from what Lintel stored and what Bitbucket says about the pull request now: every state a
// reviewer can meet, and that each passes the schema the resolver checks before answering (src/panel/panel-view.ts).
import { panelViewFor, type PanelFacts } from '../../src/panel/panel-view-for';
import { panelViewSchema, type PanelView } from '../../src/panel/panel-view';
import { readQueuedEvent, readStoredRun } from '../../src/panel/stored-run-schema';
import type { Dismissal } from '../../src/pipeline/dismissal';
import type { StoredRun } from '../../src/pipeline/stored-run';

const HEAD = 'cc2758d231fc4b0e9a7f11d3c2b4a5e6f7081920';
const OLDER = '0123456789ab0123456789ab0123456789ab0123';
const PR_PAGE = 'https://bitbucket.org/acme/widgets/pull-requests/7';

const VERDICT: StoredRun = {
  state: 'done',
  headHash: HEAD,
  passed: false,
  summary: 'Lintel quality gate failed: 1 new HIGH or worse issue (limit 0).',
  reasons: ['1 new HIGH or worse issue (limit 0)'],
  health: { before: 8.2, after: 7.4, delta: -0.8 },
  newIssues: 2,
  fixedIssues: 1,
  newBySeverity: { CRITICAL: 0, HIGH: 1, MEDIUM: 1, LOW: 0 },
  fixedBySeverity: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 1 },
  complexityAdded: 14,
  duplicatedLinesAdded: 6,
  findings: [
    {
      severity: 'HIGH',
      ruleId: 'complex-method',
      path: 'src/pay ments.ts',
      line: 12,
      message: 'retryPolicy is too complex',
      fingerprint: 'aaaaaaaaaaaaaaaa',
    },
    {
      severity: 'MEDIUM',
      ruleId: 'duplicated-code',
      path: 'src/report.ts',
      line: 3,
      message: 'copied block',
      fingerprint: 'bbbbbbbbbbbbbbbb',
    },
  ],
  analysedAt: '2026-01-12T09:30:00.000Z',
};

function facts(overrides: Partial<PanelFacts> & { run?: unknown } = {}): PanelFacts {
  const { run, ...rest } = overrides;
  return {
    pullRequestId: 7,
    pullRequest: { state: 'OPEN', sourceHash: HEAD.slice(0, 12), htmlUrl: PR_PAGE },
    stored: readStoredRun('run' in overrides ? run : VERDICT),
    queued: undefined,
    dismissals: [],
    accountId: '712020:reviewer',
    ...rest,
  };
}

/** The builder's answer, as the resolver sends it: validated. */
function view(input: PanelFacts): PanelView {
  return panelViewSchema.parse(panelViewFor(input));
}

test('a finished run shows its verdict, measures and findings, each linked to its line in the diff', () => {
  const v = view(facts());
  expect(v.stale).toBeUndefined();
  expect(v.canReanalyze).toBe(true);
  expect(v.pullRequest.diffUrl).toBe(`${PR_PAGE}/diff`);
  expect(v.status).toMatchObject({
    state: 'failed',
    failingConditions: ['1 new HIGH or worse issue (limit 0)'],
    commit: HEAD,
    analysedAt: '2026-01-12T09:30:00.000Z',
    health: { before: 8.2, after: 7.4, delta: -0.8 },
    newIssues: { total: 2, bySeverity: { HIGH: 1, MEDIUM: 1 } },
    fixedIssues: { total: 1 },
    complexityAdded: 14,
    duplicatedLinesAdded: 6,
  });
  if (v.status.state !== 'failed') throw new Error('expected a failed verdict');
  // Bitbucket's diff anchors: #L<path>T<line> on the head side; the space in the path stays inside the URL.
  expect(v.status.findings.map((f) => f.url)).toEqual([
    `${PR_PAGE}/diff#Lsrc/pay%20ments.tsT12`,
    `${PR_PAGE}/diff#Lsrc/report.tsT3`,
  ]);
});

test('a passed gate lists no failing conditions', () => {
  const v = view(facts({ run: { ...VERDICT, passed: true } }));
  expect(v.status).toMatchObject({ state: 'passed', failingConditions: [] });
});

test('a run that missed files is never a pass: "not fully analysed" first, or failed and the shortfall said too', () => {
  const incomplete = { files: 3, reasons: ['its chunk failed: HTTP 500'] };
  const partial = view(facts({ run: { ...VERDICT, passed: false, reasons: [], incomplete } }));
  expect(partial.status).toMatchObject({
    state: 'incomplete',
    failingConditions: [],
    shortfall: {
      message: '3 files were not analysed (its chunk failed: HTTP 500)',
      whatToDo: expect.stringContaining('Select Re-analyse'),
    },
  });
  // Its findings stay visible: what was analysed is still worth reviewing.
  if (partial.status.state !== 'incomplete') throw new Error('expected an incomplete verdict');
  expect(partial.status.findings).toHaveLength(2);
  const failed = view(facts({ run: { ...VERDICT, incomplete } }));
  expect(failed.status).toMatchObject({
    state: 'failed',
    shortfall: { message: expect.stringContaining('3 files') },
  });
});

test('a run on the head in progress, or a queued event for a newer head, shows "analysing"', () => {
  const running = view(
    facts({ run: { state: 'pending', headHash: HEAD, summary: 'Attempt 1 of 3 failed.' } }),
  );
  expect(running.status).toEqual({
    state: 'analysing',
    commit: HEAD,
    queued: false,
    detail: 'Attempt 1 of 3 failed.',
  });

  const queued = view(
    facts({
      run: { ...VERDICT, headHash: OLDER },
      queued: readQueuedEvent({ sourceHash: HEAD.slice(0, 12), timestamp: '2026-01-12T10:00:00Z' }),
    }),
  );
  expect(queued.status).toEqual({ state: 'analysing', commit: HEAD.slice(0, 12), queued: true });
  expect(queued.stale).toBeUndefined();
});

test('a verdict for an older commit is shown as stale, with what to do', () => {
  const v = view(facts({ run: { ...VERDICT, headHash: OLDER } }));
  expect(v.status.state).toBe('failed');
  expect(v.stale).toEqual({
    analysedCommit: OLDER.slice(0, 12),
    headCommit: HEAD.slice(0, 12),
    whatToDo: expect.stringContaining('Select Re-analyse to start now'),
  });
});

test.each([
  [
    'disabled',
    'Lintel is switched off for this repository in its settings',
    /switch "Analyse pull requests" back on/,
  ],
  ['branch-filtered', 'its destination branch develop is not one Lintel analyses', /Target branches/],
  ['draft', 'it is a draft', /Mark the pull request as ready for review/],
  ['too-large', 'it changes 6,000 files', /Split the change/],
] as const)('not analysed because of the settings (%s): the reason and what to do', (kind, why, todo) => {
  const v = view(
    facts({
      run: {
        state: 'not-analysed',
        headHash: HEAD,
        summary: `Lintel does not analyse this pull request: ${why}.`,
        notAnalysed: kind,
        analysedAt: '2026-01-12T09:00:00.000Z',
      },
    }),
  );
  expect(v.status).toMatchObject({
    state: 'not-analysed',
    reason: kind,
    message: `Lintel does not analyse this pull request: ${why}.`,
    whatToDo: expect.stringMatching(todo),
    at: '2026-01-12T09:00:00.000Z',
  });
});

test('a failed run says why, and how to try again', () => {
  const v = view(
    facts({
      run: {
        state: 'error',
        headHash: HEAD,
        summary: 'Lintel could not analyse this pull request: HTTP 500.',
      },
    }),
  );
  expect(v.status).toMatchObject({
    state: 'not-analysed',
    reason: 'error',
    message: 'Lintel could not analyse this pull request: HTTP 500.',
    whatToDo: expect.stringContaining('Select Re-analyse to try again'),
  });
});

test.each([
  ['nothing stored', undefined, 'never', /has not analysed this pull request yet/],
  [
    'an old-schema record (no head, a state this version never wrote)',
    { state: 'passed', summary: 'ok' },
    'unreadable',
    /state/,
  ],
  ['a record without its verdict', { state: 'done', headHash: HEAD }, 'unreadable', /passed/],
  ['a corrupt value', 'gate: passed', 'unreadable', /cannot read the result it stored/],
  ['a finding that is not one', { ...VERDICT, findings: [{ line: 'twelve' }] }, 'unreadable', /findings\.0/],
])('%s: "not analysed" with a reason, never a broken panel', (_name, run, reason, message) => {
  const v = view(facts({ run }));
  expect(v.status).toMatchObject({ state: 'not-analysed', reason, message: expect.stringMatching(message) });
  if (v.status.state === 'not-analysed') expect(v.status.whatToDo).not.toBe('');
});

test('a merged pull request Lintel has forgotten says so, and offers no re-analysis', () => {
  const v = view(
    facts({ run: undefined, pullRequest: { state: 'MERGED', sourceHash: HEAD, htmlUrl: PR_PAGE } }),
  );
  expect(v.status).toMatchObject({
    state: 'not-analysed',
    reason: 'closed',
    message: expect.stringMatching(/is merged/),
  });
  expect(v.canReanalyze).toBe(false);
});

test('dismissed findings leave the findings list and are listed with who dismissed them and why', () => {
  const dismissal = (accountId: string, displayName?: string): Dismissal => ({
    fingerprint: 'aaaaaaaaaaaaaaaa',
    ruleId: 'complex-method',
    severity: 'HIGH',
    path: 'src/pay ments.ts',
    line: 12,
    message: 'retryPolicy is too complex',
    reason: 'generated table, reviewed',
    accountId,
    ...(displayName ? { displayName } : {}),
    at: '2026-01-12T09:40:00.000Z',
  });
  const mine = view(facts({ dismissals: [dismissal('712020:reviewer', 'Rae Reviewer')] }));
  if (mine.status.state !== 'failed') throw new Error('expected a failed verdict');
  expect(mine.status.findings.map((f) => f.fingerprint)).toEqual(['bbbbbbbbbbbbbbbb']);
  expect(mine.dismissed).toEqual([
    expect.objectContaining({
      reason: 'generated table, reviewed',
      by: 'you',
      byYou: true,
      url: `${PR_PAGE}/diff#Lsrc/pay%20ments.tsT12`,
    }),
  ]);
  const theirs = view(facts({ dismissals: [dismissal('712020:other', 'Wes Writer')] }));
  expect(theirs.dismissed[0]).toMatchObject({ by: 'Wes Writer', byYou: false });
});

test('without a usable pull-request page there are no links, and the view is still valid', () => {
  const v = view(facts({ pullRequest: { state: 'OPEN', sourceHash: HEAD } }));
  if (v.status.state !== 'failed') throw new Error('expected a failed verdict');
  expect(v.status.findings.every((f) => f.url === undefined)).toBe(true);
  expect(v.pullRequest.diffUrl).toBeUndefined();
});
