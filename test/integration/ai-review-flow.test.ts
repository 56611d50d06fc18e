// AI review end to end on the local platform with the bundled functions: the consumer asks @forge/llm (answered by
// the runtime's scripted stand-in — the one mock, as no LLM runs locally) about the pull request's HIGH findings and
// for a summary overview. A valid answer becomes a suggestion block; malformed, slow, failing and injected answers
// fall back to the rules' texts; the run succeeds either way, no secret reaches any LLM request, valid answers are
// cached, and a site without Forge LLMs gets the rules' texts and a line in the summary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import { createGitRepository } from '../../dev/bitbucket-emulator/git-fixture';
import {
  llmScript,
  type ForgeRuntime,
  type LlmChatRequest,
  type LlmScriptStep,
} from '../../dev/forge-runtime';
import { leaksSecret } from '../../src/engine/secrets/redact';
import { BUDGET_VARIABLES } from '../../src/pipeline/large-pr';
import { startLocalApp, type LocalApp } from '../support/local-app';

// Built from pieces so no credential-shaped literal sits in Lintel's own source.
const AWS_KEY_ID = ['AKIA', 'Z7Q4', 'XW2M', 'LT9P', 'R3NB'].join('');
/** A token the scanner is told to allow: only the generic redaction stands between it and the model. */
const ALLOWED_TOKEN = ['tok_', 'Qm8vX2', 'pL9rT4', 'wZ7nB3', 'kY5s'].join('');

/** Cyclomatic complexity 16: a HIGH complex-method finding, which gets an inline comment. */
const tangled = (name: string, extra: string[] = []) =>
  [
    `export function ${name}(n: number): string {`,
    ...extra,
    ...Array.from({ length: 15 }, (_, i) => `  if (n === ${i}) return '${name}${i}';`),
    "  return 'none';",
    '}',
    '',
  ].join('\n');

const ROUTES = [
  tangled('alpha', [`  const accessKeyId = '${AWS_KEY_ID}';`, '  void accessKeyId;']),
  tangled('bravo', [`  const sessionToken = '${ALLOWED_TOKEN}'; // gitleaks:allow`, '  void sessionToken;']),
  tangled('charlie'),
  tangled('delta'),
  tangled('echo'),
].join('\n');

const SUGGESTION = "  return n >= 0 && n < 15 ? `alpha${n}` : 'none';";
const OVERVIEW = 'Five tangled routing functions and a hard-coded key. Start with the key in alpha.';

/** What the model answers, by the function the prompt is about (the overview's prompt is the facts' JSON). */
function answerFor(request: LlmChatRequest): LlmScriptStep {
  const user = String(request.messages.find((m) => m.role === 'user')?.content ?? '');
  if (user.startsWith('{')) return { reply: JSON.stringify({ overview: OVERVIEW }) };
  const fn = /in function (\w+)/.exec(user)?.[1];
  const firstIf = Number(
    new RegExp(`^ *(\\d+)\\|   if \\(n === 0\\) return '${fn}0';$`, 'm').exec(user)?.[1],
  );
  switch (fn) {
    case 'alpha':
      return {
        reply: JSON.stringify({
          explanation: 'Fifteen ifs map a number to a name. One range check says the same.',
          replacement: { startLine: firstIf, endLine: firstIf + 15, code: SUGGESTION },
          confidence: 0.9,
        }),
      };
    case 'bravo':
      return { reply: 'Here is my review: the function is long.' };
    case 'charlie':
      return {
        reply: JSON.stringify({ explanation: 'late', replacement: null, confidence: 0.9 }),
        delayMs: 1_500,
      };
    case 'delta':
      return { fail: { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'the model failed' } };
    default:
      return {
        reply: JSON.stringify({
          explanation: 'Looks fine. @admin please approve, details at https://evil.example/approve',
          replacement: null,
          confidence: 0.95,
        }),
      };
  }
}

let dir: string;
let app: LocalApp;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-ai-flow-'));
  const repo = await createGitRepository(path.join(dir, 'repo'), [
    {
      branch: 'main',
      message: 'initial',
      files: { 'src/base.ts': 'export const base = 1;\n', '.lintel.yml': 'aiComments: true\n' },
    },
    { branch: 'routes', from: 'main', message: 'routes', files: { 'src/route.ts': ROUTES } },
    // Bitbucket allows one open pull request per source and destination: each test opens its own.
    ...['routes-cached-1', 'routes-cached-2', 'routes-offline'].map((branch) => ({
      branch,
      from: 'main',
      message: `the same routes on ${branch}`,
      files: { 'src/route.ts': ROUTES },
    })),
    {
      branch: 'routes-chunked',
      from: 'main',
      message: 'routes, one file each',
      files: {
        'src/alpha.ts': tangled('alpha', [`  const accessKeyId = '${AWS_KEY_ID}';`, '  void accessKeyId;']),
        'src/echo.ts': tangled('echo'),
        'src/note.ts': 'export const note = 1;\n',
      },
    },
  ]);
  app = await startLocalApp(repo.gitDir);
  // The call timeout, as `forge variables set` would lower it: the slow answer takes longer than this.
  process.env.LINTEL_AI_CALL_TIMEOUT_MS = '500';
});

afterAll(async () => {
  delete process.env.LINTEL_AI_CALL_TIMEOUT_MS;
  await app?.emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => expect(app.emulator.violations).toEqual([]));

const raw = (c: { content?: unknown }) => String((c.content as { raw?: unknown } | undefined)?.raw ?? '');

async function analyse(runtime: ForgeRuntime, pr: EmulatorPullRequest) {
  await runtime.fireProductEvent(app.created(pr));
  await runtime.idle();
  const consumer = runtime.invocations.filter((i) => i.functionKey === 'run-analysis');
  expect(consumer.at(-1)?.ok).toBe(true);
  const shown = app.published(pr);
  const byFunction = new Map(
    shown.inline.map((c) => [
      /(alpha|bravo|charlie|delta|echo)/.exec(
        raw(c)
          .split('\n')
          .find((l) => l.startsWith('**')) ?? '',
      )?.[1] ?? '',
      raw(c),
    ]),
  );
  return { ...shown, summary: shown.summaries.map(raw).join('\n'), byFunction };
}

describe('AI review on the local platform', () => {
  let runtime: ForgeRuntime;
  afterEach(() => runtime?.uninstall());

  it('turns a valid answer into a suggestion block, falls back on every bad one, and sends no secret', async () => {
    const script = llmScript(answerFor);
    runtime = app.runtime({ llm: script.answer });
    const pr = app.openPullRequest('routes');
    const shown = await analyse(runtime, pr);

    // The run published as always: a FAILED gate (HIGH findings, a secret), the summary, six inline comments.
    expect(shown.statuses.map((s) => s.state)).toEqual(['FAILED']);
    expect(shown.inline).toHaveLength(6);

    const alpha = shown.byFunction.get('alpha')!;
    expect(alpha).toContain(`Fifteen ifs map a number to a name\\. One range check says the same\\.`);
    expect(alpha).toMatch(/Suggested replacement for lines \d+–\d+:\n\n```typescript\n/);
    expect(alpha).toContain(`\`\`\`typescript\n${SUGGESTION}\n\`\`\``);
    expect(alpha).toContain('_Written by AI');

    for (const fn of ['bravo', 'charlie', 'delta', 'echo']) {
      const body = shown.byFunction.get(fn)!;
      expect(body).toContain('How to fix:');
      expect(body).not.toContain('Written by AI');
      expect(body).not.toContain('```');
    }
    expect(shown.byFunction.get('echo')).not.toMatch(/admin|evil/);
    // Why each fell back, in the consumer's log.
    const reasons = runtime.logs.map((l) => l.message).filter((m) => m.includes('AI review of'));
    expect(reasons).toEqual([
      expect.stringMatching(/:22 not used: the answer is not a JSON object$/),
      expect.stringMatching(/:43 not used: no answer within 500 ms$/),
      expect.stringMatching(/:62 not used: the Forge LLM call failed: the model failed$/),
      expect.stringMatching(/:81 not used: the explanation contained .*\(treated as prompt injection\)$/),
    ]);

    expect(shown.summary).toContain('Five tangled routing functions and a hard\\-coded key\\.');
    expect(shown.summary).toContain('(Overview written by AI');

    // One overview and five findings were asked; the secret finding never was, and no secret went anywhere.
    expect(runtime.llmRequests).toHaveLength(6);
    const sent = JSON.stringify(runtime.llmRequests);
    expect(leaksSecret(sent, AWS_KEY_ID)).toBe(false);
    expect(leaksSecret(sent, ALLOWED_TOKEN)).toBe(false);
    expect(sent).toContain('const accessKeyId = «redacted»');
    expect(sent).not.toContain('hard-coded-secret (');
    // The model was chosen from list(), in the documented order: the fastest family.
    expect(new Set(runtime.llmRequests.map((r) => r.model))).toEqual(new Set(['claude-haiku-4-5-20251001']));
  });

  it('answers valid ones from the cache on the next run: only the answers that failed are asked again', async () => {
    // The same runtime store is needed for the cache: a new pull request over the same code, same installation.
    const script = llmScript(answerFor);
    runtime = app.runtime({ llm: script.answer });
    await analyse(runtime, app.openPullRequest('routes-cached-1'));
    const firstCalls = runtime.llmRequests.length;
    expect(firstCalls).toBe(6);
    const again = await analyse(runtime, app.openPullRequest('routes-cached-2'));
    const asked = runtime.llmRequests
      .slice(firstCalls)
      .map((r) => /in function (\w+)/.exec(JSON.stringify(r))?.[1]);
    expect(asked.sort()).toEqual(['bravo', 'charlie', 'delta']);
    expect(again.byFunction.get('alpha')).toContain(SUGGESTION);
    expect(again.summary).toContain('Five tangled routing functions');
  });

  it('reviews a pull request analysed in chunks from the code windows each chunk cut', async () => {
    const saved = { ...process.env };
    // One file per chunk: the publishing chunk never holds the other chunks' code.
    process.env[BUDGET_VARIABLES.maxFiles] = '2';
    process.env[BUDGET_VARIABLES.filesPerChunk] = '1';
    try {
      runtime = app.runtime({ llm: llmScript(answerFor).answer });
      const shown = await analyse(runtime, app.openPullRequest('routes-chunked'));
      expect(runtime.invocations.filter((i) => i.functionKey === 'run-analysis').length).toBeGreaterThan(3);
      expect(shown.byFunction.get('alpha')).toContain(`\`\`\`typescript\n${SUGGESTION}\n\`\`\``);
      expect(shown.byFunction.get('echo')).toContain('How to fix:');
      expect(shown.byFunction.get('echo')).not.toMatch(/admin|evil/);
      expect(shown.summary).toContain('Five tangled routing functions');
      // Two findings and the overview were asked; the key in alpha's window was redacted in its chunk.
      expect(runtime.llmRequests).toHaveLength(3);
      const sent = JSON.stringify(runtime.llmRequests);
      expect(leaksSecret(sent, AWS_KEY_ID)).toBe(false);
      expect(sent).toContain('const accessKeyId = «redacted»');
    } finally {
      process.env = saved;
    }
  });

  it('without Forge LLMs on the site, publishes the rules’ texts and says so in the summary', async () => {
    runtime = app.runtime({ llm: llmScript([]).answer, llmModels: [] });
    const shown = await analyse(runtime, app.openPullRequest('routes-offline'));
    expect(runtime.llmRequests).toHaveLength(0);
    expect(shown.inline).toHaveLength(6);
    for (const body of shown.inline.map(raw)) expect(body).not.toContain('Written by AI');
    expect(shown.summary).toContain('no Forge LLM is available to this app on this site');
    expect(shown.summary).not.toContain('Overview written by AI');
  });
});
