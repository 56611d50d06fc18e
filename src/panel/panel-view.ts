/**
 * What the pull-request panel and the findings dialog show, as one validated view model: the `getPanelState`
 * resolver builds it (./panel-view-for.ts) and checks it against this schema before answering, so the page never
 * receives a shape it cannot draw. The pages import the type only.
 */
import { z } from 'zod';
import { SEVERITIES_HIGH_FIRST, type Severity } from '../engine/types';

const count = z.number().int().nonnegative();
const severity = z.enum(SEVERITIES_HIGH_FIRST as unknown as [Severity, ...Severity[]]);
const commit = z.string().regex(/^[0-9a-f]{7,40}$/i);
const time = z.iso.datetime();
const url = z.url({ protocol: /^https?$/ });

export const severityCountsSchema = z.object({ CRITICAL: count, HIGH: count, MEDIUM: count, LOW: count });

export const panelFindingSchema = z.object({
  severity,
  ruleId: z.string(),
  path: z.string(),
  line: count,
  message: z.string(),
  /** Its line in the pull request's diff. */
  url: url.optional(),
  /** Absent for results stored before dismissals existed: such a finding cannot be dismissed. */
  fingerprint: z.string().optional(),
});

export const panelDismissalSchema = panelFindingSchema.extend({
  fingerprint: z.string(),
  reason: z.string(),
  at: time,
  /** Who dismissed it, as the page may say it: "you", or the name Bitbucket gave when they dismissed it. */
  by: z.string(),
  byYou: z.boolean(),
});

const verdictFields = {
  /** The failing gate conditions, each a sentence ("2 new HIGH or worse issues (limit 0)"). */
  failingConditions: z.array(z.string()),
  commit,
  analysedAt: time.optional(),
  health: z.object({ before: z.number(), after: z.number(), delta: z.number() }).optional(),
  newIssues: z.object({ total: count, bySeverity: severityCountsSchema.optional() }),
  fixedIssues: z.object({ total: count, bySeverity: severityCountsSchema.optional() }),
  complexityAdded: count.optional(),
  duplicatedLinesAdded: count.optional(),
  /** The stored top findings, most severe first, without the dismissed ones. */
  findings: z.array(panelFindingSchema),
  /** Findings dismissed on this pull request that the run found again. */
  dismissedAgain: count,
  /** What the run meant to analyse and could not (docs/gate.md): never a pass, and said first. */
  shortfall: z.object({ message: z.string(), whatToDo: z.string() }).optional(),
};

/** Why nothing (current) is shown, each with its own "what to do". */
export const NOT_ANALYSED_REASONS = [
  'never',
  'disabled',
  'branch-filtered',
  'draft',
  'too-large',
  'error',
  'closed',
  'unreadable',
] as const;

export const panelStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('analysing'),
    commit,
    /** True while the job waits in the queue; false once a run has started on the commit. */
    queued: z.boolean(),
    /** A retry in progress: why the last attempt failed and when the next one comes. */
    detail: z.string().optional(),
  }),
  z.object({ state: z.literal('passed'), ...verdictFields }),
  z.object({ state: z.literal('failed'), ...verdictFields }),
  /** No condition failed, but files were not analysed: the gate cannot pass (docs/gate.md). */
  z.object({ state: z.literal('incomplete'), ...verdictFields }),
  z.object({
    state: z.literal('not-analysed'),
    reason: z.enum(NOT_ANALYSED_REASONS),
    /** What happened, in words. */
    message: z.string(),
    /** What the person looking at the panel can do about it. */
    whatToDo: z.string(),
    commit: commit.optional(),
    at: time.optional(),
  }),
]);

export const panelViewSchema = z.object({
  version: z.literal(1),
  pullRequest: z.object({
    id: z.number().int().positive(),
    state: z.string(),
    /** The head Bitbucket shows now (abbreviated or full). */
    headCommit: commit.optional(),
    diffUrl: url.optional(),
  }),
  status: panelStatusSchema,
  /** The status is about an older commit than the pull request's head. */
  stale: z.object({ analysedCommit: commit, headCommit: commit, whatToDo: z.string() }).optional(),
  dismissed: z.array(panelDismissalSchema),
  /** Whether "Re-analyse" is offered: open pull requests only; who may use it is checked when it is used. */
  canReanalyze: z.boolean(),
});

export type PanelView = z.infer<typeof panelViewSchema>;
export type PanelStatus = z.infer<typeof panelStatusSchema>;
export type PanelFinding = z.infer<typeof panelFindingSchema>;
export type PanelDismissal = z.infer<typeof panelDismissalSchema>;
export type NotAnalysedReason = (typeof NOT_ANALYSED_REASONS)[number];
export type SeverityCounts = z.infer<typeof severityCountsSchema>;
