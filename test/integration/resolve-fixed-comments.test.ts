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

let dir: string;
let app: LocalApp;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-resolve-'));
  await createGitRepository(path.join(dir, 'repo'), [
    { branch: 'main', message: 'initial', files: { 'src/base.ts': 'export const base = 1;\n' } },
    { branch: 'feature', from: 'main', message: 'tangled', files: { 'src/route.ts': TANGLED } },
  ]);
  app = await startLocalApp(path.join(dir, 'repo', '.git'));
});
afterAll(async () => {
  await app?.emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => expect(app.emulator.violations).toEqual([]));

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

    const head = await pushCommit(
      path.join(dir, 'repo', '.git'),
      'feature',
      { 'src/route.ts': SIMPLE },
      'simplify',
    );
    const updated = pullRequestEvent('updated', {
      workspace: { uuid: app.ids.workspace },
      repository: { uuid: app.ids.repository, slug: app.repository },
      pullRequest: pr,
    });
    (updated.pullrequest as { source: { commit: { hash: string } } }).source.commit.hash = head.slice(0, 12);
    await runtime.fireProductEvent(updated);
    await runtime.idle();

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
