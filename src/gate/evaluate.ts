import { SEVERITIES_HIGH_FIRST, type Finding, type Severity } from '../engine/types';
import type { GateSettings } from '../settings/types';
import type { ChangeFacts, FilesFacts, GateCondition, GateVerdict } from './types';

function isChange(facts: ChangeFacts | FilesFacts): facts is ChangeFacts {
  return 'newFindings' in facts;
}

/** Index in SEVERITIES_HIGH_FIRST: lower is more severe. */
function rank(severity: Severity): number {
  return SEVERITIES_HIGH_FIRST.indexOf(severity);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Health is shown with one decimal, as on CodeScene's 1–10 scale. */
function score(n: number): string {
  return n.toFixed(1);
}

function severityPhrase(min: Severity): string {
  return rank(min) === 0 ? min : `${min} or worse`;
}

function countAtLeast(findings: readonly Finding[], min: Severity): number {
  const limitRank = rank(min);
  return findings.filter((f) => rank(f.severity) <= limitRank).length;
}

/**
 * Secrets in a whole-files analysis: the engine reports leaked credentials as VULNERABILITY findings. A
 * change analysis counts them itself (`secrets`), so that count is used there.
 */
function secretsIn(findings: readonly Finding[]): number {
  return findings.filter((f) => f.type === 'VULNERABILITY').length;
}

function atMost(id: GateCondition['id'], actual: number, limit: number, what: string): GateCondition {
  const passed = actual <= limit;
  return { id, passed, actual, limit, message: `${what} (limit ${limit})` };
}

function minHealthCondition(health: number, limit: number): GateCondition {
  const passed = health >= limit;
  const relation = passed ? 'at or above' : 'below';
  return {
    id: 'minHealth',
    passed,
    actual: health,
    limit,
    message: `health ${score(health)} is ${relation} the minimum ${score(limit)}`,
  };
}

function healthDropCondition(health: ChangeFacts['health'], limit: number): GateCondition {
  // A rise in health is a drop of 0, never a negative drop that could offset anything.
  const drop = Math.max(0, -health.delta);
  return {
    id: 'maxHealthDrop',
    passed: drop <= limit,
    actual: drop,
    limit,
    message: `health went from ${score(health.before)} to ${score(health.after)} (largest allowed drop ${score(limit)})`,
  };
}

/** Limits that only make sense for a change: what it did to health, complexity and duplication. */
function changeOnlyConditions(change: ChangeFacts, gate: GateSettings): GateCondition[] {
  const conditions: GateCondition[] = [];
  if (gate.maxHealthDrop !== undefined)
    conditions.push(healthDropCondition(change.health, gate.maxHealthDrop));
  if (gate.maxComplexityAdded !== undefined) {
    const added = change.complexityAdded;
    conditions.push(
      atMost('maxComplexityAdded', added, gate.maxComplexityAdded, `${added} complexity added`),
    );
  }
  if (gate.maxDuplicatedLines !== undefined) {
    const added = change.duplicatedLinesAdded;
    const what = `${plural(added, 'duplicated line')} added`;
    conditions.push(atMost('maxDuplicatedLines', added, gate.maxDuplicatedLines, what));
  }
  return conditions;
}

/**
 * Decides whether analysed code meets the quality gate. A whole-files analysis treats every finding as new;
 * limits that only make sense for a change (health drop, complexity and duplication added) apply to change
 * analyses only. Conditions that are not configured are left out, so every listed condition was checked.
 */
export function evaluateGate(facts: ChangeFacts | FilesFacts, gate: GateSettings): GateVerdict {
  const change = isChange(facts) ? facts : undefined;
  const findings = change ? change.newFindings : (facts as FilesFacts).findings;
  const { minSeverity, max } = gate.newIssues;
  const issues = countAtLeast(findings, minSeverity);
  const secrets = change ? change.secrets : secretsIn(findings);
  const conditions: GateCondition[] = [
    atMost('newIssues', issues, max, plural(issues, `new ${severityPhrase(minSeverity)} issue`)),
    atMost('newSecrets', secrets, gate.maxNewSecrets, plural(secrets, 'new secret')),
  ];
  if (gate.minHealth !== undefined) {
    const health = change ? change.health.after : (facts as FilesFacts).health.score;
    conditions.push(minHealthCondition(health, gate.minHealth));
  }
  if (change) conditions.push(...changeOnlyConditions(change, gate));
  return { passed: conditions.every((c) => c.passed), conditions };
}

/** The messages of the conditions that failed: the reasons a person sees for a red gate. */
export function failureReasons(verdict: GateVerdict): string[] {
  return verdict.conditions.filter((c) => !c.passed).map((c) => c.message);
}
