/** publishResults against the Bitbucket emulator over real HTTP: idempotency, settings, faults, secrets. */
import { codeWindowsFor, memoryAnswerCache, type Llm } from '../../src/ai';
import { BitbucketApi } from '../../src/bitbucket/api';
import { BitbucketClient, systemClock } from '../../src/bitbucket/client';
import { HttpTransport } from '../../src/bitbucket/http-transport';
import { defaultSettings } from '../../src/settings/defaults';
import { memoryIdentity } from '../../src/publish/identity';
import { publishFailure, publishInProgress, publishResults } from '../../src/publish/publisher';
import { REPORT_ID } from '../../src/publish/report';
import { STATUS_KEY } from '../../src/publish/status';
import { SUMMARY_MARKER } from '../../src/publish/markers';
import { FAILED, PASSED, analysisWith } from './fixtures';
import {
  BRANCHES,
  FAKE_AWS_KEY,
  REPO,
  source,
  WORKSPACE,
  findingsForScenario,
  scenario,
  startWorld,
  type Scenario,
  type World,
} from './emulator-scenario';

describe('publishResults on the Bitbucket emulator', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());
  afterEach(() => {
    world.emulator.faults.clear();
    expect(world.emulator.violations).toEqual([]);
  });

  const state = (s: Scenario) => ({
    reports: world.emulator.state.reports(WORKSPACE, REPO, s.target.commit),
    annotations: world.emulator.state.annotations(WORKSPACE, REPO, s.target.commit, REPORT_ID),
    statuses: world.emulator.state.statuses(WORKSPACE, REPO, s.target.commit),
    comments: world.emulator.state.comments(WORKSPACE, REPO, s.target.pullRequest.id),
  });
  const analysis = analysisWith({ newFindings: findingsForScenario(), secrets: 1 });

  it('publishes once and again without duplicates, never leaking the secret', async () => {
    const s = await scenario(world, 'f1');
    const identity = memoryIdentity();
    const settings = defaultSettings();
    const first = await publishResults(s.api, s.target, analysis, FAILED, settings, { identity });
    expect(first.failed).toEqual([]);
    expect(first.published.sort()).toEqual([
      'annotations',
      'inline-comments',
      'report',
      'status',
      'summary-comment',
    ]);
    expect(first).toMatchObject({
      annotations: { published: 153, total: 153 },
      summaryComment: 'created',
      inlineComments: { posted: 3, alreadyPosted: 0 },
    });
    expect(await identity.get()).toMatch(/^\{.+\}$/);

    const second = await publishResults(s.api, s.target, analysis, FAILED, settings, { identity });
    expect(second.failed).toEqual([]);
    expect(second).toMatchObject({
      summaryComment: 'unchanged',
      inlineComments: { posted: 0, alreadyPosted: 3 },
    });

    const after = state(s);
    expect(after.reports).toHaveLength(1);
    expect(after.reports[0]).toMatchObject({
      result: 'FAILED',
      report_type: 'BUG',
      reporter: 'Lintel',
      link: expect.stringMatching(/^https:\/\/bitbucket\.org\//),
    });
    expect(after.annotations).toHaveLength(153);
    expect(after.statuses).toHaveLength(1);
    expect(after.statuses[0]).toMatchObject({ key: STATUS_KEY, state: 'FAILED', refname: 'f1' });
    const live = after.comments.filter((c) => !c.deleted);
    expect(live.filter((c) => JSON.stringify(c).includes(SUMMARY_MARKER.slice(0, 16)))).toHaveLength(1);
    expect(live.filter((c) => c.inline)).toHaveLength(3);
    expect(live).toHaveLength(4);

    // API calls per run: DELETE + PUT report, 2 annotation batches, 1 comment listing, summary POST,
    // 3 inline POSTs, status POST = 10; the re-run skips the unchanged summary and the inline comments.
    expect(first.apiCalls).toBe(10);
    expect(second.apiCalls).toBe(6);

    for (const body of s.bodies) expect(body).not.toContain(FAKE_AWS_KEY);
    expect(JSON.stringify(after)).not.toContain(FAKE_AWS_KEY);
  });

  it('edits the one summary comment when the result changes', async () => {
    const s = await scenario(world, 'f2');
    const identity = memoryIdentity();
    await publishResults(s.api, s.target, analysis, FAILED, defaultSettings(), { identity });
    const fixed = analysisWith();
    const outcome = await publishResults(s.api, s.target, fixed, PASSED, defaultSettings(), { identity });
    expect(outcome.summaryComment).toBe('updated');
    const after = state(s);
    const summaries = after.comments.filter((c) => !c.deleted && !c.inline);
    expect(summaries).toHaveLength(1);
    expect(JSON.stringify(summaries[0])).toContain('quality gate: passed');
    expect(after.annotations).toHaveLength(0); // the stale ones went with the deleted report
    expect(after.statuses).toEqual([expect.objectContaining({ state: 'SUCCESSFUL' })]);
  });

  it("creates its own summary when the marker is in someone else's comment and its uuid is not known yet", async () => {
    const s = await scenario(world, 'f9');
    const human = world.emulator.addUser({ displayName: 'Quoter' });
    const humanApi = new BitbucketApi(
      new BitbucketClient(new HttpTransport(world.emulator.baseUrl, human.token), { clock: systemClock() }),
    );
    await humanApi.createComment(
      s.target.repo,
      s.target.pullRequest.id,
      `${SUMMARY_MARKER}\n\nquoted Lintel output`,
    );
    const identity = memoryIdentity();
    const first = await publishResults(s.api, s.target, analysis, FAILED, defaultSettings(), { identity });
    expect(first.summaryComment).toBe('created');
    expect(first.failed).toEqual([]);
    const second = await publishResults(s.api, s.target, analysisWith(), PASSED, defaultSettings(), {
      identity,
    });
    expect(second.summaryComment).toBe('updated');
    const summaries = state(s).comments.filter((c) => !c.inline);
    expect(summaries).toHaveLength(2);
    expect(JSON.stringify(summaries[0])).toContain('quoted Lintel output');
    expect(JSON.stringify(summaries[1])).toContain('quality gate: passed');
  });

  it('publishes nothing to Code Insights or statuses when status checks are off', async () => {
    const s = await scenario(world, 'f3');
    const settings = { ...defaultSettings(), statusChecks: false };
    const outcome = await publishResults(s.api, s.target, analysis, FAILED, settings, {
      identity: memoryIdentity(),
    });
    expect(outcome.published).toEqual([]);
    expect(outcome.apiCalls).toBe(0);
    expect(outcome.skipped.map((x) => x.part).sort()).toEqual([
      'annotations',
      'inline-comments',
      'report',
      'status',
      'summary-comment',
    ]);
    expect(state(s)).toEqual({ reports: [], annotations: [], statuses: [], comments: [] });
  });

  it('posts no summary comment when summaries are off', async () => {
    const s = await scenario(world, 'f4');
    const settings = { ...defaultSettings(), summaries: false };
    const outcome = await publishResults(s.api, s.target, analysis, FAILED, settings, {
      identity: memoryIdentity(),
    });
    expect(outcome.summaryComment).toBeUndefined();
    const after = state(s);
    expect(after.comments.filter((c) => !c.inline)).toEqual([]);
    expect(after.reports).toHaveLength(1);
    expect(after.statuses).toHaveLength(1);
  });

  it('survives a burst of 429s', async () => {
    const s = await scenario(world, 'f5');
    world.emulator.faults.inject({ status: 429, times: 3 });
    const outcome = await publishResults(s.api, s.target, analysis, FAILED, defaultSettings(), {
      identity: memoryIdentity(),
    });
    expect(outcome.failed).toEqual([]);
    expect(outcome.apiCalls).toBe(13);
    expect(state(s).annotations).toHaveLength(153);
  });

  it('says in the report when an annotation batch could not be published, and still publishes the rest', async () => {
    const s = await scenario(world, 'f6');
    world.emulator.faults.inject({ method: 'POST', path: /\/annotations$/, status: 500, times: 4 });
    const outcome = await publishResults(s.api, s.target, analysis, FAILED, defaultSettings(), {
      identity: memoryIdentity(),
    });
    expect(outcome.failed).toEqual([
      {
        part: 'annotations',
        message: expect.stringMatching(/^153 of 153 annotations could not be published: .*HTTP 500/),
        // The error itself, for the pipeline to decide whether another attempt would complete the part.
        cause: expect.objectContaining({ kind: 'server', status: 500 }),
      },
    ]);
    expect(outcome.published.sort()).toEqual(['inline-comments', 'report', 'status', 'summary-comment']);
    const after = state(s);
    expect(after.annotations).toHaveLength(0);
    expect(after.reports).toHaveLength(1);
    expect(String(after.reports[0]!.details)).toContain(
      '153 of 153 annotations could not be published: Bitbucket call failed',
    );
    expect(after.statuses).toHaveLength(1);
  });

  it('marks the status in progress, then stopped with the reason on an unrecoverable error', async () => {
    const s = await scenario(world, 'f7');
    expect((await publishInProgress(s.api, s.target)).published).toEqual(['status']);
    expect(state(s).statuses).toEqual([expect.objectContaining({ state: 'INPROGRESS', key: STATUS_KEY })]);
    const outcome = await publishFailure(s.api, s.target, 'the diff could not be read');
    expect(outcome).toMatchObject({ published: ['status'], failed: [], apiCalls: 1 });
    const [status] = state(s).statuses;
    expect(status).toMatchObject({ state: 'STOPPED', key: STATUS_KEY });
    expect(String(status!.description)).toContain('the diff could not be read');
  });

  it('uses the AI review for inline comments and the summary when AI comments are on, but never for the secret', async () => {
    const s = await scenario(world, 'f8');
    const head = [{ path: 'src/app.ts', text: source(BRANCHES.indexOf('f8')) }];
    const codeWindows = codeWindowsFor(analysis.newFindings, head, analysis.newFindings);
    const prompts: string[] = [];
    // The model: no LLM runs locally, so a double answers in the requested JSON shape.
    const llm: Llm = {
      complete: (p) => {
        prompts.push(p.system + p.user);
        if (p.user.startsWith('{'))
          return Promise.resolve('{"overview": "Two tangled functions; look at them first."}');
        const line = /Location: src\/app\.ts line (\d+)/.exec(p.user)?.[1] ?? '1';
        return Promise.resolve(
          JSON.stringify({
            explanation: 'Split this function into smaller steps.',
            replacement: {
              startLine: Number(line),
              endLine: Number(line),
              code: 'export const simpler = 1;',
            },
            confidence: 0.9,
          }),
        );
      },
    };
    const outcome = await publishResults(
      s.api,
      { ...s.target, codeWindows },
      analysis,
      FAILED,
      { ...defaultSettings(), aiComments: true },
      { identity: memoryIdentity(), ai: { llm, cache: memoryAnswerCache() } },
    );
    expect(outcome.inlineComments).toMatchObject({ posted: 3, aiWritten: 2 });
    expect(outcome.ai).toMatchObject({ calls: 3, suggestions: 2, fellBack: 0 });
    expect(prompts).toHaveLength(3);
    expect(prompts.join('\n')).not.toContain('hard-coded-secret');
    expect(prompts.join('\n')).not.toContain(FAKE_AWS_KEY);
    const raw = (c: { content?: unknown }) => String((c.content as { raw?: unknown } | undefined)?.raw);
    const inline = state(s)
      .comments.filter((c) => c.inline)
      .map(raw);
    const aiWritten = inline.filter((text) => text.includes('Split this function into smaller steps'));
    expect(aiWritten).toHaveLength(2);
    for (const text of aiWritten) expect(text).toContain('```typescript\nexport const simpler = 1;\n```');
    const summary = state(s)
      .comments.filter((c) => !c.inline)
      .map(raw);
    expect(summary.join('\n')).toContain('Two tangled functions; look at them first\\.');
    for (const body of s.bodies) expect(body).not.toContain(FAKE_AWS_KEY);
  });
});
