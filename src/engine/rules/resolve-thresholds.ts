import type { Rule } from './rule-types';

/** Per-rule threshold overrides: rule id → threshold name → value (same shape as settings' ThresholdOverrides). */
export type ThresholdOverrides = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** A rule's thresholds: its defaults with the user's overrides on top. */
export function resolveThresholds(
  rule: Rule,
  overrides: ThresholdOverrides | undefined,
): Record<string, number> {
  const resolved: Record<string, number> = {};
  for (const [name, meta] of Object.entries(rule.meta.thresholds)) resolved[name] = meta.default;
  const own = overrides?.[rule.meta.id];
  if (own) {
    for (const [name, value] of Object.entries(own)) {
      if (name in resolved) resolved[name] = value;
    }
  }
  return resolved;
}

/**
 * Problems with user-supplied rule options, as messages a user can act on (empty when all is well):
 * unknown rule ids, unknown threshold names, and values that are not finite non-negative numbers.
 */
export function validateRuleOptions(
  allRules: readonly Rule[],
  thresholds: ThresholdOverrides | undefined,
  disabledRules: readonly string[] | undefined,
): string[] {
  const errors: string[] = [];
  const ids = allRules.map((rule) => rule.meta.id);
  const known = `known rules: ${ids.join(', ')}`;
  for (const id of disabledRules ?? []) {
    if (!ids.includes(id)) errors.push(`Cannot disable unknown rule '${id}' (${known}).`);
  }
  for (const [id, values] of Object.entries(thresholds ?? {})) {
    const rule = allRules.find((candidate) => candidate.meta.id === id);
    if (!rule) {
      errors.push(`Thresholds given for unknown rule '${id}' (${known}).`);
      continue;
    }
    const names = Object.keys(rule.meta.thresholds);
    for (const [name, value] of Object.entries(values)) {
      if (!names.includes(name)) {
        const allowed = names.length ? names.join(', ') : 'none';
        errors.push(`Rule '${id}' has no threshold '${name}' (it has: ${allowed}).`);
      } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        errors.push(`Threshold '${id}.${name}' must be a non-negative number, got ${JSON.stringify(value)}.`);
      }
    }
  }
  return errors;
}
