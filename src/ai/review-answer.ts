/**
 * The model's answers, validated before anything of them is used: one JSON object of the requested shape (zod), a
 * replacement that names lines of the excerpt it was shown and fits in a comment. Anything else is a malformed
 * answer, and the caller falls back to the rule's text.
 */
import { z } from 'zod';
import { windowEndLine, type CodeWindow } from './code-window';

/** Below this the rule's text is shown instead: a wrong suggestion costs the author more than none. */
export const MIN_CONFIDENCE = 0.6;
/** The explanation as published: the prompt asks for 80 words, a runaway answer is cut here. */
export const EXPLANATION_MAX_CHARS = 800;
export const REPLACEMENT_MAX_LINES = 40;
export const REPLACEMENT_MAX_CHARS = 4_000;
/** The summary's overview as published: two or three sentences. */
export const OVERVIEW_MAX_CHARS = 600;
export const OVERVIEW_MAX_SENTENCES = 3;

export const reviewAnswerSchema = z.object({
  explanation: z.string().trim().min(1, 'is empty').max(8_000),
  replacement: z
    .object({
      startLine: z.number().int().positive(),
      endLine: z.number().int().positive(),
      code: z.string().max(REPLACEMENT_MAX_CHARS, `is longer than ${REPLACEMENT_MAX_CHARS} characters`),
    })
    .nullable(),
  confidence: z.number().min(0).max(1),
});

export type ReviewAnswer = z.infer<typeof reviewAnswerSchema>;

export const overviewAnswerSchema = z.object({
  overview: z.string().trim().min(1, 'is empty').max(4_000),
});

export type OverviewAnswer = z.infer<typeof overviewAnswerSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The one JSON object of a reply; a reply wrapped whole in a ```json fence is accepted, prose around it is not. */
export function jsonObjectOf(reply: string): Parsed<unknown> {
  let text = reply.trim();
  const fenced = /^```(?:json)?[ \t]*\n([\s\S]*)\n```$/i.exec(text);
  if (fenced?.[1] !== undefined) text = fenced[1].trim();
  if (!text.startsWith('{') || !text.endsWith('}'))
    return { ok: false, problem: 'the answer is not a JSON object' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      problem: `the answer is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

function schemaProblem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'answer'} ${i.message}`).join('; ');
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: `the answer does not have the requested shape: ${schemaProblem(parsed.error)}` };
}

/** A review answer whose replacement, if any, stays inside `window` and within the size a comment can carry. */
export function checkReviewAnswer(answer: ReviewAnswer, window: CodeWindow): Parsed<ReviewAnswer> {
  const r = answer.replacement;
  if (r) {
    if (r.startLine > r.endLine) return { ok: false, problem: 'the replacement ends before it starts' };
    if (r.startLine < window.startLine || r.endLine > windowEndLine(window)) {
      return {
        ok: false,
        problem: `the replacement names lines ${r.startLine}–${r.endLine}, outside the excerpt (${window.startLine}–${windowEndLine(window)})`,
      };
    }
    if (r.code.split('\n').length > REPLACEMENT_MAX_LINES) {
      return { ok: false, problem: `the replacement is longer than ${REPLACEMENT_MAX_LINES} lines` };
    }
  }
  return { ok: true, value: answer };
}

export function parseReviewAnswer(reply: string, window: CodeWindow): Parsed<ReviewAnswer> {
  const json = jsonObjectOf(reply);
  if (!json.ok) return json;
  const answer = parseWith(reviewAnswerSchema, json.value);
  return answer.ok ? checkReviewAnswer(answer.value, window) : answer;
}

export function parseOverviewAnswer(reply: string): Parsed<OverviewAnswer> {
  const json = jsonObjectOf(reply);
  return json.ok ? parseWith(overviewAnswerSchema, json.value) : json;
}

/** The first `max` sentences of `text`. */
export function firstSentences(text: string, max: number): string {
  return text
    .trim()
    .split(/(?<=[.!?])\s+/)
    .slice(0, max)
    .join(' ');
}
