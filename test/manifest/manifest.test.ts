/**
 * The manifest must pass what `forge deploy` checks: @forge/manifest FULL validation and @forge/lint client-side
 * linting, with Bitbucket's official OpenAPI document so endpoint-scope checks are real. Negative controls prove
 * the checks can fail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { lintApp, validateManifest } from '../../dev/forge-validate';

const ROOT = path.resolve(__dirname, '../..');
const FOLDER_INCLUDE_APP = path.join(ROOT, 'test/fixtures/forge-app-folder-include');

/** The app's .ts/.js files under src/, relative to the app, as lintApp names them. */
function sourceFiles(appRoot: string, dir = 'src'): string[] {
  return fs
    .readdirSync(path.join(appRoot, dir), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourceFiles(appRoot, path.join(dir, e.name)) : [path.join(dir, e.name)],
    )
    .filter((f) => /\.(ts|tsx|js|jsx)$/.test(f))
    .sort();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the manifest is untyped YAML edited freely here
function manifestVariant(edit: (m: Record<string, any>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-manifest-'));
  tempDirs.push(dir);
  const manifest = YAML.parse(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8'));
  edit(manifest);
  fs.writeFileSync(path.join(dir, 'manifest.yml'), YAML.stringify(manifest));
  fs.cpSync(path.join(ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'static'), path.join(dir, 'static'), { recursive: true });
  return dir;
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('manifest.yml', () => {
  it('passes @forge/manifest validation with no error or warning', async () => {
    expect(await validateManifest(path.join(ROOT, 'manifest.yml'))).toEqual([]);
  });

  it('passes @forge/lint client-side linting against the Bitbucket OpenAPI scopes, on every source file', async () => {
    const { errors, warnings, linted } = await lintApp(ROOT);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    // "Clean" means something only if every file was parsed: tsconfig's include must list them by glob.
    expect(linted).toEqual(sourceFiles(ROOT));
    expect(linted).toEqual(expect.arrayContaining(['src/forge/consumer.ts', 'src/bitbucket/api.ts']));
  });

  it('reports an app whose tsconfig includes folders as not linted, not as clean (negative control)', async () => {
    // Before tsconfig listed globs, @forge/lint parsed no TypeScript file of this app and answered "no issues".
    const { errors, linted } = await lintApp(FOLDER_INCLUDE_APP);
    expect(linted).toEqual([]);
    const messages = errors.map((e) => `${e.where ?? ''}: ${e.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^src\/index\.ts: @forge\/lint skipped this file/));
    expect(messages.join('\n')).not.toMatch(/Bitbucket endpoint/);
  });

  it('lints the same source once tsconfig includes it by glob, and flags its undeclared scope', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-lint-glob-'));
    tempDirs.push(dir);
    fs.cpSync(FOLDER_INCLUDE_APP, dir, { recursive: true });
    const tsconfigPath = path.join(dir, 'tsconfig.json');
    const tsconfig = JSON.parse(fs.readFileSync(tsconfigPath, 'utf8')) as { include: string[] };
    fs.writeFileSync(tsconfigPath, JSON.stringify({ ...tsconfig, include: ['src/**/*.ts'] }));
    const { errors, linted } = await lintApp(dir);
    expect(linted).toEqual(['src/index.ts']);
    expect(errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        /pullrequests\/\{pull_request_id\}\/diffstat requires "read:pullrequest:bitbucket"/,
      ),
    );
  });

  it('declares every module the app needs with the minimal scopes', () => {
    const manifest = YAML.parse(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8'));
    expect(manifest.permissions.scopes.sort()).toEqual([
      // Only for the project settings page's admin check (docs/access-control.md).
      'read:project:bitbucket',
      'read:pullrequest:bitbucket',
      'read:repository:bitbucket',
      // Only for the workspace settings page's admin check (docs/access-control.md).
      'read:workspace:bitbucket',
      'storage:app',
    ]);
    expect(manifest.modules.trigger[0].events).toEqual(
      expect.arrayContaining([
        'avi:bitbucket:created:pullrequest',
        'avi:bitbucket:updated:pullrequest',
        'avi:bitbucket:fulfilled:pullrequest',
        'avi:bitbucket:rejected:pullrequest',
      ]),
    );
    // on-merge only: an answer given on push would be kept, stale, until someone re-ran the check.
    expect(manifest.modules['bitbucket:mergeCheck'][0].triggers).toEqual(['on-merge']);
    const consumerFn = manifest.modules.consumer[0].function;
    const fn = manifest.modules.function.find((f: { key: string }) => f.key === consumerFn);
    expect(fn.timeoutSeconds).toBeLessThanOrEqual(900);
    for (const kind of [
      'bitbucket:repoSettingsMenuPage',
      'bitbucket:projectSettingsMenuPage',
      'bitbucket:workspaceSettingsMenuPage',
      'bitbucket:repoPullRequestOverviewPanel',
    ]) {
      expect(manifest.modules[kind]).toHaveLength(1);
    }
  });

  it('rejects a function key longer than Forge allows (negative control)', async () => {
    const dir = manifestVariant((m) => {
      m.modules.function[0].key = 'a-function-key-that-is-far-too-long';
      m.modules.trigger[0].function = 'a-function-key-that-is-far-too-long';
    });
    const problems = await validateManifest(path.join(dir, 'manifest.yml'));
    expect(problems.map((p) => p.message).join('\n')).toMatch(/exceeds 23 characters/);
  });

  it('rejects a merge check without the pull-request read scope (negative control)', async () => {
    const dir = manifestVariant((m) => {
      m.permissions.scopes = ['read:repository:bitbucket', 'storage:app'];
    });
    const problems = await validateManifest(path.join(dir, 'manifest.yml'));
    expect(problems.map((p) => p.message).join('\n')).toMatch(/requires 'read:pullrequest:bitbucket'/);
  });

  it('lint flags a Bitbucket call whose scope is not declared (negative control)', async () => {
    const { errors } = await lintApp(path.join(ROOT, 'test/fixtures/forge-app-missing-scope'));
    expect(errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        /pullrequests\/\{pull_request_id\}\/diffstat requires "read:pullrequest:bitbucket"/,
      ),
    );
  });
});
