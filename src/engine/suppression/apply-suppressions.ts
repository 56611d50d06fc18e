/**
 * Applies one file's suppression comments to its findings: what they cover is set aside (not reported, not
 * counted by the gate), and problems with the comments themselves become `suppression-problem` findings.
 */
import { fingerprintsFor } from '../fingerprint/assign-fingerprints';
import type { RawFinding } from '../rules/rule-types';
import { SUPPRESSION_PROBLEM_RULE_ID, suppressionProblem } from '../rules/suppression-problem';
import type { Finding, LanguageId } from '../types';
import { parseDirectives, type Directive } from './parse-directives';

/** The one rule a range or file-wide comment cannot cover: a secret is allowed line by line, with a reason. */
export const SECRET_RULE_ID = 'hard-coded-secret';

export type SuppressionForm = 'next-line' | 'range' | 'file';

/** A finding a comment suppressed, with where and why, for the report's `suppressed` list. */
export interface SuppressedFinding extends Finding {
  suppression: {
    form: SuppressionForm;
    /** Line of the suppressing comment. */
    line: number;
    /** The comment's reason; left out when the comment had none or its line holds a possible secret. */
    reason?: string;
  };
}

export interface SuppressionContext {
  path: string;
  language: LanguageId;
  sourceLines: readonly string[];
  /** Every rule id a comment may name. */
  knownRuleIds: ReadonlySet<string>;
  /** Rules switched off in the settings: naming them is fine, and their comments are never "unused". */
  disabledRules: ReadonlySet<string>;
  /** Lines holding a possible secret: nothing written on them is echoed in a message or the report. */
  secretLines: ReadonlySet<number>;
}

export interface SuppressionOutcome {
  /** Findings still reported, followed by the suppression problems (fingerprinted like any finding). */
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

const ALL_RULES = '*';
const REASON_MAX_CHARS = 200;
const DIRECTIVE_NAMES: Record<Directive['kind'], string> = {
  'disable-next-line': 'lintel-disable-next-line',
  disable: 'lintel-disable',
  enable: 'lintel-enable',
  'disable-file': 'lintel-disable-file',
};
const FORM_OF: Record<Exclude<Directive['kind'], 'enable'>, SuppressionForm> = {
  'disable-next-line': 'next-line',
  disable: 'range',
  'disable-file': 'file',
};
/** Next-line comments are the most specific, so they are credited first; then ranges, then the file. */
const FORM_PRIORITY: Record<SuppressionForm, number> = { 'next-line': 0, range: 1, file: 2 };

interface Cover {
  directive: Directive & { kind: Exclude<Directive['kind'], 'enable'> };
  /** A rule id, or ALL_RULES (never the secret rule). */
  rule: string;
  except: ReadonlySet<string>;
  from: number;
  to: number;
}

const coverKey = (cover: Pick<Cover, 'directive' | 'rule'>): string =>
  `${cover.directive.line}\u0000${cover.rule}`;

/** Rule ids are echoed only when they look like ids and no secret is on their line. */
function shownId(id: string, directive: Directive, ctx: SuppressionContext): string {
  const safe = /^[a-z][a-z0-9-]{0,63}$/i.test(id) && !ctx.secretLines.has(directive.line);
  return safe ? `"${id}"` : 'an id (not shown)';
}

class Collector {
  readonly problems: RawFinding[] = [];

  add(line: number, identity: string, message: string): void {
    this.problems.push({ severity: 'LOW', line, identity, message });
  }
}

/** The first line at or after `line` that is not a comment-only suppression comment. */
function targetLine(directive: Directive, commentOnlyLines: ReadonlySet<number>): number {
  let line = directive.line + 1;
  while (commentOnlyLines.has(line)) line++;
  return line;
}

/** The rules of one disable comment that can be applied; the others are reported. */
function usableRules(directive: Directive, ctx: SuppressionContext, out: Collector): string[] {
  const name = DIRECTIVE_NAMES[directive.kind];
  const usable: string[] = [];
  for (const id of directive.rules) {
    if (id === SUPPRESSION_PROBLEM_RULE_ID) {
      out.add(
        directive.line,
        `self|${directive.kind}`,
        `${name} cannot suppress ${SUPPRESSION_PROBLEM_RULE_ID}; fix the comment, or switch the rule off in the settings (disabledRules).`,
      );
    } else if (!ctx.knownRuleIds.has(id)) {
      out.add(
        directive.line,
        `unknown|${directive.kind}|${id}`,
        `${name} names an unknown rule, ${shownId(id, directive, ctx)}; it suppresses nothing. Rule ids are listed in docs/rules.md.`,
      );
    } else if (id === SECRET_RULE_ID && directive.kind !== 'disable-next-line') {
      out.add(
        directive.line,
        `secret-form|${directive.kind}`,
        `${name} cannot suppress ${SECRET_RULE_ID}: allow each reviewed secret on its own, with "lintel-disable-next-line ${SECRET_RULE_ID} -- reason" above it or "lintel:allow-secret" on its line.`,
      );
    } else if (!ctx.disabledRules.has(id) && !usable.includes(id)) {
      usable.push(id);
    }
  }
  return usable;
}

/** Turns the comments into covered line ranges, reporting what cannot be applied. */
function coversOf(directives: readonly Directive[], ctx: SuppressionContext, out: Collector): Cover[] {
  const lastLine = ctx.sourceLines.length;
  const commentOnly = new Set(
    directives.filter((d) => d.kind === 'disable-next-line' && d.commentOnly).map((d) => d.line),
  );
  const covers: Cover[] = [];
  const open: Cover[] = [];
  const none = new Set<string>();
  for (const directive of directives) {
    const { kind } = directive;
    if (kind === 'enable') {
      closeRanges(directive, open, covers, out);
      continue;
    }
    if (directive.reason === undefined) {
      out.add(
        directive.line,
        `no-reason|${kind}|${directive.rules.join(',')}`,
        `${DIRECTIVE_NAMES[kind]} has no reason: add " -- why this is acceptable" so reviewers can judge it.`,
      );
    }
    if (kind === 'disable-file' && !directive.inHeader) {
      out.add(
        directive.line,
        'file-not-at-top',
        'lintel-disable-file was ignored: it only works in the comments at the top of the file, before any code.',
      );
      continue;
    }
    const rules = directive.rules.length === 0 ? [ALL_RULES] : usableRules(directive, ctx, out);
    const typed = { ...directive, kind };
    for (const rule of rules) {
      if (kind === 'disable-next-line') {
        const line = targetLine(directive, commentOnly);
        covers.push({ directive: typed, rule, except: none, from: line, to: line });
      } else if (kind === 'disable-file') {
        covers.push({ directive: typed, rule, except: none, from: 1, to: lastLine });
      } else {
        open.push({ directive: typed, rule, except: none, from: directive.line, to: lastLine });
      }
    }
  }
  covers.push(...open);
  return covers;
}

/**
 * `lintel-enable` ends the open ranges it names (all of them when it names none). Enabling one rule inside a
 * `lintel-disable` of every rule ends that range there and goes on with every rule but that one.
 */
function closeRanges(enable: Directive, open: Cover[], covers: Cover[], out: Collector): void {
  const names = enable.rules;
  let closedAny = false;
  for (let index = open.length - 1; index >= 0; index--) {
    const cover = open[index];
    if (!cover) continue;
    const named = names.length === 0 || names.includes(cover.rule);
    if (!named && cover.rule !== ALL_RULES) continue;
    open.splice(index, 1);
    covers.push({ ...cover, to: enable.line });
    if (named) {
      closedAny = true;
    } else {
      const except = new Set([...cover.except, ...names]);
      open.push({ ...cover, except, from: enable.line, to: cover.to });
      closedAny = true;
    }
  }
  if (!closedAny) {
    const what =
      names.length === 0 ? '' : ` ${names.filter((id) => /^[a-z][a-z0-9-]{0,63}$/i.test(id)).join(', ')}`;
    out.add(
      enable.line,
      `enable-unopened|${names.join(',')}`,
      `lintel-enable${what} has no lintel-disable before it to end; remove it.`,
    );
  }
}

function covers(cover: Cover, finding: Finding): boolean {
  if (finding.line < cover.from || finding.line > cover.to) return false;
  if (cover.rule === ALL_RULES) return finding.ruleId !== SECRET_RULE_ID && !cover.except.has(finding.ruleId);
  return cover.rule === finding.ruleId;
}

function unusedMessage(cover: Cover): string {
  const name = DIRECTIVE_NAMES[cover.directive.kind];
  const what = cover.rule === ALL_RULES ? 'finding' : `${cover.rule} finding`;
  const where =
    cover.directive.kind === 'disable-next-line'
      ? `on line ${cover.from}`
      : cover.directive.kind === 'disable'
        ? `between lines ${cover.from} and ${cover.to}`
        : 'in this file';
  return `${name} suppresses nothing: there is no ${what} ${where}. Remove it${cover.rule === ALL_RULES ? '' : ` or the rule id`}.`;
}

function reasonOf(directive: Directive, ctx: SuppressionContext): string | undefined {
  if (directive.reason === undefined || ctx.secretLines.has(directive.line)) return undefined;
  const reason = directive.reason;
  return reason.length > REASON_MAX_CHARS ? `${reason.slice(0, REASON_MAX_CHARS - 1)}…` : reason;
}

export function applySuppressions(findings: readonly Finding[], ctx: SuppressionContext): SuppressionOutcome {
  const { directives, unknown } = parseDirectives(ctx.sourceLines, ctx.language);
  if (directives.length === 0 && unknown.length === 0) return { findings: [...findings], suppressed: [] };
  const out = new Collector();
  for (const { line, name } of unknown) {
    out.add(
      line,
      `unknown-directive|${name}`,
      `"lintel-${name}" is not a Lintel directive and suppresses nothing; use lintel-disable-next-line, lintel-disable / lintel-enable or lintel-disable-file.`,
    );
  }
  const allCovers = coversOf(directives, ctx, out).sort(
    (a, b) => FORM_PRIORITY[FORM_OF[a.directive.kind]] - FORM_PRIORITY[FORM_OF[b.directive.kind]],
  );
  const used = new Set<string>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const cover = allCovers.find((candidate) => covers(candidate, finding));
    if (!cover) {
      kept.push(finding);
      continue;
    }
    used.add(coverKey(cover));
    const reason = reasonOf(cover.directive, ctx);
    suppressed.push({
      ...finding,
      suppression: {
        form: FORM_OF[cover.directive.kind],
        line: cover.directive.line,
        ...(reason ? { reason } : {}),
      },
    });
  }
  const reported = new Set<string>();
  for (const cover of allCovers) {
    const key = coverKey(cover);
    // A range split by `lintel-enable <rule>` is one comment: it is unused only if no part of it was used.
    if (used.has(key) || reported.has(key)) continue;
    reported.add(key);
    const spans = allCovers.filter((c) => coverKey(c) === key);
    const whole = {
      ...cover,
      from: Math.min(...spans.map((c) => c.from)),
      to: Math.max(...spans.map((c) => c.to)),
    };
    out.add(cover.directive.line, `unused|${cover.directive.kind}|${cover.rule}`, unusedMessage(whole));
  }
  return { findings: [...kept, ...problemFindings(out.problems, ctx)], suppressed };
}

function problemFindings(problems: readonly RawFinding[], ctx: SuppressionContext): Finding[] {
  if (ctx.disabledRules.has(SUPPRESSION_PROBLEM_RULE_ID)) return [];
  const { meta } = suppressionProblem;
  const fingerprints = fingerprintsFor(
    problems.map((raw) => ({ ...raw, ruleId: meta.id, path: ctx.path })),
    ctx.sourceLines,
  );
  return problems.map((raw, index) => ({
    ruleId: meta.id,
    type: meta.type,
    severity: raw.severity,
    path: ctx.path,
    line: raw.line,
    message: raw.message,
    fingerprint: fingerprints[index] ?? '',
  }));
}
