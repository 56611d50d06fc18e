/**
 * Offline validation of the Forge app, the way `forge lint` / `forge deploy` would check it:
 * `@forge/manifest` (schema, handlers, scopes, key lengths) and `@forge/lint` client-side linting, with
 * Bitbucket's official OpenAPI document as the swagger so endpoint-scope checks are real.
 * Recipe: ../shared/docs/forge-platform.md §9.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const BITBUCKET_OPENAPI = path.resolve(
  __dirname,
  '../bitbucket-emulator/openapi/bitbucket-openapi.json',
);
const EMPTY_SWAGGER = path.resolve(__dirname, 'empty-swagger.json');

export interface Problem {
  level: string;
  message: string;
  where?: string;
}

/** Runs @forge/manifest's FULL validation; returns errors and warnings (success is false on warnings too). */
export async function validateManifest(manifestPath: string): Promise<Problem[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const forgeManifest = require('@forge/manifest') as typeof import('@forge/manifest');
  const result = await forgeManifest.validate(false, path.resolve(manifestPath));
  return (result.errors ?? []).map((e) => ({
    level: String(e.level),
    message: e.message,
    where: e.line !== undefined ? `line ${e.line}` : undefined,
  }));
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.(ts|tsx|js|jsx)$/.test(f));
}

interface LintIssue {
  message: string;
  severity?: string | number;
  line?: number;
}

export interface LintReport {
  errors: Problem[];
  warnings: Problem[];
  /** Source files (relative to the app) @forge/lint parsed and ran its linters on. */
  linted: string[];
}

/**
 * Runs @forge/lint client-side on `appRoot/src`. The linter reads its swagger files from env variables and
 * resolves paths against the working directory, so both are set for the duration of the call.
 *
 * @forge/lint parses a `.ts` file only when tsconfig.json's `include` yields its exact path by glob: an `include`
 * of bare folders (`"src"`) makes it lint no TypeScript at all and still answer "no issues"
 * (../shared/docs/forge-platform.md §9). A source file it skipped is therefore an error here, so "lint clean"
 * always means every file was linted.
 */
export async function lintApp(appRoot: string): Promise<LintReport> {
  const envKeys = [
    'LOCAL_CONF_SWAGGER',
    'LOCAL_CONF_V2_SWAGGER',
    'LOCAL_JIRA_SWAGGER',
    'LOCAL_JSM_SWAGGER',
    'LOCAL_JSW_SWAGGER',
  ];
  const saved = { ...process.env };
  const savedCwd = process.cwd();
  try {
    process.env.USE_LOCAL_SWAGGER = '1';
    for (const k of envKeys) process.env[k] = EMPTY_SWAGGER;
    process.env.LOCAL_BB_SWAGGER = BITBUCKET_OPENAPI;
    process.chdir(appRoot);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { lint } = require('@forge/lint') as {
      lint: (
        ...args: unknown[]
      ) => Promise<Array<{ file: string; errors: LintIssue[]; warnings: LintIssue[] }>>;
    };
    const manifest = YAML.parse(fs.readFileSync('manifest.yml', 'utf8')) as unknown;
    const quiet = {
      info: () => undefined,
      debug: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
    const statsig = { getDeprecatedRuntimes: async () => [] };
    const files = walk('src');
    const results = await lint(files, manifest, 'development', quiet, statsig, {
      linter: { mode: 'client-side' },
    });
    const toProblems = (level: string, file: string, issues: LintIssue[]): Problem[] =>
      issues.map((i) => ({ level, message: i.message, where: `${file}${i.line ? `:${i.line}` : ''}` }));
    // Every linter answers once per file it parsed (and the manifest linters for manifest.yml): a source file with
    // no result was never linted.
    const answered = new Set(results.map((r) => path.normalize(r.file)));
    const sources = files.map((f) => path.normalize(f));
    const linted = sources.filter((f) => answered.has(f)).sort();
    const skipped = sources.filter((f) => !answered.has(f));
    const notLinted: Problem[] = skipped.map((file) => ({
      level: 'error',
      message:
        '@forge/lint skipped this file: tsconfig.json `include` does not list it by glob (e.g. "src/**/*.ts"), ' +
        'so none of its Bitbucket calls or scopes were checked',
      where: file,
    }));
    return {
      errors: [...notLinted, ...results.flatMap((r) => toProblems('error', r.file, r.errors))],
      warnings: results.flatMap((r) => toProblems('warning', r.file, r.warnings)),
      linted,
    };
  } finally {
    process.chdir(savedCwd);
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
