/**
 * The panel's "Re-analyse" and the findings dialog's "Dismiss", end to end in real Chromium: the built pages behind
 * the bridge server, the resolvers and the trigger → queue → consumer pipeline as Forge's bundler packs them, the
 * Bitbucket emulator deciding each person's permission (asked as that person) and showing what Lintel published.
 * Nothing is mocked. Screenshots: .tmp/screenshots/pr-actions-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { EmulatorUser } from '../../dev/bitbucket-emulator';
import { createSampleRepository } from '../../dev/demo/sample-repo';
import { startBridgeServer, type BridgeServer } from '../../dev/forge-bridge';
import { addBitbucketUser, type ForgeRuntime } from '../../dev/forge-runtime';
import type { StoredRun } from '../../src/pipeline/stored-run';
import { escapeMarkdown } from '../../src/publish/text';
import { launchBrowser, screenshotPath } from '../support/browser';
import { APP_ROOT } from '../support/forge-app';
import { startSamplePullRequest, type SamplePullRequest } from '../support/sample-pull-request';
import { assertPagesBuilt } from '../dev/forge-bridge/harness';

let workDir: string;
let app: SamplePullRequest;
let runtime: ForgeRuntime;
let bridge: BridgeServer;
let browser: Browser;
let writer: EmulatorUser;
let reader: EmulatorUser;
const pages: Page[] = [];

const bare = (uuid: string) => uuid.replace(/[{}]/g, '');
const storedRun = () => runtime.kvs.get(`gate:${bare(app.ids.repository)}:${app.pr.id}`) as StoredRun;
const analysisRuns = () => runtime.invocations.filter((i) => i.functionKey === 'run-analysis').length;
const reanalysisPushes = () =>
  runtime.queuePushes
    .flatMap((p) => p.events)
    .filter((e) => (e as { body?: { reanalysis?: unknown } }).body?.reanalysis).length;

beforeAll(async () => {
  assertPagesBuilt();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-pr-actions-'));
  app = await startSamplePullRequest(await createSampleRepository(workDir));
  runtime = app.runtime();
  const person = (displayName: string, permission: 'write' | 'read') =>
    addBitbucketUser(app.emulator, runtime, {
      displayName,
      workspace: 'acme',
      role: 'member',
      repositories: { [app.repository]: permission },
    });
  writer = person('Wes Writer', 'write');
  reader = person('Rae Reader', 'read');
  bridge = await startBridgeServer({
    appRoot: APP_ROOT,
    invoke: (moduleKey, call, ctx) => runtime.invokeResolver(moduleKey, call, ctx),
    account: { accountId: writer.accountId },
    workspaceId: app.ids.workspace,
  });
  browser = await launchBrowser();
  // The pull request is analysed once, as Bitbucket's event makes it happen.
  await runtime.fireProductEvent(app.created());
  await runtime.idle();
  expect(storedRun()).toMatchObject({ state: 'done', passed: false });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  runtime?.uninstall();
  await app?.emulator.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});

async function open(module: 'pr-panel' | 'pr-findings', as: EmulatorUser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  pages.push(page);
  await page.goto(
    bridge.url(module, { repository: app.ids.repository, pullRequest: app.pr.id, account: as.accountId }),
  );
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  return page;
}

/** The answer an action ends with (not the "…" shown while it runs). */
const answer = (page: Page, text: RegExp | string) =>
  page.getByRole('status').filter({ hasText: text }).first();

test('Re-analyse: a reader is refused, two clicks of a writer queue one run', async () => {
  const runsBefore = analysisRuns();
  const analysedBefore = storedRun().analysedAt;

  const asReader = await open('pr-panel', reader);
  await asReader.getByRole('button', { name: 'Re-analyse' }).click();
  const refusal = asReader.getByRole('alert').filter({ hasText: /\S/ });
  await refusal.waitFor();
  expect(await refusal.textContent()).toBe(
    `Only people who can write to this repository can re-analyse pull request #${app.pr.id}; your permission on it is read.`,
  );
  await asReader.screenshot({ path: screenshotPath('pr-actions-reanalyse-refused.png'), fullPage: true });
  expect(reanalysisPushes()).toBe(0);

  // The writer clicks in two tabs at once: one request wins the claim, the other is told it is already requested.
  const [first, second] = [await open('pr-panel', writer), await open('pr-panel', writer)];
  await Promise.all([
    first.getByRole('button', { name: 'Re-analyse' }).click(),
    second.getByRole('button', { name: 'Re-analyse' }).click(),
  ]);
  const answers = await Promise.all(
    [first, second].map(async (page) => {
      const text = answer(page, /again in a moment|already requested|right now/);
      await text.waitFor();
      return text.textContent();
    }),
  );
  expect(answers.filter((a) => a?.includes('again in a moment'))).toHaveLength(1);
  // The other request found the first one's claim (or, had the queue been quicker, its run already going).
  expect(
    answers.filter((a) => /was already requested by you|is analysing .* right now/.test(a ?? '')),
  ).toHaveLength(1);
  await first.screenshot({ path: screenshotPath('pr-actions-reanalyse-queued.png'), fullPage: true });
  expect(reanalysisPushes()).toBe(1);

  await runtime.idle();
  expect(analysisRuns()).toBe(runsBefore + 1);
  const after = storedRun();
  expect(after).toMatchObject({ state: 'done', passed: false });
  expect(Date.parse(after.analysedAt!)).toBeGreaterThan(Date.parse(analysedBefore!));
  // One summary comment still, edited in place.
  expect(app.published().summaries).toHaveLength(1);

  // The request was answered: asking again now queues a new run.
  const later = await open('pr-panel', writer);
  await later.getByRole('heading', { level: 2, name: 'Quality gate failed' }).waitFor();
  await later.getByRole('button', { name: 'Re-analyse' }).click();
  await answer(later, 'again in a moment').waitFor();
  await runtime.idle();
  expect(reanalysisPushes()).toBe(2);
  expect(analysisRuns()).toBe(runsBefore + 2);
}, 180_000);

test('a finding dismissed with a reason is gone from the next run, counted in its summary', async () => {
  const target = storedRun().findings!.find((f) => f.ruleId !== 'hard-coded-secret')!;
  const place = `${target.path}:${target.line}`;
  const named = `${place} (${target.ruleId})`;
  const inlineBefore = app.published().inline.length;

  // A reader may look, not dismiss.
  const asReader = await open('pr-findings', reader);
  await asReader.getByRole('button', { name: `Dismiss ${named}` }).click();
  await asReader
    .getByRole('textbox', { name: 'Why can this finding be dismissed?' })
    .fill('not mine to judge');
  await asReader.getByRole('button', { name: 'Dismiss finding' }).click();
  const refusal = asReader.getByRole('alert').filter({ hasText: /\S/ });
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain(
    'Only people who can write to this repository can dismiss findings on pull request',
  );

  const dialog = await open('pr-findings', writer);
  await dialog
    .getByRole('heading', { level: 1, name: `Lintel findings on pull request #${app.pr.id}` })
    .waitFor();
  await dialog.getByRole('button', { name: `Dismiss ${named}` }).click();
  // No reason, no dismissal: the button waits for one.
  expect(await dialog.getByRole('button', { name: 'Dismiss finding' }).isDisabled()).toBe(true);
  await dialog
    .getByRole('textbox', { name: 'Why can this finding be dismissed?' })
    .fill('Generated retry table: reviewed with the payments team.');
  await dialog.screenshot({ path: screenshotPath('pr-actions-dismiss-form.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Dismiss finding' }).click();
  await answer(dialog, `Dismissed ${place}`).waitFor();
  const dismissed = dialog.getByRole('list', { name: 'Dismissed (1)' });
  expect(await dismissed.textContent()).toContain(
    'Dismissed by you just now: “Generated retry table: reviewed with the payments team.”',
  );
  expect(await dialog.getByRole('button', { name: `Dismiss ${named}` }).count()).toBe(0);
  await dialog.screenshot({ path: screenshotPath('pr-actions-dismissed.png'), fullPage: true });

  // The next run leaves it out of everything it publishes.
  const panel = await open('pr-panel', writer);
  await panel.getByRole('button', { name: 'Re-analyse' }).click();
  await answer(panel, 'again in a moment').waitFor();
  await runtime.idle();
  const run = storedRun();
  expect(run.dismissed).toBe(1);
  expect(run.findings!.map((f) => f.fingerprint)).not.toContain(target.fingerprint);
  const published = app.published();
  const annotations = app.emulator.state.annotations(
    'acme',
    app.repository,
    app.pr.sourceCommit,
    'lintel-analysis',
  );
  expect(annotations.map((a) => a.external_id)).not.toContain(target.fingerprint);
  // One annotation per function carries its findings: the dismissed one is no longer among them.
  expect(JSON.stringify(annotations)).not.toContain(target.message);
  const summary = String((published.summaries[0]?.content as { raw?: string } | undefined)?.raw ?? '');
  expect(summary).toContain('_1 finding dismissed on this pull request (reasons in the Lintel panel)._');
  // The summary lists (and links to the diff) every other issue, not the dismissed one.
  expect(summary).not.toContain(escapeMarkdown(target.message));
  expect(summary).toContain(`/diff#L${target.path}T`);
  // No new inline comment either (the one posted before the dismissal stays, as a reviewer's thread would).
  expect(published.inline).toHaveLength(inlineBefore);

  // The panel lists it as dismissed, with who and why, and no longer among the findings.
  await panel.reload();
  const section = panel.getByRole('list', { name: 'Dismissed on this pull request (1)' });
  await section.waitFor();
  expect(await section.textContent()).toContain('Dismissed by you');
  expect(await panel.getByRole('list', { name: 'Top findings' }).textContent()).not.toContain(target.message);
  await panel.screenshot({ path: screenshotPath('pr-actions-panel-after-dismissal.png'), fullPage: true });

  // Another writer sees the name Bitbucket gave when the finding was dismissed.
  const other = addBitbucketUser(app.emulator, runtime, {
    displayName: 'Olive Other',
    workspace: 'acme',
    role: 'member',
    repositories: { [app.repository]: 'write' },
  });
  const theirs = await open('pr-panel', other);
  expect(
    await theirs.getByRole('list', { name: 'Dismissed on this pull request (1)' }).textContent(),
  ).toContain('Dismissed by Wes Writer');

  // Restored, the finding is reported again by the run after.
  const again = await open('pr-findings', writer);
  await again.getByRole('button', { name: `Restore ${named}` }).click();
  await answer(again, `Restored ${place}`).waitFor();
  await again.getByRole('button', { name: 'Close' }).click();
  expect(await again.locator('html').getAttribute('data-forge-bridge-closed')).toBe('true');
}, 240_000);
