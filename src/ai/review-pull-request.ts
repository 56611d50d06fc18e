/**
 * The AI review of one run: for the top new HIGH and CRITICAL findings, an explanation and a suggested replacement
 * of the code; for the summary, two or three sentences on the change's risk. Every answer is cached, validated,
 * sanitised and judged before use; anything short of a good answer — no model, a failure, a timeout, a malformed,
 * low-confidence or injection-laden answer, a spent budget — leaves that finding with the rule's text and the
 * summary without an overview. Nothing here throws: the run publishes either way.
 */
import { ruleById } from '../engine/rules';
import type { Finding } from '../engine/types';
import { DEFAULT_AI_LIMITS, type AiLimits } from './ai-limits';
import { findingAnswerId, overviewAnswerId, type AiAnswerCache } from './answer-cache';
import type { CodeWindow } from './code-window';
import { isSecretFinding, type FindingExplanation } from './finding-explanation';
import { llmFailureKind, type Llm, type LlmPrompt } from './llm';
import { overviewPrompt, type OverviewFacts } from './overview-prompt';
import {
  checkReviewAnswer,
  EXPLANATION_MAX_CHARS,
  firstSentences,
  MIN_CONFIDENCE,
  OVERVIEW_MAX_CHARS,
  OVERVIEW_MAX_SENTENCES,
  overviewAnswerSchema,
  parseOverviewAnswer,
  parseReviewAnswer,
  parseWith,
  reviewAnswerSchema,
  type Parsed,
  type ReviewAnswer,
} from './review-answer';
import { reviewPrompt } from './review-prompt';
import { foreignContentIn, sanitizeAiText } from './sanitize-ai-text';

/** A call is not started with less time than this left: its answer could not arrive. */
const MIN_CALL_MS = 500;

export interface AiReviewPorts {
  llm: Llm;
  cache?: AiAnswerCache;
  limits?: AiLimits;
  now?: () => number;
  /** How long the review may still take inside the invocation (src/pipeline/run-budget.ts: aiBudgetMs). */
  timeLeftMs?: () => number;
  /** Links starting with this (the rules' documentation) may stay in AI text; every other link is removed. */
  rulesDocUrl?: string;
  log?: (message: string) => void;
}

export interface AiReviewRequest {
  /** The findings getting an inline comment this run, in comment order. */
  findings: readonly Finding[];
  /** Redacted code windows by fingerprint (./code-window.ts); a finding without one is not sent. */
  windows: ReadonlyMap<string, CodeWindow>;
  /** AI-written inline comments already on the pull request: they count against findingsPerPullRequest. */
  alreadyReviewed: number;
  /** Facts for the summary's overview; absent when there is no summary comment. */
  overview?: OverviewFacts;
}

export interface AiReviewStats {
  calls: number;
  cached: number;
  suggestions: number;
  fellBack: number;
}

export interface AiReviewResult {
  /** AI explanations by fingerprint; a finding not here keeps the rule's text. */
  explanations: Map<string, FindingExplanation>;
  overview?: string;
  /** A line for the summary when the review could not run as asked (no model, rate limit, time). */
  notice?: string;
  stats: AiReviewStats;
  /** Why each answer that was asked for was not used. */
  fallbacks: { subject: string; reason: string }[];
}

type Task =
  | { kind: 'overview'; subject: string; prompt: LlmPrompt; id: string }
  | { kind: 'finding'; subject: string; prompt: LlmPrompt; id: string; finding: Finding; window: CodeWindow };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The explanation a valid answer makes, or why it must not be used. */
export function explanationFrom(
  answer: ReviewAnswer,
  window: CodeWindow,
  rulesDocUrl?: string,
): Parsed<FindingExplanation> {
  const sanitized = sanitizeAiText(answer.explanation, {
    ...(rulesDocUrl ? { allowedLinkPrefixes: [rulesDocUrl] } : {}),
    maxChars: EXPLANATION_MAX_CHARS,
  });
  if (sanitized.removed.length > 0) {
    return {
      ok: false,
      problem: `the explanation contained ${sanitized.removed.join(', ')} (treated as prompt injection)`,
    };
  }
  if (sanitized.text === '') return { ok: false, problem: 'the explanation is empty' };
  if (answer.confidence < MIN_CONFIDENCE) {
    return { ok: false, problem: `low confidence (${answer.confidence} < ${MIN_CONFIDENCE})` };
  }
  const r = answer.replacement;
  if (!r) return { ok: true, value: { text: sanitized.text, source: 'ai', confidence: answer.confidence } };
  const foreign = foreignContentIn(r.code, window.lines.join('\n'));
  if (foreign.length > 0) {
    return {
      ok: false,
      problem: `the replacement brings ${foreign.join(', ')} the code did not have (treated as prompt injection)`,
    };
  }
  const original = window.lines
    .slice(r.startLine - window.startLine, r.endLine - window.startLine + 1)
    .join('\n');
  const code = r.code.replace(/\s+$/, '');
  const changes = code.trim() !== '' && code !== original.replace(/\s+$/, '');
  return {
    ok: true,
    value: {
      text: sanitized.text,
      source: 'ai',
      confidence: answer.confidence,
      ...(changes ? { suggestion: { startLine: r.startLine, endLine: r.endLine, code } } : {}),
    },
  };
}

/** The overview a valid answer makes, or why it must not be used. */
export function overviewFrom(text: string, rulesDocUrl?: string): Parsed<string> {
  const sanitized = sanitizeAiText(text.replace(/\s+/g, ' '), {
    ...(rulesDocUrl ? { allowedLinkPrefixes: [rulesDocUrl] } : {}),
  });
  if (sanitized.removed.length > 0) {
    return {
      ok: false,
      problem: `the overview contained ${sanitized.removed.join(', ')} (treated as prompt injection)`,
    };
  }
  const overview = sanitizeAiText(firstSentences(sanitized.text, OVERVIEW_MAX_SENTENCES), {
    maxChars: OVERVIEW_MAX_CHARS,
  }).text;
  return overview === '' ? { ok: false, problem: 'the overview is empty' } : { ok: true, value: overview };
}

function tasksFor(request: AiReviewRequest, limits: AiLimits): Task[] {
  const tasks: Task[] = [];
  if (request.overview) {
    const prompt = overviewPrompt(request.overview);
    tasks.push({ kind: 'overview', subject: 'the overview', prompt, id: overviewAnswerId(prompt) });
  }
  const room = Math.max(0, limits.findingsPerPullRequest - request.alreadyReviewed);
  for (const finding of request.findings) {
    if (tasks.filter((t) => t.kind === 'finding').length >= room) break;
    const rule = ruleById(finding.ruleId)?.meta;
    const window = request.windows.get(finding.fingerprint);
    if (!rule || !window || isSecretFinding(finding)) continue;
    tasks.push({
      kind: 'finding',
      subject: `${finding.ruleId} at ${finding.path}:${finding.line}`,
      prompt: reviewPrompt(finding, rule, window),
      id: findingAnswerId(finding.fingerprint, window),
      finding,
      window,
    });
  }
  return tasks;
}

/** A cached answer that still passes validation, or undefined. */
async function cachedAnswer(task: Task, cache: AiAnswerCache | undefined): Promise<unknown> {
  if (!cache) return undefined;
  let stored: unknown;
  try {
    stored = await cache.get(task.id);
  } catch {
    return undefined;
  }
  if (stored === undefined || stored === null) return undefined;
  if (task.kind === 'overview') {
    const parsed = parseWith(overviewAnswerSchema, stored);
    return parsed.ok ? parsed.value : undefined;
  }
  const parsed = parseWith(reviewAnswerSchema, stored);
  if (!parsed.ok) return undefined;
  const checked = checkReviewAnswer(parsed.value, task.window);
  return checked.ok ? checked.value : undefined;
}

const NOTICES = {
  unavailable: (reason: string) =>
    `AI review is on, but no Forge LLM is available to this app on this site (${reason}); the comments use the rules' texts. Forge LLMs must be enabled for the site by Atlassian (docs/ai.md).`,
  'rate-limited': () =>
    "AI review stopped early: Forge's limit of LLM requests per minute was reached; the other comments use the rules' texts.",
  time: () =>
    "AI review stopped early to stay inside the analysis' time budget; the other comments use the rules' texts.",
} as const;

export async function reviewPullRequest(
  request: AiReviewRequest,
  ports: AiReviewPorts,
): Promise<AiReviewResult> {
  const limits = ports.limits ?? DEFAULT_AI_LIMITS;
  const now = ports.now ?? Date.now;
  const log = ports.log ?? (() => undefined);
  const deadline =
    now() + Math.max(0, Math.min(limits.totalMs, ports.timeLeftMs?.() ?? Number.POSITIVE_INFINITY));
  const result: AiReviewResult = {
    explanations: new Map(),
    stats: { calls: 0, cached: 0, suggestions: 0, fellBack: 0 },
    fallbacks: [],
  };
  const fallBack = (task: Task, reason: string) => {
    result.stats.fellBack += 1;
    result.fallbacks.push({ subject: task.subject, reason });
    log(`AI review of ${task.subject} not used: ${reason}`);
  };
  /** Set once no further call may be made this run. */
  let stopped: string | undefined;

  const ask = async (task: Task): Promise<Parsed<unknown>> => {
    if (stopped) return { ok: false, problem: stopped };
    if (result.stats.calls >= limits.callsPerRun) {
      return { ok: false, problem: `the cap of ${limits.callsPerRun} LLM calls per run was reached` };
    }
    const left = deadline - now();
    if (left < MIN_CALL_MS) {
      stopped = 'no time left in the budget for AI review';
      result.notice ??= NOTICES.time();
      return { ok: false, problem: stopped };
    }
    result.stats.calls += 1;
    let reply: string;
    try {
      reply = await withTimeout(ports.llm.complete(task.prompt), Math.min(limits.callTimeoutMs, left));
    } catch (error) {
      const kind = error instanceof TimeoutError ? 'failed' : llmFailureKind(error);
      if (kind === 'unavailable') {
        stopped = `no LLM available: ${describe(error)}`;
        result.notice ??= NOTICES.unavailable(describe(error));
      } else if (kind === 'rate-limited') {
        stopped = `rate limited: ${describe(error)}`;
        result.notice ??= NOTICES['rate-limited']();
      }
      return { ok: false, problem: describe(error) };
    }
    const parsed =
      task.kind === 'overview' ? parseOverviewAnswer(reply) : parseReviewAnswer(reply, task.window);
    // Only a valid answer is kept: a malformed one may be a passing glitch worth a call next time.
    if (parsed.ok && ports.cache) {
      try {
        await ports.cache.set(task.id, parsed.value);
      } catch (error) {
        log(`could not cache the AI answer for ${task.subject}: ${describe(error)}`);
      }
    }
    return parsed;
  };

  for (const task of tasksFor(request, limits)) {
    const cached = await cachedAnswer(task, ports.cache);
    if (cached !== undefined) result.stats.cached += 1;
    const answer: Parsed<unknown> = cached !== undefined ? { ok: true, value: cached } : await ask(task);
    if (!answer.ok) {
      fallBack(task, answer.problem);
      continue;
    }
    if (task.kind === 'overview') {
      const overview = overviewFrom((answer.value as { overview: string }).overview, ports.rulesDocUrl);
      if (overview.ok) result.overview = overview.value;
      else fallBack(task, overview.problem);
      continue;
    }
    const explanation = explanationFrom(answer.value as ReviewAnswer, task.window, ports.rulesDocUrl);
    if (!explanation.ok) {
      fallBack(task, explanation.problem);
      continue;
    }
    result.explanations.set(task.finding.fingerprint, explanation.value);
    if (explanation.value.suggestion) result.stats.suggestions += 1;
  }
  return result;
}
