// The settings page (static/settings) in real Chromium behind the bridge server, with the real resolvers, the real
// @forge/kvs store of the Forge runtime shim and the Bitbucket emulator answering the access checks as the page's
// user. Everything is found by its accessible name, as a person using a screen reader would; each state is saved as
// a screenshot in .tmp/screenshots/. Nothing is mocked: the two tests that hold a request back (to see the loading
// and saving states) delay the page's real request and then let it through.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { createGitRepository } from '../../../dev/bitbucket-emulator/git-fixture';
import { kvsActivityLog } from '../../../src/forge/activity-log';
import { readLevel, saveLevel } from '../../../src/forge/settings-store';
import { CORE_PROJECT_UUID } from '../../support/access-world';
import { launchBrowser, screenshotPath } from '../../support/browser';
import { REPO_A, WORKSPACE_UUID, assertPagesBuilt, startHarness, type Harness } from './harness';

let h: Harness;
let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  assertPagesBuilt();
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

async function newPage(): Promise<Page> {
  const opened = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  // Errors only: Atlaskit's feature-flag client warns once that nobody initialised it, as it does in Bitbucket.
  opened.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  opened.on('pageerror', (error) => consoleErrors.push(error.message));
  return opened;
}

const REPOSITORY_LEVEL = { level: 'repository', uuid: REPO_A } as const;
const WORKSPACE_LEVEL = { level: 'workspace', uuid: WORKSPACE_UUID } as const;
const PROJECT_LEVEL = { level: 'project', uuid: CORE_PROJECT_UUID } as const;

/** What the repository level stores now, read as the pipeline reads it. */
async function stored(): Promise<{ revision: number; overrides: unknown }> {
  const { document } = await readLevel(REPOSITORY_LEVEL);
  return { revision: document?.revision ?? 0, overrides: document?.overrides ?? {} };
}
const storedOverrides = async (): Promise<unknown> => (await stored()).overrides;

beforeEach(async () => {
  // Each test starts with every value inherited from Lintel's defaults. Through the store, as "Reset all" does:
  // revisions only grow, so deleting the documents would make the next page's save look stale.
  for (const ref of [REPOSITORY_LEVEL, PROJECT_LEVEL, WORKSPACE_LEVEL]) {
    const { document } = await readLevel(ref);
    if (document && Object.keys(document.overrides).length > 0)
      await saveLevel(ref, {
        overrides: {},
        expectedRevision: document.revision,
        accountId: h.world.people.owner.accountId,
        now: new Date(),
      });
  }
  consoleErrors = [];
  page = await newPage();
});
afterEach(async () => {
  await page.close();
  // A CSP violation (an inline <style> the strict policy refused) is a console error too.
  expect(consoleErrors).toEqual([]);
});

const repoPage = (extra: { account?: string; theme?: 'light' | 'dark' } = {}) =>
  h.bridge.url('repo-settings', { repository: REPO_A, ...extra });

async function open(target: Page, url: string, title = 'Repository settings'): Promise<void> {
  await target.goto(url);
  await target.getByRole('heading', { level: 1, name: title }).waitFor();
}

const toggle = (name: string, on: Page = page): Locator => on.getByRole('checkbox', { name, exact: true });
const field = (name: string, on: Page = page): Locator => on.getByRole('textbox', { name, exact: true });
const button = (name: string, on: Page = page): Locator => on.getByRole('button', { name, exact: true });

/** What a screen reader reads after the name: the texts aria-describedby points at. */
function description(locator: Locator): Promise<string> {
  return locator.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** A field's label with what surrounds it: the control and the lozenge saying where its value comes from. */
const labelRow = (label: string): Locator =>
  page.locator('label', { hasText: new RegExp(`^${label}$`) }).locator('xpath=..');

/** The "Saved" message (a heading of its own: "Unsaved changes" must not count). */
const savedMessage = (on: Page = page): Locator =>
  on.getByRole('status').filter({ has: on.getByRole('heading', { name: 'Saved', exact: true }) });

/** Saves and waits for "Saved"; a refusal shown instead fails at once with its text. */
async function save(on: Page = page): Promise<void> {
  await button('Save', on).click();
  await savedIn(on);
}

async function savedIn(on: Page): Promise<void> {
  const problem = on.getByRole('alert').filter({ hasText: /\S/ });
  await Promise.race([savedMessage(on).waitFor(), problem.first().waitFor()]);
  if (await savedMessage(on).isVisible()) return;
  throw new Error(`not saved: ${await problem.first().textContent()}`);
}

/**
 * Clicks the switch itself, as a person does: Atlaskit draws the track over its (transparent) checkbox, so the
 * click lands on the drawing inside the checkbox's label, which toggles it.
 */
async function setSwitch(name: string, on: boolean, target: Page = page): Promise<void> {
  const input = toggle(name, target);
  if ((await input.isChecked()) !== on) await input.locator('xpath=..').click();
  expect(await input.isChecked()).toBe(on);
}

test('switches persist after a reload, each marked as set by this repository', async () => {
  await open(page, repoPage());
  expect(await toggle('Annotations').isChecked()).toBe(true);
  expect(await toggle('AI comments').isChecked()).toBe(false);
  expect(await labelRow('Annotations').textContent()).toContain('Default');

  await setSwitch('Annotations', false);
  await setSwitch('AI comments', true);
  await page.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
  await page.screenshot({ path: screenshotPath('settings-unsaved.png'), fullPage: true });
  await save();
  await page.screenshot({ path: screenshotPath('settings-saved.png'), fullPage: true });

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Repository settings' }).waitFor();
  expect(await toggle('Annotations').isChecked()).toBe(false);
  expect(await toggle('AI comments').isChecked()).toBe(true);
  expect(await toggle('Status checks').isChecked()).toBe(true);
  expect(await labelRow('AI comments').textContent()).toContain('This repository');
  expect(await button('Reset AI comments to inherited').isVisible()).toBe(true);
  expect(await button('Reset Status checks to inherited').count()).toBe(0);
  expect(await storedOverrides()).toEqual({ annotations: false, aiComments: true });
});

test('with status checks off, the three switches that need them are disabled and say why', async () => {
  await open(page, repoPage());
  const reason = 'Requires status checks: turn on Status checks first.';
  expect(await page.getByText(reason).count()).toBe(0);

  await setSwitch('Status checks', false);
  for (const name of ['Annotations', 'Summary comment', 'AI comments']) {
    expect(await toggle(name).isDisabled()).toBe(true);
    expect(await description(toggle(name))).toContain(reason);
  }
  expect(await page.getByText(reason).count()).toBe(3);
  expect(await description(toggle('AI comments'))).toContain(
    'An Atlassian-hosted LLM (Forge LLM) reads the code around the worst new findings, secrets redacted',
  );
  await page.screenshot({ path: screenshotPath('settings-status-checks-off.png'), fullPage: true });

  await setSwitch('Status checks', true);
  expect(await toggle('Annotations').isDisabled()).toBe(false);
  expect(await page.getByText(reason).count()).toBe(0);
});

test('a gate profile fills the gate, and saving keeps it', async () => {
  await open(page, repoPage());
  await button('Strict').click();
  await page.getByText('Strict filled the gate below. Save to apply it to pull requests.').waitFor();
  // The select shows its choice as text beside the combobox input.
  expect(await labelRow('Minimum severity of new issues').locator('xpath=..').textContent()).toContain(
    'MEDIUM',
  );
  expect(await field('Minimum health').inputValue()).toBe('8');
  expect(await field('Maximum health drop').inputValue()).toBe('0');
  expect(await field('Maximum complexity added').inputValue()).toBe('10');
  expect(await field('Maximum duplicated lines added').inputValue()).toBe('10');
  expect(await field('Maximum new issues').inputValue()).toBe('0');
  await save();
  expect(await storedOverrides()).toEqual({
    gate: {
      newIssues: { minSeverity: 'MEDIUM' },
      minHealth: 8,
      maxHealthDrop: 0,
      maxComplexityAdded: 10,
      maxDuplicatedLines: 10,
    },
  });

  await page.reload();
  await page.getByText('The gate below matches the Strict profile.').waitFor();
  expect(await field('Minimum health').inputValue()).toBe('8');
  expect(await labelRow('Minimum health').textContent()).toContain('This repository');
  await page.screenshot({ path: screenshotPath('settings-gate-strict.png'), fullPage: true });

  // Back to the bare minimum: the limits Strict set are switched off again, so nothing of them is stored.
  await button('Bare minimum').click();
  expect(await field('Minimum health').inputValue()).toBe('');
  await save();
  expect(await storedOverrides()).toEqual({ gate: { newIssues: { minSeverity: 'CRITICAL' } } });
});

test('a rule switched off and a threshold changed are saved as this repository’s', async () => {
  await open(page, repoPage());
  const runs = page.getByRole('checkbox', { name: 'Run Complex Method', exact: true });
  const cyclomatic = field('Complex Method: cyclomatic');
  expect(await cyclomatic.getAttribute('placeholder')).toBe('9');
  expect(await description(cyclomatic)).toContain(
    'Fires (MEDIUM) when cyclomatic complexity is at or above this.',
  );
  await runs.locator('xpath=..').click();
  await cyclomatic.fill('12');
  await save();
  expect(await storedOverrides()).toEqual({
    disabledRules: ['complex-method'],
    thresholds: { 'complex-method': { cyclomatic: 12 } },
  });

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Repository settings' }).waitFor();
  expect(await runs.isChecked()).toBe(false);
  expect(await page.getByText('Rules switched off: Complex Method').count()).toBe(1);
  expect(await cyclomatic.inputValue()).toBe('12');
  // Emptying the field goes back to the inherited threshold (the rule's default here).
  await cyclomatic.fill('');
  await save();
  expect(await storedOverrides()).toEqual({ disabledRules: ['complex-method'] });
});

test('an invalid value is refused beside its field and nothing is stored', async () => {
  const before = await stored();
  await open(page, repoPage());
  await field('Minimum health').fill('11');
  // Blank lines are dropped before sending, so the bad pattern is entry 1 of the list but line 3 on the page.
  await page.getByRole('textbox', { name: 'Ignored paths' }).fill('**/vendor/**\n\nsrc/[abc');
  await button('Save').click();
  const alert = page.getByRole('alert').filter({ hasText: 'Not saved: some values are not valid' });
  await alert.waitFor();

  expect(await description(field('Minimum health'))).toContain('must be a number from 0 to 10');
  expect(await field('Minimum health').getAttribute('aria-invalid')).toBe('true');
  const ignoreHelp = await description(page.getByRole('textbox', { name: 'Ignored paths' }));
  expect(ignoreHelp).toContain('Line 3 (src/[abc)');
  expect(ignoreHelp).toContain('without its "]"');
  await page.screenshot({ path: screenshotPath('settings-invalid.png'), fullPage: true });
  expect(await stored()).toEqual(before);

  // Text that is no number at all never leaves the page: the field says so and Save refuses.
  await field('Maximum new issues').fill('lots');
  expect(await description(field('Maximum new issues'))).toContain('Enter a number');
  await button('Save').click();
  await page.getByRole('alert').filter({ hasText: 'some fields do not hold a number yet' }).waitFor();
  expect(await stored()).toEqual(before);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Repository settings' }).waitFor();
  expect(await field('Minimum health').inputValue()).toBe('');
});

test.each(['reader', 'writer'] as const)(
  'a %s sees why the settings are refused and cannot save',
  async (who) => {
    const person = h.world.people[who];
    const before = await stored();
    await page.goto(repoPage({ account: person.accountId }));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Only repository admins can show');
    expect(await button('Save').count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await page.screenshot({ path: screenshotPath(`settings-refused-${who}.png`), fullPage: true });

    // A tampered page calling saveSettings itself is refused by the resolver, and nothing is stored.
    const answer = await page.evaluate(() =>
      (
        window as unknown as { __bridge: { callBridge(name: string, payload: unknown): Promise<unknown> } }
      ).__bridge.callBridge('invoke', {
        functionKey: 'saveSettings',
        payload: { overrides: { statusChecks: false }, revision: 0 },
      }),
    );
    expect(answer).toMatchObject({ access: 'refused', reason: 'forbidden' });
    expect(await stored()).toEqual(before);
  },
);

test('keyboard only: Tab to Status checks, Space turns it off, Tab to Save, Enter saves', async () => {
  await open(page, repoPage());
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const labelled = element?.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : '';
      return `${element?.tagName ?? ''}:${labelled || element?.textContent || ''}`;
    });
  async function tabTo(target: string): Promise<void> {
    for (let presses = 0; presses < 300; presses++) {
      await page.keyboard.press('Tab');
      if ((await focused()) === target) return;
    }
    throw new Error(`Tab never reached ${target}`);
  }

  await tabTo('INPUT:Status checks');
  await page.screenshot({ path: screenshotPath('settings-keyboard-focus.png') });
  await page.keyboard.press('Space');
  expect(await toggle('Status checks').isChecked()).toBe(false);
  await tabTo('BUTTON:Save');
  // The focused button shows where the keyboard is.
  expect(await button('Save').evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await savedIn(page);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Repository settings' }).waitFor();
  expect(await toggle('Status checks').isChecked()).toBe(false);
});

test('the dark theme applies Bitbucket’s dark tokens to the page', async () => {
  await open(page, repoPage({ theme: 'dark' }));
  expect(await page.locator('html').getAttribute('data-color-mode')).toBe('dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r! + g! + b!).toBeLessThan(3 * 64);
  const text = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).color);
  const [tr, tg, tb] = (text.match(/\d+/g) ?? []).map(Number);
  expect(tr! + tg! + tb!).toBeGreaterThan(3 * 160);
  await page.screenshot({ path: screenshotPath('settings-dark.png'), fullPage: true });
});

test('the severity select works from the keyboard', async () => {
  await open(page, repoPage());
  const severity = page.getByRole('combobox', { name: 'Minimum severity of new issues' });
  await severity.focus();
  await page.keyboard.press('ArrowDown');
  const options = page.getByRole('option');
  await options.first().waitFor();
  expect(await options.allTextContents()).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
  await page.screenshot({ path: screenshotPath('settings-severity-menu.png') });
  // The menu opens on the current choice (HIGH); one down is MEDIUM.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  expect(await labelRow('Minimum severity of new issues').textContent()).toContain('MEDIUM');
  await save();
  expect(await storedOverrides()).toEqual({ gate: { newIssues: { minSeverity: 'MEDIUM' } } });
});

test('the page needs no inline style: it renders under Forge’s default CSP, which refuses one', async () => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(event.violatedDirective));
  });
  await open(page, repoPage({ theme: 'dark' }));
  await setSwitch('Status checks', false);
  await button('Strict').click();
  await save();
  const violations = () =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(await violations()).toEqual([]);
  // The policy is really in force: an inline <style> is refused (and reported) the moment it is added.
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { outline: 1px solid red; }';
    document.head.append(style);
  });
  await page.waitForFunction(
    () => (window as unknown as { cspViolations: string[] }).cspViolations.length > 0,
  );
  expect(await violations()).toEqual(['style-src-elem']);
  consoleErrors = consoleErrors.filter((line) => !line.includes('Content Security Policy'));
});

test('a save over a newer change is refused as a conflict, and Reload shows the newer settings', async () => {
  const other = await newPage();
  try {
    await open(page, repoPage());
    await open(other, repoPage());
    await setSwitch('Annotations', false, other);
    await save(other);

    await setSwitch('Summary comment', false);
    await button('Save').click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved these settings' });
    await conflict.waitFor();
    await page.screenshot({ path: screenshotPath('settings-conflict.png'), fullPage: true });
    expect(await storedOverrides()).toEqual({ annotations: false });

    await conflict.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { level: 1, name: 'Repository settings' }).waitFor();
    expect(await toggle('Annotations').isChecked()).toBe(false);
    expect(await toggle('Summary comment').isChecked()).toBe(true);
  } finally {
    await other.close();
  }
});

test('"Reset to inherited" drops one value; "Reset all to inherited" asks, then drops them all', async () => {
  await open(page, repoPage());
  await setSwitch('AI comments', true);
  await field('Inline comment limit').fill('5');
  await save();

  await button('Reset AI comments to inherited').click();
  expect(await toggle('AI comments').isChecked()).toBe(false);
  expect(await labelRow('AI comments').textContent()).toContain('Default');
  await save();
  expect(await storedOverrides()).toEqual({ inlineCommentLimit: 5 });

  await button('Reset all to inherited').click();
  const confirm = page.getByRole('button', { name: 'Reset all', exact: true });
  await confirm.waitFor();
  expect(await storedOverrides()).toEqual({ inlineCommentLimit: 5 });
  await page.screenshot({ path: screenshotPath('settings-reset-confirm.png'), fullPage: true });
  await confirm.click();
  await page.getByRole('status').filter({ hasText: 'Every value is inherited again.' }).waitFor();
  expect(await field('Inline comment limit').inputValue()).toBe('25');
  expect(await storedOverrides()).toEqual({});
});

test('the workspace page sets defaults the repository page shows as inherited from the workspace', async () => {
  await open(page, h.bridge.url('workspace-settings'), 'Workspace defaults');
  expect(await page.getByRole('heading', { name: 'Activity' }).count()).toBe(0);
  expect(await button('Preview').count()).toBe(0);
  await page.getByText('The preview needs a repository').waitFor();
  await field('Inline comment limit').fill('10');
  await save();
  await page.screenshot({ path: screenshotPath('settings-workspace.png'), fullPage: true });

  await open(page, repoPage());
  expect(await field('Inline comment limit').inputValue()).toBe('10');
  expect(await labelRow('Inline comment limit').textContent()).toContain('Workspace');
});

test('the project page sets what its repositories inherit, over the workspace defaults', async () => {
  await open(page, h.bridge.url('workspace-settings'), 'Workspace defaults');
  await field('Inline comment limit').fill('10');
  await save();
  await open(page, h.bridge.url('project-settings', { project: CORE_PROJECT_UUID }), 'Project settings');
  expect(await labelRow('Inline comment limit').textContent()).toContain('Workspace');
  await field('Inline comment limit').fill('3');
  await setSwitch('Skip draft pull requests', true);
  expect(await labelRow('Skip draft pull requests').textContent()).toContain('This project');
  await save();
  await page.screenshot({ path: screenshotPath('settings-project.png'), fullPage: true });

  await open(page, repoPage());
  expect(await field('Inline comment limit').inputValue()).toBe('3');
  expect(await labelRow('Inline comment limit').textContent()).toContain('Project');
  expect(await toggle('Skip draft pull requests').isChecked()).toBe(true);
  expect(await labelRow('Skip draft pull requests').textContent()).toContain('Project');
});

describe('settings as code', () => {
  const CONFIGURED = '{7d1c5e2a-4b3f-4c8d-9e0a-1f2b3c4d5e6f}';
  const BROKEN = '{8e2d6f3b-5c4a-4d9e-8f1b-2a3c4d5e6f70}';
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lintel-settings-file-'));
    const withFile = (name: string, content: string) =>
      createGitRepository(path.join(dir, name), [
        {
          branch: 'main',
          message: 'settings as code',
          files: { 'src/a.ts': 'export const a = 1;\n', '.lintel.yml': content },
        },
      ]);
    const configured = await withFile('configured', 'annotations: false\ngate:\n  minHealth: 7\n');
    const broken = await withFile('broken', 'gate:\n  minHealth: 99\n');
    for (const [slug, uuid, repo] of [
      ['configured', CONFIGURED, configured],
      ['broken', BROKEN, broken],
    ] as const)
      h.world.emulator.addRepository({ workspace: 'acme', slug, uuid, gitDir: repo.gitDir, isPrivate: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('values .lintel.yml sets are marked as such, with what pull requests get and where to change it', async () => {
    await open(page, h.bridge.url('repo-settings', { repository: CONFIGURED }));
    const notice = page.getByRole('heading', { name: 'Settings as code: .lintel.yml applies' });
    await notice.waitFor();
    expect(await page.getByText('.lintel.yml on main sets 2 values.', { exact: false }).count()).toBe(1);
    // The switch still shows (and edits) this repository's own value; the file's wins for pull requests.
    expect(await toggle('Annotations').isChecked()).toBe(true);
    expect(await labelRow('Annotations').textContent()).toContain(
      'from .lintel.ymlPull requests get off from .lintel.yml on main, which wins over this page: change it in the file.',
    );
    expect(await page.getByText('Pull requests get 7 from .lintel.yml on main').count()).toBe(1);
    expect(await labelRow('Summary comment').textContent()).not.toContain('.lintel.yml');
    await page.screenshot({ path: screenshotPath('settings-file-applied.png'), fullPage: true });
  });

  test('an invalid .lintel.yml is shown as ignored, with its errors', async () => {
    await open(page, h.bridge.url('repo-settings', { repository: BROKEN }));
    await page.getByRole('heading', { name: 'Settings as code: .lintel.yml is ignored' }).waitFor();
    const errors = page.getByRole('list', { name: '.lintel.yml errors' });
    expect(await errors.textContent()).toContain('gate.minHealth');
    expect(await labelRow('Minimum health').textContent()).not.toContain('.lintel.yml');
    await page.screenshot({ path: screenshotPath('settings-file-invalid.png'), fullPage: true });
  });
});

test('Preview lists which of the repository’s files the patterns in the field would ignore', async () => {
  await open(page, repoPage());
  await page.getByRole('textbox', { name: 'Ignored paths' }).fill('src/**');
  await button('Preview').click();
  await page.getByText('1 of 1 files on main would be ignored').waitFor();
  expect(await page.getByRole('list', { name: 'Ignored files' }).textContent()).toBe('src/a.ts');
  await page.screenshot({ path: screenshotPath('settings-ignore-preview.png'), fullPage: true });
});

test('the activity list shows each analysis with its outcome, and says when there is none', async () => {
  await open(page, repoPage());
  await page.getByText('No analyses yet.').waitFor();

  await kvsActivityLog.record(REPO_A, {
    at: '2025-01-06T10:00:00.000Z',
    pullRequestId: 3,
    commit: 'abc123def456',
    outcome: 'error',
    durationMs: 2300,
    apiCalls: 7,
    reason: 'Bitbucket answered 403 to the build status: the app lacks write access.',
  });
  await kvsActivityLog.record(REPO_A, {
    at: '2025-01-06T11:00:00.000Z',
    pullRequestId: 4,
    commit: '0123456789ab',
    outcome: 'passed',
    durationMs: 850,
    apiCalls: 12,
  });
  await page.reload();
  const table = page.getByRole('table', { name: 'Activity' });
  await table.waitFor();
  const rows = table.getByRole('row');
  await rows.nth(2).waitFor();
  const cells = async (row: number) => (await rows.nth(row).getByRole('cell').allTextContents()).slice(1);
  expect(await cells(1)).toEqual(['#4', '0123456789ab', 'Passed', '850 ms', '12', '']);
  expect(await cells(2)).toEqual([
    '#3',
    'abc123def456',
    'Error',
    '2.3 s',
    '7',
    'Bitbucket answered 403 to the build status: the app lacks write access.',
  ]);
  expect(await rows.nth(2).locator('time').getAttribute('datetime')).toBe('2025-01-06T10:00:00.000Z');
  await page.screenshot({ path: screenshotPath('settings-activity.png'), fullPage: true });
});

test('loading and saving are shown while the resolver works', async () => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/invoke', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(repoPage());
  await page
    .getByRole('status')
    .filter({ has: page.getByRole('img', { name: 'Loading settings' }) })
    .waitFor();
  await page.screenshot({ path: screenshotPath('settings-loading.png'), fullPage: true });
  release();
  await page.getByRole('heading', { level: 1, name: 'Repository settings' }).waitFor();

  let releaseSave: () => void = () => undefined;
  const saveHeld = new Promise<void>((resolve) => (releaseSave = resolve));
  await page.unroute('**/invoke');
  await page.route('**/invoke', async (route) => {
    if (route.request().postData()?.includes('"saveSettings"')) await saveHeld;
    await route.continue();
  });
  await setSwitch('Summary comment', false);
  await button('Save').click();
  await page.getByRole('status').filter({ hasText: 'Saving…' }).waitFor();
  await page.screenshot({ path: screenshotPath('settings-saving.png'), fullPage: true });
  releaseSave();
  await savedMessage().waitFor();
});

test('a save the bridge refuses (over Forge’s 500 KB limit) is shown as an error, and nothing is stored', async () => {
  const before = await stored();
  await open(page, repoPage());
  const patterns = Array.from({ length: 600 }, (_, i) => `generated/${'x'.repeat(900)}/${i}/**`).join('\n');
  await page.getByRole('textbox', { name: 'Ignored paths' }).fill(patterns);
  await button('Save').click();
  const alert = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await alert.waitFor();
  expect(await alert.textContent()).toContain('500 KB');
  await page.screenshot({ path: screenshotPath('settings-error.png') });
  expect(await stored()).toEqual(before);
  // Chrome logs the refused request (413) and the bridge logs the failed invoke: expected here, and only here.
  consoleErrors = consoleErrors.filter((line) => !/500 KB|\b413\b/.test(line));
});
