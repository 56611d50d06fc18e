/**
 * The settings document as a zod schema: what a level stores, what `.lintel.yml` and the CLI's `--settings` file
 * contain, and what a settings page may save. Every field is optional (what a document leaves out is inherited),
 * unknown fields are errors (a typo must never silently weaken a gate), and every number has a range a real code
 * base could want, so an absurd value is refused with the range instead of stored.
 */
import { z } from 'zod';
import { SEVERITIES_HIGH_FIRST, type Severity } from '../engine/types';
import { globProblem } from './glob-problem';
import { HEALTH_MAX, HEALTH_MIN } from './defaults';
import { RULE_CATALOG } from './rule-catalog';

/** Sizes that keep a document readable, far below Forge's 240 KiB per kvs value (SETTINGS_DOCUMENT_MAX_BYTES). */
export const LIMITS = {
  ignorePatterns: 200,
  branchPatterns: 50,
  patternChars: 300,
  /** More issues than this is not a gate; it is the gate switched off (use a lower severity instead). */
  count: 10_000,
  /** Complexity and duplicated lines added by one change. */
  changeSize: 100_000,
  ruleThreshold: 100_000,
  /** Inline comments per pull request: Bitbucket shows each as its own thread; past this it is a flood. */
  inlineComments: 100,
} as const;

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** One message for every way a value can be wrong, so the page shows the rule rather than zod's check name. */
const says =
  (rule: string) =>
  (issue: { input?: unknown }): string =>
    `${rule}, got ${describeValue(issue.input)}`;

const flag = z.boolean({ error: says('must be true or false') });

function wholeNumber(max: number) {
  const rule = says(`must be a whole number from 0 to ${max.toLocaleString('en-US')}`);
  return z.number({ error: rule }).int({ error: rule }).min(0, { error: rule }).max(max, { error: rule });
}

function healthNumber() {
  const rule = says(`must be a number from ${HEALTH_MIN} to ${HEALTH_MAX}`);
  return z.number({ error: rule }).min(HEALTH_MIN, { error: rule }).max(HEALTH_MAX, { error: rule });
}

const severity = z.preprocess(
  (v) => (typeof v === 'string' ? v.toUpperCase() : v),
  z.enum(SEVERITIES_HIGH_FIRST as unknown as [Severity, ...Severity[]], {
    error: (issue) => `must be one of ${SEVERITIES_HIGH_FIRST.join(', ')}, got ${describeValue(issue.input)}`,
  }),
);

function patternList(what: 'ignore' | 'branch', max: number) {
  const noun = what === 'ignore' ? 'glob pattern' : 'branch pattern';
  const item = z.string({ error: says(`must be a non-empty ${noun}`) }).transform((p, ctx) => {
    const pattern = p.trim();
    const problem = pattern === '' ? 'is empty' : globProblem(pattern, LIMITS.patternChars);
    if (problem) ctx.addIssue({ code: 'custom', message: `${noun} ${describeValue(p)} ${problem}` });
    return pattern;
  });
  return z.array(item, { error: says(`must be a list of ${noun}s`) }).max(max, {
    error: (issue) => `at most ${max} patterns, got ${(issue.input as unknown[]).length}`,
  });
}

const KNOWN_RULES = new Map(RULE_CATALOG.map((rule) => [rule.id, rule]));
const KNOWN_RULE_IDS = RULE_CATALOG.map((rule) => rule.id).join(', ');

const thresholdRule = says(`must be a number from 0 to ${LIMITS.ruleThreshold.toLocaleString('en-US')}`);
const thresholds = z
  .record(
    z.string(),
    z.record(
      z.string(),
      z
        .number({ error: thresholdRule })
        .min(0, { error: thresholdRule })
        .max(LIMITS.ruleThreshold, { error: thresholdRule }),
      { error: says('must be an object of threshold name → number') },
    ),
    { error: says('must be an object of rule id → { threshold: number }') },
  )
  .superRefine((value, ctx) => {
    for (const [ruleId, values] of Object.entries(value)) {
      const rule = KNOWN_RULES.get(ruleId);
      if (!rule) {
        ctx.addIssue({ code: 'custom', path: [ruleId], message: `unknown rule (rules: ${KNOWN_RULE_IDS})` });
        continue;
      }
      const names = Object.keys(rule.thresholds);
      for (const name of Object.keys(values)) {
        if (names.includes(name)) continue;
        const expected =
          names.length > 0 ? `one of: ${names.join(', ')}` : 'none: this rule has no thresholds';
        ctx.addIssue({
          code: 'custom',
          path: [ruleId, name],
          message: `unknown threshold (expected ${expected})`,
        });
      }
    }
  });

const disabledRules = z
  .array(z.string({ error: says('must be a rule id') }), { error: says('must be a list of rule ids') })
  .superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      if (!KNOWN_RULES.has(id))
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `unknown rule "${id}" (rules: ${KNOWN_RULE_IDS})`,
        });
    });
  })
  .transform((ids) => [...new Set(ids)]);

/** `null` on an optional limit switches an inherited limit off. */
const gate = z.strictObject(
  {
    newIssues: z
      .strictObject(
        { minSeverity: severity.optional(), max: wholeNumber(LIMITS.count).optional() },
        { error: says('must be an object like { "minSeverity": "HIGH", "max": 0 }') },
      )
      .optional(),
    maxNewSecrets: wholeNumber(LIMITS.count).optional(),
    minHealth: healthNumber().nullable().optional(),
    maxHealthDrop: healthNumber().nullable().optional(),
    maxComplexityAdded: wholeNumber(LIMITS.changeSize).nullable().optional(),
    maxDuplicatedLines: wholeNumber(LIMITS.changeSize).nullable().optional(),
  },
  { error: says('must be an object') },
);

export const settingsOverridesSchema = z.strictObject(
  {
    /** Editors' schema hint in `.lintel.yml` / JSON files; ignored. */
    $schema: z.string().optional(),
    statusChecks: flag.optional(),
    annotations: flag.optional(),
    summaries: flag.optional(),
    aiComments: flag.optional(),
    gate: gate.optional(),
    thresholds: thresholds.optional(),
    disabledRules: disabledRules.optional(),
    ignore: patternList('ignore', LIMITS.ignorePatterns).optional(),
    pullRequests: z
      .strictObject(
        {
          enabled: flag.optional(),
          targetBranches: patternList('branch', LIMITS.branchPatterns).optional(),
          skipDrafts: flag.optional(),
        },
        { error: says('must be an object like { "targetBranches": ["main"], "skipDrafts": true }') },
      )
      .optional(),
    inlineCommentLimit: wholeNumber(LIMITS.inlineComments).optional(),
  },
  { error: says('must be an object') },
);
