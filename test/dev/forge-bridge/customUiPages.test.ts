// The built Custom UI pages in real Chromium (playwright-core, launched by test/support/browser.ts), served by
// the bridge server, with the real resolvers and @forge/kvs running in the Forge runtime shim. Needs
// `npm run build:ui`. Screenshots land in .tmp/screenshots/.
import { kvs } from '@forge/kvs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../support/browser';
import { REPO_A, REPO_B, WORKSPACE_UUID, assertPagesBuilt, startHarness, type Harness } from './harness';

let h: Harness;
let browser: Browser;
let page: Page;
let consoleErrors: string[];

const bare = (uuid: string) => uuid.replace(/[{}]/g, '');

beforeAll(async () => {
  assertPagesBuilt();
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});
beforeEach(async () => {
  page = await browser.newPage();
  consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});
afterEach(() => page.close());

test('the repository settings page shows its level and the default settings', async () => {
  await page.goto(h.bridge.url('repo-settings', { repository: REPO_A }));
  await page.getByRole('heading', { level: 1, name: 'Repository settings' }).waitFor();
  expect(await page.getByRole('checkbox', { name: 'Status checks', exact: true }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Annotations', exact: true }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Summary comment', exact: true }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'AI comments', exact: true }).isChecked()).toBe(false);
  await page.screenshot({ path: screenshotPath('repo-settings.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('the workspace settings page reads the workspace settings stored in kvs', async () => {
  await kvs.set(`settings:ws:${bare(WORKSPACE_UUID)}`, {
    statusChecks: false,
    annotations: true,
    summaries: true,
    aiComments: true,
  });
  await page.goto(h.bridge.url('workspace-settings'));
  await page.getByRole('heading', { level: 1, name: 'Workspace defaults' }).waitFor();
  expect(await page.getByRole('checkbox', { name: 'Status checks', exact: true }).isChecked()).toBe(false);
  expect(await page.getByRole('checkbox', { name: 'AI comments', exact: true }).isChecked()).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test('the panel says "not analysed" until a verdict is stored, then shows the verdict', async () => {
  const url = h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: 7 });
  await page.goto(url);
  await page.getByRole('heading', { level: 2, name: 'Not analysed yet' }).waitFor();

  // The shape the pipeline stores (src/pipeline/stored-run.ts), for the pull request's head.
  await kvs.set(`gate:${bare(REPO_A)}:7`, {
    state: 'done',
    passed: false,
    headHash: h.world.emulator.state.pullRequest('acme', 'widgets', 7)!.sourceCommit,
    summary: 'Lintel quality gate failed.',
    reasons: ['Cognitive complexity 31 in parseConfig (limit 15)', 'Possible secret in config/test.env'],
    health: { before: 8.2, after: 7.4, delta: -0.8 },
    newIssues: 2,
    fixedIssues: 1,
    findings: [
      {
        severity: 'CRITICAL',
        ruleId: 'hard-coded-secret',
        path: 'config/test.env',
        line: 3,
        message: 'Possible secret',
      },
      {
        severity: 'HIGH',
        ruleId: 'cognitive-complexity',
        path: 'src/config.ts',
        line: 12,
        message: 'Too complex',
      },
    ],
  });
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Quality gate failed', exact: true }).waitFor();
  expect(
    await page.getByRole('list', { name: 'Failing conditions' }).getByRole('listitem').allTextContents(),
  ).toEqual(['Cognitive complexity 31 in parseConfig (limit 15)', 'Possible secret in config/test.env']);
  expect(
    await page.getByRole('list', { name: 'Top findings' }).getByRole('listitem').allTextContents(),
  ).toEqual(['CRITICALconfig/test.env:3Possible secret', 'HIGHsrc/config.ts:12Too complex']);
  expect(consoleErrors).toEqual([]);
});

test("a page cannot read another repository's verdict by naming it in the payload", async () => {
  await kvs.set(`gate:${bare(REPO_B)}:8`, { state: 'passed', summary: 'secret verdict of repository B' });
  await page.goto(h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: 8 }));
  await page.getByRole('heading', { level: 2, name: 'Not analysed yet' }).waitFor();
  // The same call @forge/bridge's invoke() makes, with a payload that tries to pick the repository.
  const answer = await page.evaluate(
    (otherRepo) =>
      (
        window as unknown as { __bridge: { callBridge(name: string, payload: unknown): Promise<unknown> } }
      ).__bridge.callBridge('invoke', {
        functionKey: 'getPanelState',
        payload: {
          repository: { uuid: otherRepo },
          pullRequest: { id: 8 },
          extension: { repository: { uuid: otherRepo } },
        },
      }),
    REPO_B,
  );
  expect(answer).toMatchObject({
    pullRequest: { id: 8 },
    status: { state: 'not-analysed', reason: 'never' },
  });
  expect(JSON.stringify(answer)).not.toContain('secret verdict');
});

test('a corrupt stored verdict shows "not analysed" with the reason, not a broken panel', async () => {
  await kvs.set(`gate:${bare(REPO_A)}:9`, { verdict: 'passed' });
  await page.goto(h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: 9 }));
  const section = page.getByRole('region', { name: 'Not analysed: the stored result cannot be read' });
  await section.waitFor();
  expect(await section.textContent()).toContain(
    'Lintel cannot read the result it stored for this pull request',
  );
  expect(consoleErrors).toEqual([]);
});

test('an unsupported bridge call is refused with a clear error in the page console', async () => {
  await page.goto(h.bridge.url('repo-settings', { repository: REPO_A }));
  await page.getByRole('heading', { level: 1, name: 'Repository settings' }).waitFor();
  const refusal = await page.evaluate(() =>
    (
      window as unknown as { __bridge: { callBridge(name: string, payload: unknown): Promise<unknown> } }
    ).__bridge
      .callBridge('openModal', { resource: 'elsewhere' })
      .then(
        () => 'resolved',
        (error: Error) => `${error.name}: ${error.message}`,
      ),
  );
  expect(refusal).toMatch(
    /^BridgeAPIError: The Lintel local bridge does not support the bridge call "openModal"/,
  );
  expect(consoleErrors.some((line) => line.includes('does not support the bridge call "openModal"'))).toBe(
    true,
  );
});
