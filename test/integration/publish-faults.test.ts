/**
 * Faults on the local platform (issue 10.4): 429 storms, 500s, writes Bitbucket applied but answered with 500, 555 on
 * diffs, and a consumer killed mid-publish (runtime.killInvocation, as a Lambda timeout would) — the real handlers,
 * Forge's retry semantics from the queue shim, faults from the Bitbucket emulator. Whatever happens on the way, the
 * pull request ends showing exactly what a run without faults shows: one report, one verdict status (never
 * INPROGRESS), one summary comment, each inline comment once (test/support/end-state.ts).
 *
 * The assertions are about that end state only, not about how many attempts or requests it took: the retry and
 * rate-budget mechanics may change without these tests noticing. Budgets are scaled to 1 % (the 900 s consumer gets
 * 9 s) and one Forge second of queue time is 1 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FaultSpec } from '../../dev/bitbucket-emulator';
import type { BitbucketRequestRecord, ForgeRuntime, KillSpec } from '../../dev/forge-runtime';
import { createSampleRepository, type SampleRepository } from '../../dev/demo/sample-repo';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import { expectSettledOn, type Shown } from '../support/end-state';
import { startSamplePullRequest, type SamplePullRequest } from '../support/sample-pull-request';

let workDir: string;
let sample: SampleRepository;
/** What the sample pull request shows after a run without faults. */
let baseline: Shown;

interface Settled {
  shown: Shown;
  /** Statuses of every answer the emulator gave, faults included. */
  answers: number[];
  /** Errors of the invocations that failed. */
  failures: string[];
}

async function settle(prepare: (world: SamplePullRequest, runtime: ForgeRuntime) => void): Promise<Settled> {
  const world = await startSamplePullRequest(sample);
  const runtime = world.runtime({ budgetScale: 0.01, delayMsPerSecond: 1 });
  try {
    prepare(world, runtime);
    await runtime.fireProductEvent(world.created());
    await runtime.idle();
    world.emulator.faults.clear();
    return {
      shown: expectSettledOn(world, runtime, world.pr, world.pr.sourceCommit),
      answers: world.emulator.requests.map((r) => r.status),
      failures: runtime.invocations.flatMap((i) => (i.ok ? [] : [String(i.error)])),
    };
  } finally {
    runtime.uninstall();
    await world.emulator.close();
  }
}

/** Settles with the faults injected, and checks every one of them was hit. */
async function withFaults(...faults: (FaultSpec & { status: number; times: number })[]): Promise<Shown> {
  const { shown, answers } = await settle(({ emulator }) => faults.forEach((f) => emulator.faults.inject(f)));
  for (const status of new Set(faults.map((f) => f.status))) {
    const injected = faults.filter((f) => f.status === status).reduce((n, f) => n + f.times, 0);
    expect(answers.filter((a) => a === status).length).toBeGreaterThanOrEqual(injected);
  }
  return shown;
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-faults-'));
  sample = await createSampleRepository(workDir);
  ({ shown: baseline } = await settle(() => undefined));
  // The sample pull request fails its gate and gets inline comments: every part of publishing is exercised.
  expect(baseline.report?.result).toBe('FAILED');
  expect(baseline.inlineMarkers.length).toBeGreaterThanOrEqual(2);
});

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

test('a 429 storm on reads ends as a run without faults does', async () => {
  expect(await withFaults({ method: 'GET', status: 429, times: 12 })).toEqual(baseline);
});

test('a 429 storm on writes ends as a run without faults does', async () => {
  const shown = await withFaults(
    { method: 'POST', status: 429, times: 12 },
    { method: 'PUT', status: 429, times: 4 },
  );
  expect(shown).toEqual(baseline);
});

test('500s on every kind of request end as a run without faults does', async () => {
  expect(await withFaults({ status: 500, times: 10 })).toEqual(baseline);
});

test('comments Bitbucket created but answered with 500 are not posted twice', async () => {
  // A gateway timeout after the write: the comment exists, the client hears 500 (and may retry the POST).
  const shown = await withFaults({
    method: 'POST',
    path: /\/comments$/,
    status: 500,
    afterApplying: true,
    times: 3,
  });
  expect(shown).toEqual(baseline);
});

test('555 on diffs ends as a run without faults does', async () => {
  expect(await withFaults({ method: 'GET', path: /\/diff\//, status: 555, times: 3 })).toEqual(baseline);
});

test('a 429 storm on the writes of a chunked run waits for budget and ends as a run without faults does', async () => {
  const saved = process.env[BUDGET_VARIABLES.maxFiles];
  process.env[BUDGET_VARIABLES.maxFiles] = '1';
  try {
    let logs: () => string[] = () => [];
    const { shown, answers, failures } = await settle(({ emulator }, runtime) => {
      emulator.faults.inject({ method: 'POST', path: /\/comments$/, status: 429, times: 12 });
      emulator.faults.inject({ method: 'PUT', status: 429, times: 4 });
      logs = () => runtime.logs.map((l) => l.message);
    });
    expect(answers.filter((a) => a === 429).length).toBeGreaterThanOrEqual(16);
    // The publisher waited on the queue instead of failing into one of Forge's retries (docs/rate-limits.md).
    expect(failures).toEqual([]);
    expect(logs().filter((m) => /^Retrying event/.test(m))).toEqual([]);
    expect(
      logs().some((m) => m.startsWith('Lintel: Waiting for API budget: Bitbucket refused requests')),
    ).toBe(true);
    expect(shown).toEqual(baseline);
  } finally {
    if (saved === undefined) delete process.env[BUDGET_VARIABLES.maxFiles];
    else process.env[BUDGET_VARIABLES.maxFiles] = saved;
  }
});

const writeTo =
  (method: string, pathPattern: RegExp) =>
  (r: BitbucketRequestRecord): boolean =>
    r.method === method && pathPattern.test(r.path);

describe('a consumer killed mid-publish, then delivered again by Forge', () => {
  const cases: [string, Omit<KillSpec, 'functionKey'>][] = [
    ['after setting INPROGRESS', { matching: writeTo('POST', /\/statuses\/build$/), afterRequests: 1 }],
    ['after writing the report', { matching: writeTo('PUT', /\/reports\/[^/]+$/), afterRequests: 1 }],
    ['after posting annotations', { matching: writeTo('POST', /\/annotations$/), afterRequests: 1 }],
    ['after creating the summary comment', { matching: writeTo('POST', /\/comments$/), afterRequests: 1 }],
    ['after the first inline comment', { matching: writeTo('POST', /\/comments$/), afterRequests: 2 }],
    ['after the final status', { matching: writeTo('POST', /\/statuses\/build$/), afterRequests: 2 }],
    [
      'out of memory after the first inline comment',
      { matching: writeTo('POST', /\/comments$/), afterRequests: 2, reason: 'FUNCTION_OUT_OF_MEMORY' },
    ],
  ];

  test.each(cases)('%s', async (_name, kill) => {
    const { shown, failures } = await settle((_world, runtime) =>
      runtime.killInvocation({ functionKey: 'run-analysis', ...kill }),
    );
    expect(failures).toEqual([
      expect.stringMatching(/^FUNCTION_(TIME_OUT|OUT_OF_MEMORY): .* was killed mid-flight/),
    ]);
    expect(shown).toEqual(baseline);
  });

  test('the publisher of a chunked run, after creating the summary comment', async () => {
    // More than one changed file is a large pull request here: the sample's three files are analysed as a chunk set.
    const saved = process.env[BUDGET_VARIABLES.maxFiles];
    process.env[BUDGET_VARIABLES.maxFiles] = '1';
    try {
      const { shown, failures } = await settle((_world, runtime) =>
        runtime.killInvocation({
          functionKey: 'run-analysis',
          matching: writeTo('POST', /\/comments$/),
          afterRequests: 1,
        }),
      );
      expect(failures).toEqual([expect.stringMatching(/^FUNCTION_TIME_OUT: .* was killed mid-flight/)]);
      expect(shown).toEqual(baseline);
    } finally {
      if (saved === undefined) delete process.env[BUDGET_VARIABLES.maxFiles];
      else process.env[BUDGET_VARIABLES.maxFiles] = saved;
    }
  });
});
