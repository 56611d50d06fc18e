// The pull-request panel (static/panel) in real Chromium behind the bridge server, every state a reviewer can meet,
// in light and dark: the real resolver reads what the pipeline stores (here written straight into the runtime's kvs,
// in the shapes src/pipeline writes) and asks the Bitbucket emulator, as the page's user, where the pull request's
// head is now. Each state is saved as a screenshot in .tmp/screenshots/pr-panel-*.png. The page's clock is fixed
// (Playwright's clock), so "3 minutes ago" is exact.
import { kvs } from '@forge/kvs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../support/browser';
import { REPO_A, assertPagesBuilt, startHarness, type Harness } from './harness';

let h: Harness;
let browser: Browser;
let page: Page;
let consoleErrors: string[];

const bare = (uuid: string) => uuid.replace(/[{}]/g, '');
const PR = 3;
const NOW = new Date('2026-01-12T09:33:00.000Z');
const ANALYSED_AT = '2026-01-12T09:30:00.000Z';
const OLDER = '0123456789ab0123456789ab0123456789ab0123';
const PR_PATH = `/acme/widgets/pull-requests/${PR}`;
let head: string;

beforeAll(async () => {
  assertPagesBuilt();
  h = await startHarness();
  browser = await launchBrowser();
  head = h.world.emulator.state.pullRequest('acme', 'widgets', PR)!.sourceCommit;
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});
beforeEach(async () => {
  await kvs.delete(`gate:${bare(REPO_A)}:${PR}`);
  await kvs.delete(`queued:${bare(REPO_A)}:${PR}`);
  consoleErrors = [];
  page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.clock.setFixedTime(NOW);
});
afterEach(async () => {
  await page.close();
  // A CSP violation (an inline <style>) or a render error is a console error too.
  expect(consoleErrors).toEqual([]);
});

const store = (record: object) => kvs.set(`gate:${bare(REPO_A)}:${PR}`, record);

async function open(theme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.goto(h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: PR, theme }));
  await page.getByRole('heading', { level: 2 }).first().waitFor();
}

const shot = (name: string) =>
  page.screenshot({ path: screenshotPath(`pr-panel-${name}.png`), fullPage: true });

/** A verdict as src/pipeline/publish-run.ts stores it. */
function verdict(overrides: object = {}) {
  return {
    state: 'done',
    headHash: head,
    passed: false,
    summary:
      'Lintel quality gate failed: 1 new HIGH or worse issue (limit 0); 1 new hard-coded secret (limit 0).',
    reasons: ['1 new HIGH or worse issue (limit 0)', '1 new hard-coded secret (limit 0)'],
    health: { before: 8.2, after: 7.4, delta: -0.8 },
    newIssues: 3,
    fixedIssues: 1,
    newBySeverity: { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 0 },
    fixedBySeverity: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 1 },
    complexityAdded: 14,
    duplicatedLinesAdded: 6,
    findings: [
      {
        severity: 'CRITICAL',
        ruleId: 'hard-coded-secret',
        path: 'config/deploy.ts',
        line: 3,
        message: 'Possible AWS access key (AKIA…) hard-coded',
        fingerprint: '1111111111111111',
      },
      {
        severity: 'HIGH',
        ruleId: 'complex-method',
        path: 'src/payments.ts',
        line: 12,
        message: 'retryPolicy has a cyclomatic complexity of 18 (limit 10)',
        fingerprint: '2222222222222222',
      },
      {
        severity: 'MEDIUM',
        ruleId: 'duplicated-code',
        path: 'src/report.ts',
        line: 30,
        message: '12 lines duplicate src/report.ts:8',
        fingerprint: '3333333333333333',
      },
    ],
    analysedAt: ANALYSED_AT,
    ...overrides,
  };
}

const measure = (term: string) =>
  page.getByRole('term').filter({ hasText: term }).locator('xpath=following-sibling::dd');

test('failed: the failing conditions, health before → after, issues by severity, measures and linked findings', async () => {
  await store(verdict());
  await open();
  await page.getByRole('heading', { level: 2, name: 'Quality gate failed' }).waitFor();
  expect(
    await page.getByRole('list', { name: 'Failing conditions' }).getByRole('listitem').allTextContents(),
  ).toEqual(['1 new HIGH or worse issue (limit 0)', '1 new hard-coded secret (limit 0)']);
  expect(await measure('Code health').textContent()).toBe('8.2 → 7.4 (-0.8)');
  expect(await measure('New issues').textContent()).toBe('3 (1 critical, 1 high, 1 medium)');
  expect(await measure('Fixed issues').textContent()).toBe('1 (1 low)');
  expect(await measure('Complexity added').textContent()).toBe('14');
  expect(await measure('Duplicated lines added').textContent()).toBe('6');

  const findings = page.getByRole('list', { name: 'Top findings' }).getByRole('listitem');
  expect(await findings.count()).toBe(3);
  const link = page.getByRole('link', { name: 'src/payments.ts:12' });
  expect(await link.getAttribute('href')).toBe(`https://bitbucket.org${PR_PATH}/diff#Lsrc/payments.tsT12`);

  // Which commit, and when: relative, with the absolute time as the tooltip.
  const time = page.locator('time');
  expect(await time.textContent()).toBe('3 minutes ago');
  expect(await time.getAttribute('datetime')).toBe(ANALYSED_AT);
  expect(await time.getAttribute('title')).toMatch(/Jan 12, 2026.*9:30:00/);
  expect(await page.getByText(`Commit ${head.slice(0, 12)}`).isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: 'Re-analyse' }).isVisible()).toBe(true);
  await shot('failed');

  // A finding opens its line in Bitbucket's diff, through the host (a path: no "leaving Bitbucket" prompt).
  await link.click();
  const navigations = await page.evaluate(
    () => (window as unknown as { __forgeBridgeNavigations: unknown[] }).__forgeBridgeNavigations,
  );
  expect(navigations).toEqual([
    { url: `${PR_PATH}/diff#Lsrc/payments.tsT12`, type: 'same-tab', external: false },
  ]);
});

test('failed, in the dark theme', async () => {
  await store(verdict());
  await open('dark');
  await page.getByRole('heading', { level: 2, name: 'Quality gate failed' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
  // The page's background follows the theme: dark, not the light default.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(200);
  await shot('failed-dark');
});

test('passed', async () => {
  await store(
    verdict({
      passed: true,
      summary: 'Lintel quality gate passed.',
      reasons: [],
      newIssues: 1,
      newBySeverity: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 1 },
      findings: [
        {
          severity: 'LOW',
          ruleId: 'long-method',
          path: 'src/a.ts',
          line: 4,
          message: 'long',
          fingerprint: '4'.repeat(16),
        },
      ],
      health: { before: 7.9, after: 8.3, delta: 0.4 },
    }),
  );
  await open();
  await page.getByRole('heading', { level: 2, name: 'Quality gate passed' }).waitFor();
  expect(await page.getByRole('list', { name: 'Failing conditions' }).count()).toBe(0);
  expect(await measure('Code health').textContent()).toBe('7.9 → 8.3 (+0.4)');
  await shot('passed');
  await open('dark');
  await page.getByRole('heading', { level: 2, name: 'Quality gate passed' }).waitFor();
  await shot('passed-dark');
});

test('not fully analysed: files the run missed keep the gate from passing, with why and what to do', async () => {
  await store(
    verdict({
      reasons: [],
      summary:
        'Lintel could not analyse all of this pull request: 4 files were not analysed (its chunk failed).',
      incomplete: { files: 4, reasons: ["the chunk ran out of the consumer's time budget"] },
    }),
  );
  await open();
  await page.getByRole('heading', { level: 2, name: 'Not fully analysed' }).waitFor();
  expect(await page.getByText('Passed', { exact: true }).count()).toBe(0);
  await page
    .getByText("4 files were not analysed (the chunk ran out of the consumer's time budget).")
    .waitFor();
  await page.getByText(/Select Re-analyse to analyse the missed files again/).waitFor();
  expect(await page.getByRole('list', { name: 'Failing conditions' }).count()).toBe(0);
  await shot('not-fully-analysed');
});

test('analysing: a run in progress (with its retry) and a queued event for the head', async () => {
  await store({
    state: 'pending',
    headHash: head,
    summary: 'Attempt 1 of 3 failed (HTTP 503); Lintel tries again in 30 s.',
  });
  await open();
  await page.getByRole('heading', { level: 2, name: 'Analysis in progress' }).waitFor();
  expect(await page.getByText('Attempt 1 of 3 failed (HTTP 503)').isVisible()).toBe(true);
  // Nothing to re-analyse while a run is on it.
  expect(await page.getByRole('button', { name: 'Re-analyse' }).count()).toBe(0);
  await shot('analysing');

  await store(verdict({ headHash: OLDER }));
  await kvs.set(`queued:${bare(REPO_A)}:${PR}`, {
    sourceHash: head.slice(0, 12),
    timestamp: NOW.toISOString(),
  });
  await open();
  await page.getByRole('heading', { level: 2, name: 'Analysis queued' }).waitFor();
  await shot('queued');
});

test('stale: a verdict for an older commit says the head moved and what to do', async () => {
  await store(verdict({ headHash: OLDER }));
  await open();
  await page.getByRole('heading', { level: 2, name: 'Quality gate failed' }).waitFor();
  const note = page.getByRole('note', { name: 'Newer commit' });
  expect(await note.textContent()).toContain(
    `This is about commit ${OLDER.slice(0, 12)}; the pull request's head is now ${head.slice(0, 12)}.`,
  );
  expect(await note.textContent()).toContain('Select Re-analyse to start now');
  await shot('stale');
});

const NOT_ANALYSED = [
  {
    name: 'never',
    record: undefined,
    title: 'Not analysed yet',
    says: ['Lintel has not analysed this pull request yet.', 'Select Re-analyse to start now'],
  },
  {
    name: 'disabled',
    record: {
      state: 'not-analysed',
      headHash: 'HEAD',
      notAnalysed: 'disabled',
      summary:
        'Lintel does not analyse this pull request: Lintel is switched off for this repository in its settings.',
    },
    title: 'Not analysed: Lintel is switched off here',
    says: ['switched off for this repository', 'switch "Analyse pull requests" back on'],
  },
  {
    name: 'branch-filtered',
    record: {
      state: 'not-analysed',
      headHash: 'HEAD',
      notAnalysed: 'branch-filtered',
      summary:
        'Lintel does not analyse this pull request: its destination branch main is not one Lintel analyses (target branches: release/*).',
    },
    title: 'Not analysed: destination branch not selected',
    says: ['target branches: release/*', 'add the destination branch to "Target branches"'],
  },
  {
    name: 'draft',
    record: {
      state: 'not-analysed',
      headHash: 'HEAD',
      notAnalysed: 'draft',
      summary:
        'Lintel does not analyse this pull request: it is a draft, and drafts are skipped until they are marked ready for review.',
    },
    title: 'Not analysed: draft pull request',
    says: ['it is a draft', 'Mark the pull request as ready for review'],
  },
  {
    name: 'too-large',
    record: {
      state: 'not-analysed',
      headHash: 'HEAD',
      notAnalysed: 'too-large',
      summary: 'Lintel does not analyse this pull request: it changes 12,000 files, more than Lintel reads.',
    },
    title: 'Not analysed: too large',
    says: ['12,000 files', 'Split the change into smaller pull requests'],
  },
  {
    name: 'error',
    record: {
      state: 'error',
      headHash: 'HEAD',
      summary: 'Lintel could not analyse this pull request: Bitbucket answered HTTP 500 to the diff.',
      analysedAt: ANALYSED_AT,
    },
    title: 'Not analysed: the analysis failed',
    says: ['HTTP 500 to the diff', 'Select Re-analyse to try again'],
  },
  {
    name: 'old-schema',
    record: { state: 'passed', summary: 'Lintel quality gate passed.' },
    title: 'Not analysed: the stored result cannot be read',
    says: ['cannot read the result it stored', 'Select Re-analyse'],
  },
  {
    name: 'corrupt',
    record: { verdict: 'passed' },
    title: 'Not analysed: the stored result cannot be read',
    says: ['written by another version of Lintel, or it was damaged'],
  },
];

test.each(NOT_ANALYSED.map((c) => [c.name, c] as const))(
  'not analysed (%s): the reason in words and what to do',
  async (name, { record, title, says }) => {
    // The pull request's head is read in beforeAll, after the cases were listed: 'HEAD' stands for it.
    if (record) await store({ ...record, ...('headHash' in record ? { headHash: head } : {}) });
    await open();
    const section = page.getByRole('region', { name: title });
    await section.waitFor();
    for (const text of says) expect(await section.textContent()).toContain(text);
    await shot(`not-analysed-${name}`);
    if (name === 'error') {
      expect(await page.locator('time').textContent()).toBe('3 minutes ago');
      await open('dark');
      await page.getByRole('region', { name: title }).waitFor();
      await shot('not-analysed-error-dark');
    }
  },
);

test('not analysed (closed): a declined pull request Lintel has forgotten offers no re-analysis', async () => {
  h.world.emulator.setPullRequestState('acme', 'widgets', 9, 'DECLINED');
  await page.goto(h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: 9 }));
  const section = page.getByRole('region', { name: 'Not analysed: pull request closed' });
  await section.waitFor();
  expect(await section.textContent()).toContain(
    'This pull request is declined: Lintel analyses open pull requests only.',
  );
  expect(await page.getByRole('button', { name: 'Re-analyse' }).count()).toBe(0);
  await shot('not-analysed-closed');
});
