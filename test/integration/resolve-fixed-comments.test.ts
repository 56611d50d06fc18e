// A later push that fixes a finding resolves Lintel's inline comment about it, and the summary counts it as fixed;
// on the local platform with the bundled functions, the emulator enforcing Bitbucket's resolve rules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import { pullRequestEvent } from '../../dev/forge-runtime';
import { pushCommit } from '../support/end-state';
import { startLocalApp, WORKSPACE, type LocalApp } from '../support/local-app';

/** Cyclomatic complexity 16: a HIGH complex-method finding, which gets an inline comment. */
const TANGLED = `export function route(n: number): string {
${Array.from({ length: 15 }, (_, i) => `  if (n === ${i}) return 'r${i}';`).join('\n')}
  return 'none';
}
`;
const SIMPLE = `export function route(n: number): string {
  return \`r\${n}\`;
}
`;

/** Two HIGH findings on one function (cognitive 42, cyclomatic 16): one inline comment names both. */
const TWO_HIGH = `export function route(rows: number[][]): string {
  for (const row of rows) {
    for (const n of row) {
${Array.from({ length: 13 }, (_, i) => `      if (n === ${i}) return 'r${i}';`).join('\n')}
    }
  }
  return 'none';
}
`;

let dir: string;
let app: LocalApp;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-resolve-'));
  await createGitRepository(path.join(dir, 'repo'), [
    { branch: 'main', message: 'initial', files: { 'src/base.ts': 'export const base = 1;\n' } },
    { branch: 'feature', from: 'main', message: 'tangled', files: { 'src/route.ts': TANGLED } },
    { branch: 'two', from: 'main', message: 'twice tangled', files: { 'src/route.ts': TWO_HIGH } },
  ]);
  app = await startLocalApp(path.join(dir, 'repo', '.git'));
});
afterAll(async () => {
  await app?.emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => expect(app.emulator.violations).toEqual([]));

type Runtime = ReturnType<LocalApp['runtime']>;
type PullRequest = ReturnType<LocalApp['openPullRequest']>;

/** Pushes `route` onto the pull request's branch and delivers the "updated" event for it; returns the new head. */
async function pushRoute(runtime: Runtime, pr: PullRequest, branch: string, route: string, message: string) {
  const head = await pushCommit(path.join(dir, 'repo', '.git'), branch, { 'src/route.ts': route }, message);
  const updated = pullRequestEvent('updated', {
    workspace: { uuid: app.ids.workspace },
    repository: { uuid: app.ids.repository, slug: app.repository },
    pullRequest: pr,
  });
  (updated.pullrequest as { source: { commit: { hash: string } } }).source.commit.hash = head.slice(0, 12);
  await runtime.fireProductEvent(updated);
  await runtime.idle();
  return head;
}

test('fixing a commented finding resolves its inline comment and counts it as fixed', async () => {
  const runtime = app.runtime();
  try {
    const pr = app.openPullRequest('feature');
    await runtime.fireProductEvent(app.created(pr));
    await runtime.idle();
    const inline = () =>
      app.emulator.state.comments(WORKSPACE, app.repository, pr.id).filter((c) => c.inline);
    expect(inline()).toHaveLength(1);
    expect(inline()[0]).not.toHaveProperty('resolution');

    const head = await pushRoute(runtime, pr, 'feature', SIMPLE, 'simplify');

    expect(inline()).toHaveLength(1);
    expect(inline()[0]).toMatchObject({ resolution: { type: 'comment_resolution' } });
    const summary = app.emulator.state.comments(WORKSPACE, app.repository, pr.id).find((c) => !c.inline) as
      { content: { raw: string } } | undefined;
    expect(summary?.content.raw).toMatch(/\*\*Fixed\*\* 1/);
    expect(app.emulator.state.statuses(WORKSPACE, app.repository, head).map((s) => s.state)).toEqual([
      'SUCCESSFUL',
    ]);
  } finally {
    runtime.uninstall();
  }
});

test("one inline comment names a function's two HIGH findings, and is resolved only when both are fixed", async () => {
  const runtime = app.runtime();
  try {
    const pr = app.openPullRequest('two');
    await runtime.fireProductEvent(app.created(pr));
    await runtime.idle();
    const inline = () =>
      app.emulator.state.comments(WORKSPACE, app.repository, pr.id).filter((c) => c.inline) as Array<{
        content: { raw: string };
        resolution?: unknown;
      }>;
    const summary = () =>
      (
        app.emulator.state.comments(WORKSPACE, app.repository, pr.id).find((c) => !c.inline) as
          { content: { raw: string } } | undefined
      )?.content.raw;
    expect(inline()).toHaveLength(1);
    const body = inline()[0]?.content.raw ?? '';
    expect(body).toMatch(/cognitive complexity of 42/);
    expect(body).toMatch(/cyclomatic complexity of 16/);

    // The nesting goes (cognitive fixed), the branches stay (cyclomatic 16): the comment stays open.
    await pushRoute(runtime, pr, 'two', TANGLED, 'flatten');
    expect(inline()).toHaveLength(1);
    expect(inline()[0]).not.toHaveProperty('resolution');
    expect(summary()).toMatch(/\*\*Fixed\*\* 1/);

    await pushRoute(runtime, pr, 'two', SIMPLE, 'simplify');
    expect(inline()).toHaveLength(1);
    expect(inline()[0]).toMatchObject({ resolution: { type: 'comment_resolution' } });
    expect(summary()).toMatch(/\*\*Fixed\*\* 2/);
  } finally {
    runtime.uninstall();
  }
});
