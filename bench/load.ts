/**
 * Load on the local platform (issue 10.5): 50 pull-request events across 10 repositories of one workspace delivered
 * at once to the real trigger, queue and consumer (bench/load-world.ts). Prints throughput (pull requests analysed
 * per minute of wall time), Bitbucket API requests per pull request, peak RSS, and whether every pull request got
 * exactly one report, one verdict status and one summary comment, as one JSON line; `--table` prints it readable.
 * `--repositories N` and `--pull-requests N` (per repository) change the size. The workspace has Bitbucket's largest
 * scaled API limit (10,000 an hour): at the base 1,000 the 50 runs use most of the hour's budget. The shim runs every consumer in this
 * one process on this machine's cores, so throughput is a floor for what Forge's separate invocations would reach.
 */
import path from 'node:path';
import { ensureForgeBundle } from '../dev/forge-bundle';
import { deliverConcurrently, LOAD_REQUESTS_PER_HOUR, LOAD_WORKSPACE, startLoadWorld } from './load-world';

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} needs a whole number of 1 or more, got ${process.argv[at + 1]}`);
  return value;
}

async function main(): Promise<void> {
  const repositories = numberArg('--repositories', 10);
  const perRepository = numberArg('--pull-requests', 5);
  const appRoot = path.resolve(__dirname, '..');
  const world = await startLoadWorld({
    repositories,
    pullRequestsPerRepository: perRepository,
    appRoot,
    // What `forge deploy` ships: the functions as Forge's bundler wrote them (dev/forge-bundle).
    functionsDir: ensureForgeBundle(appRoot).dir,
  });
  const { emulator, runtime, pullRequests } = world;

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  await deliverConcurrently(world);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  const settled = pullRequests.filter(({ repository, pr }) => {
    const reports = emulator.state.reports(LOAD_WORKSPACE, repository, pr.sourceCommit);
    const statuses = emulator.state.statuses(LOAD_WORKSPACE, repository, pr.sourceCommit);
    const summaries = emulator.state
      .comments(LOAD_WORKSPACE, repository, pr.id)
      .filter(
        (c) =>
          !c.deleted && !c.inline && String((c.content as { raw: string }).raw).includes('[lintel:summary]'),
      );
    return (
      reports.length === 1 &&
      statuses.length === 1 &&
      ['SUCCESSFUL', 'FAILED'].includes(String(statuses[0]?.state)) &&
      summaries.length === 1
    );
  }).length;
  const consumers = runtime.invocations.filter((i) => i.functionKey === 'run-analysis');
  const result = {
    repositories,
    pullRequests: pullRequests.length,
    settled,
    seconds,
    pullRequestsPerMinute: (pullRequests.length / seconds) * 60,
    apiRequests: emulator.requests.length,
    apiRequestsPerPullRequest: emulator.requests.length / pullRequests.length,
    rateLimited: emulator.requests.filter((r) => r.status === 429).length,
    workspaceRequestsPerHour: LOAD_REQUESTS_PER_HOUR,
    consumerInvocations: consumers.length,
    slowestInvocationMs: Math.max(...consumers.map((c) => c.durationMs)),
    peakRssMb: peak / 1024 / 1024,
    violations: emulator.violations.length,
    failures: runtime.invocations.filter((i) => !i.ok).map((f) => `${f.functionKey}: ${f.error}`),
  };
  await world.close();
  if (process.argv.includes('--table')) {
    console.log(
      `${result.pullRequests} pull requests in ${repositories} repositories, delivered at once; ${settled} settled with one report, status and summary`,
    );
    console.log(
      `wall time ${seconds.toFixed(2)} s: ${result.pullRequestsPerMinute.toFixed(0)} pull requests/min`,
    );
    console.log(
      `API requests ${result.apiRequests}: ${result.apiRequestsPerPullRequest.toFixed(1)} per pull request (${result.rateLimited} answered 429; workspace limit ${LOAD_REQUESTS_PER_HOUR}/hour)`,
    );
    console.log(
      `consumer invocations ${result.consumerInvocations}, slowest ${result.slowestInvocationMs.toFixed(0)} ms`,
    );
    console.log(`peak RSS ${result.peakRssMb.toFixed(0)} MB; OpenAPI violations ${result.violations}`);
    for (const f of result.failures) console.log(`FAILED ${f}`);
  } else {
    console.log(JSON.stringify(result));
  }
  if (result.failures.length > 0 || result.violations > 0 || settled !== pullRequests.length)
    process.exitCode = 1;
}

void main();
