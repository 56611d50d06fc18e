/**
 * `lintel pr`: the Forge app's pull-request pipeline over HTTP with a token, for Bitbucket Pipelines or any
 * Bitbucket-compatible API. Same code path as the app; only the adapters differ (HTTP transport, memory store).
 */
import { BitbucketApi } from '../../bitbucket/api';
import { BitbucketClient, systemClock } from '../../bitbucket/client';
import { BitbucketError } from '../../bitbucket/errors';
import { HttpTransport } from '../../bitbucket/http-transport';
import type { AnalysisJob } from '../../pipeline/job';
import { runPullRequest } from '../../pipeline/run-pull-request';
import type { RunStore } from '../../pipeline/ports';
import type { StoredRun } from '../../pipeline/types';
import { memoryIdentity } from '../../publish';
import { loadSettingsOverrides } from '../analyze/settings-documents';
import { prebuiltEngine } from '../../prebuilt/engine';
import { EXIT, UserError, type CliIo } from '../io';
import { PR_HELP, parsePrArgs } from './args';
import { DryRunTransport } from './dry-run-transport';
import { describeOutcome, describeWrites } from './describe';

function memoryStore(): RunStore {
  const runs = new Map<string, StoredRun>();
  return {
    get: (repo, id) => Promise.resolve(runs.get(`${repo}:${id}`)),
    set: (repo, id, run) => Promise.resolve(void runs.set(`${repo}:${id}`, run)),
  };
}

/** The token's own user, so Lintel recognises the comments it wrote on earlier runs. Optional: markers suffice. */
async function tokenUserUuid(api: BitbucketApi): Promise<string | undefined> {
  try {
    const user = await api.client.json<{ uuid?: string }>({
      method: 'GET',
      operation: 'read the token user',
      target: { segments: ['user'] },
    });
    return user.uuid;
  } catch {
    return undefined; // Repository access tokens may not read /user; the comment markers still find Lintel's comments.
  }
}

export async function runPr(argv: string[], io: CliIo): Promise<number> {
  const args = parsePrArgs(argv);
  if (args.help) {
    io.stdout(PR_HELP);
    return EXIT.passed;
  }
  const token = io.env?.BITBUCKET_TOKEN;
  if (!token)
    throw new UserError(
      'set BITBUCKET_TOKEN to an access token with pull-request and repository read scopes',
    );
  // `--settings` stands in for what the app stores; the pipeline adds `.lintel.yml` from the destination on top.
  const stored = args.settingsFile
    ? [{ source: 'repository' as const, overrides: await loadSettingsOverrides(args.settingsFile, io.cwd) }]
    : [];
  const http = new HttpTransport(args.apiUrl, token);
  const dryRun = args.dryRun ? new DryRunTransport(http) : undefined;
  const clock = systemClock();
  const api = new BitbucketApi(new BitbucketClient(dryRun ?? http, { clock }));
  const repo = { workspace: args.workspace, repository: args.repo };

  let pr;
  try {
    pr = await api.pullRequest(repo, args.pr);
  } catch (error) {
    if (error instanceof BitbucketError && ['not-found', 'unauthorized', 'forbidden'].includes(error.kind)) {
      throw new UserError(
        `${error.message} (check --workspace, --repo, --pr, --api-url and the token's access)`,
      );
    }
    throw error;
  }
  const job: AnalysisJob = {
    version: 1,
    workspaceUuid: args.workspace,
    repositoryUuid: args.repo,
    pullRequestId: args.pr,
    sourceHash: pr.source.commit.hash,
    sourceBranch: pr.source.branch.name,
    destinationHash: pr.destination.commit.hash,
    destinationBranch: pr.destination.branch.name,
    receivedAt: new Date().toISOString(),
  };
  const outcome = await runPullRequest(job, {
    api,
    store: memoryStore(),
    publishPorts: { identity: memoryIdentity(await tokenUserUuid(api)) },
    clock,
    loadSettings: () => Promise.resolve({ layers: stored, notices: [] }),
    log: (message) => io.stderr(`lintel: ${message}\n`),
    analyzeChange: (input, options) => prebuiltEngine().analyzeChange(input, options),
  });
  io.stdout(describeOutcome(outcome, args));
  if (dryRun) io.stdout(describeWrites(dryRun.writes));
  if (outcome.action === 'published') return outcome.passed ? EXIT.passed : EXIT.gateFailed;
  return outcome.action === 'failed' ? EXIT.incomplete : EXIT.passed;
}
