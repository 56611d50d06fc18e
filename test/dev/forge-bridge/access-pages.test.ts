// What people without access see in the built Custom UI pages, in real Chromium (test/support/browser.ts) behind
// the bridge server, with the real resolvers asking the Bitbucket emulator as the page's account: the first-use
// consent message and its "Allow access" round trip, and the refusals of a reader and of a stranger.
import { kvs } from '@forge/kvs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../support/browser';
import { REPO_A, REPO_B, assertPagesBuilt, startHarness, type Harness } from './harness';

let h: Harness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  assertPagesBuilt();
  h = await startHarness();
  browser = await launchBrowser();
  await kvs.set(`gate:${REPO_A.replace(/[{}]/g, '')}:5`, {
    state: 'done',
    headHash: h.world.emulator.state.pullRequest('acme', 'widgets', 5)!.sourceCommit,
    passed: true,
    summary: 'Lintel quality gate passed.',
  });
  await kvs.set(`gate:${REPO_B.replace(/[{}]/g, '')}:${h.world.secretPullRequest.id}`, {
    state: 'done',
    headHash: h.world.secretPullRequest.sourceCommit,
    passed: false,
    summary: 'TOP-SECRET verdict of repository B',
    reasons: ['TOP-SECRET verdict of repository B'],
  });
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});
beforeEach(async () => {
  page = await browser.newPage();
});
afterEach(() => page.close());

test('first use: the panel explains why it needs permission, and "Allow access" leads to the verdict', async () => {
  const { accountId } = h.world.people.newcomer;
  try {
    await page.goto(h.bridge.url('pr-panel', { repository: REPO_A, pullRequest: 5, account: accountId }));
    const request = page.getByRole('alert').filter({ hasText: 'Lintel needs your permission' });
    await request.waitFor();
    expect(await request.textContent()).toContain(
      'Lintel needs your permission to read this repository as you before it can show the quality gate of pull request #5',
    );
    expect(await page.getByRole('heading', { name: 'Quality gate passed' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('pr-panel-needs-consent.png'), fullPage: true });

    // The page's button asks again with promptForConsent; the bridge then plays Forge's own consent prompt.
    await request.getByRole('button', { name: 'Allow access' }).click();
    const prompt = page.getByRole('dialog', { name: 'Allow this app to access Bitbucket as you?' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Allow access' }).click();
    // Forge re-initialises the page once access is allowed: now the verdict shows.
    await page.getByRole('heading', { level: 2, name: 'Quality gate passed' }).waitFor();
  } finally {
    h.runtime.setUserToken(accountId, undefined);
  }
});

test('declining the consent prompt leaves the page with a message, not a blank panel', async () => {
  await page.goto(
    h.bridge.url('pr-panel', {
      repository: REPO_A,
      pullRequest: 5,
      account: h.world.people.newcomer.accountId,
    }),
  );
  await page.getByRole('button', { name: 'Allow access' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('Access was not allowed');
});

test('a reader on the repository settings page is told only admins see them', async () => {
  await page.goto(
    h.bridge.url('repo-settings', { repository: REPO_A, account: h.world.people.reader.accountId }),
  );
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe(
    "Only repository admins can show this repository's Lintel settings; your permission on it is read.",
  );
  expect(await page.getByRole('checkbox').count()).toBe(0);
});

test('a panel about a repository the person cannot read shows nothing of its verdict', async () => {
  await page.goto(
    h.bridge.url('pr-panel', {
      repository: REPO_B,
      pullRequest: h.world.secretPullRequest.id,
      account: h.world.people.reader.accountId,
    }),
  );
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('Bitbucket does not show you pull request');
  expect(await page.content()).not.toContain('TOP-SECRET');
});
