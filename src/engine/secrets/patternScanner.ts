import { shannonEntropy } from './entropy';
import { keywordFinder, type KeywordFinder } from './keyword-finder';
import type { PatternRule } from './providerRules';
import type { SecretCandidate } from './types';

/** Each rule's regex with the `d` flag (match indices), compiled once. */
const COMPILED = new WeakMap<PatternRule, RegExp>();

function compiled(rule: PatternRule): RegExp {
  let re = COMPILED.get(rule);
  if (!re) {
    const flags = rule.pattern.flags.includes('d') ? rule.pattern.flags : rule.pattern.flags + 'd';
    re = new RegExp(rule.pattern.source, flags);
    COMPILED.set(rule, re);
  }
  return re;
}

/** One keyword finder per list of rules (the provider rules, each set of generic rules), made once. */
const FINDERS = new WeakMap<readonly PatternRule[], KeywordFinder>();

function finderFor(rules: readonly PatternRule[]): KeywordFinder {
  let finder = FINDERS.get(rules);
  if (!finder) {
    finder = keywordFinder(rules.flatMap((rule) => rule.keywords));
    FINDERS.set(rules, finder);
  }
  return finder;
}

/** Runs keyword-gated regex rules over one file's text. */
export function scanWithRules(
  text: string,
  rules: readonly PatternRule[],
  priority: number,
): SecretCandidate[] {
  // Keywords are lower case and match the text in any case.
  const present = finderFor(rules)(text.toLowerCase());
  const found: SecretCandidate[] = [];
  for (const rule of rules) {
    if (!rule.keywords.some((k) => present.has(k))) continue;
    const re = compiled(rule);
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      const span = m.indices?.groups?.secret;
      const secret = m.groups?.secret ?? m[0];
      const [start, end] = rule.spanWholeMatch || !span ? [m.index, m.index + m[0].length] : span;
      if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
      if (rule.isAllowed?.(secret)) continue;
      found.push({
        ruleId: `lintel/${rule.id}`,
        label: rule.label,
        start,
        end,
        secret,
        priority,
        ...(rule.preview === undefined ? {} : { preview: rule.preview }),
      });
    }
  }
  return found;
}
