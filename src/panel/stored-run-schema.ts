/**
 * Reads what the consumer stored for a pull request (src/pipeline/stored-run.ts) without trusting it: a value from
 * an older version of Lintel, a damaged one or one of an unknown shape is answered with why it cannot be used, so
 * the panel says "not analysed" with a reason instead of drawing half a verdict. Fields this version does not know
 * are ignored, so a newer writer's extra fields do not make a record unreadable.
 */
import { z } from 'zod';
import { SEVERITIES_HIGH_FIRST, type Severity } from '../engine/types';
import type { StoredRun } from '../pipeline/stored-run';
import type { QueuedEvent } from '../pipeline/trigger-decision';

const count = z.number().int().nonnegative();
const severity = z.enum(SEVERITIES_HIGH_FIRST as unknown as [Severity, ...Severity[]]);
const counts = z.object({ CRITICAL: count, HIGH: count, MEDIUM: count, LOW: count });

const storedRunSchema = z.object({
  state: z.enum(['pending', 'done', 'error', 'not-analysed']),
  headHash: z.string().regex(/^[0-9a-f]{7,40}$/i, 'must be a commit hash'),
  passed: z.boolean().optional(),
  summary: z.string().optional(),
  reasons: z.array(z.string()).optional(),
  health: z.object({ before: z.number(), after: z.number(), delta: z.number() }).optional(),
  newIssues: count.optional(),
  fixedIssues: count.optional(),
  newBySeverity: counts.optional(),
  fixedBySeverity: counts.optional(),
  complexityAdded: count.optional(),
  duplicatedLinesAdded: count.optional(),
  dismissed: count.optional(),
  findings: z
    .array(
      z.object({
        severity,
        ruleId: z.string(),
        path: z.string(),
        line: count,
        message: z.string(),
        fingerprint: z.string().optional(),
      }),
    )
    .optional(),
  notAnalysed: z.enum(['disabled', 'branch-filtered', 'draft', 'too-large']).optional(),
  incomplete: z.object({ files: count, reasons: z.array(z.string()) }).optional(),
  waitingUntil: z.iso.datetime().optional(),
  analysedAt: z.iso.datetime().optional(),
});

export type ReadStoredRun =
  { found: false } | { found: true; ok: true; run: StoredRun } | { found: true; ok: false; problem: string };

/** The first problem, named by its field, in words for the panel (zod's own wording is for developers). */
function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue || issue.path.length === 0) return 'it is not a record Lintel writes';
  return `its field ${issue.path.join('.')} is missing or not what this version of Lintel writes`;
}

export function readStoredRun(value: unknown): ReadStoredRun {
  if (value === undefined || value === null) return { found: false };
  const parsed = storedRunSchema.safeParse(value);
  if (!parsed.success) return { found: true, ok: false, problem: problemOf(parsed.error) };
  const run = parsed.data as StoredRun;
  // A verdict without its outcome is a record from before `passed` was stored, or a damaged one.
  if (run.state === 'done' && run.passed === undefined) {
    return {
      found: true,
      ok: false,
      problem: 'its field passed is missing: it does not say whether the gate passed',
    };
  }
  return { found: true, ok: true, run };
}

const queuedSchema = z.object({ sourceHash: z.string().regex(/^[0-9a-f]{7,40}$/i), timestamp: z.string() });

/** The trigger's record of the newest event it queued; anything else counts as none. */
export function readQueuedEvent(value: unknown): QueuedEvent | undefined {
  const parsed = queuedSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
