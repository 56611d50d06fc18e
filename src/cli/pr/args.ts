import { UserError } from '../io';
import { parseOptions } from '../parse-options';

export const DEFAULT_API_URL = 'https://api.bitbucket.org/2.0';

export const PR_HELP = `Usage:
  lintel pr --workspace WS --repo SLUG --pr ID [--api-url URL] [--settings FILE] [--dry-run]

Runs Lintel's pull-request pipeline against a Bitbucket API — the same one the Forge app runs — and
publishes the verdict: a Code Insights report with annotations, a build status, one summary comment
and a few inline comments. Use it from Bitbucket Pipelines, or against any Bitbucket-compatible API.

The token comes from the BITBUCKET_TOKEN environment variable (a repository or workspace access token
with pull-request and repository read scopes; Code Insights and statuses need no more).

Options:
      --api-url URL     API base URL (default ${DEFAULT_API_URL})
  -w, --workspace WS    workspace slug or {uuid}
  -r, --repo SLUG       repository slug or {uuid}
  -p, --pr ID           pull request id
  -s, --settings FILE   settings file (JSON or YAML), see docs/settings.md
      --dry-run         read and analyse, print what would be published, write nothing
  -h, --help            show this help

Exit codes: 0 quality gate passed, 1 quality gate failed, 2 bad usage or input, 3 the run could not
finish (the build status says why).
`;

export type PrArgs =
  | { help: true }
  | {
      help: false;
      apiUrl: string;
      workspace: string;
      repo: string;
      pr: number;
      settingsFile?: string;
      dryRun: boolean;
    };

const PR_OPTIONS = {
  'api-url': { type: 'string' },
  workspace: { type: 'string', short: 'w' },
  repo: { type: 'string', short: 'r' },
  pr: { type: 'string', short: 'p' },
  settings: { type: 'string', short: 's' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parsePrArgs(argv: string[]): PrArgs {
  const values: Record<string, string | boolean | undefined> = parseOptions(argv, PR_OPTIONS, false).values;
  if (values.help) return { help: true };
  const missing = ['workspace', 'repo', 'pr'].filter(
    (k) => typeof values[k] !== 'string' || values[k] === '',
  );
  if (missing.length > 0) throw new UserError(`missing ${missing.map((m) => `--${m}`).join(', ')}`, true);
  const pr = Number(values.pr);
  if (!Number.isInteger(pr) || pr < 1)
    throw new UserError(`--pr must be a pull request number, got ${String(values.pr)}`, true);
  const apiUrl = typeof values['api-url'] === 'string' ? values['api-url'] : DEFAULT_API_URL;
  try {
    const url = new URL(apiUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    throw new UserError(`--api-url must be an http(s) URL, got ${apiUrl}`, true);
  }
  return {
    help: false,
    apiUrl,
    workspace: values.workspace as string,
    repo: values.repo as string,
    pr,
    settingsFile: typeof values.settings === 'string' ? values.settings : undefined,
    dryRun: values['dry-run'] === true,
  };
}
