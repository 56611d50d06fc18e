/**
 * Load on the local platform (issue 10.5): 50 pull-request events across 10 repositories of one workspace, delivered
 * at once — and each delivered a second time, as Forge's product events may be — through the real trigger, queue and
 * consumer. Every pull request ends analysed, with its own verdict published once; nothing is lost or duplicated.
 * `npm run bench` measures the same world (bench/load.ts).
 */
import { deliverConcurrently, startLoadWorld, type LoadWorld } from '../../bench/load-world';
import { expectSettledOn } from '../support/end-state';
import { APP_ROOT, bundledFunctionsDir } from '../support/forge-app';

let world: LoadWorld;

beforeAll(async () => {
  world = await startLoadWorld({
    repositories: 10,
    pullRequestsPerRepository: 5,
    appRoot: APP_ROOT,
    functionsDir: bundledFunctionsDir(),
    runtime: { delayMsPerSecond: 1 },
  });
});
afterAll(() => world.close());

test('50 pull requests delivered at once, each twice: every one analysed and published exactly once', async () => {
  const { runtime, pullRequests } = world;
  expect(pullRequests).toHaveLength(50);
  await Promise.all([deliverConcurrently(world), deliverConcurrently(world)]);

  for (const { repository, ids, pr } of pullRequests) {
    const shown = expectSettledOn(
      { emulator: world.emulator, repository, ids },
      runtime,
      pr,
      pr.sourceCommit,
    );
    // Each pull request's own finding, commented once on its own pull request.
    expect(shown.statuses.map((s) => s.state)).toEqual(['FAILED']);
    expect(shown.inlineMarkers).toHaveLength(1);
  }
  // No delivery ended in an error, and every pull request was analysed by a consumer run of its own.
  expect(runtime.invocations.filter((i) => !i.ok)).toEqual([]);
  const published = runtime.logs.filter((l) => /^Lintel published pull request #\d+/.test(l.message));
  expect(published).toHaveLength(50);
  // 100 deliveries and 50 whole runs in one process on a shared machine: more than Jest's default minute.
}, 180_000);
