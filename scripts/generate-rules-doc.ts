/**
 * Writes docs/rules.md and src/settings/rule-catalog.ts from the rule metadata. Run: npm run docs:rules
 * (tests fail when either is out of date).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/engine/rules';
import { renderRuleCatalog } from '../src/engine/rules/render-rule-catalog';
import { renderRulesDoc } from '../src/engine/rules/render-rules-doc';

const root = join(__dirname, '..');
const doc = join(root, 'docs', 'rules.md');
writeFileSync(doc, renderRulesDoc(rules));
const catalog = join(root, 'src', 'settings', 'rule-catalog.ts');
writeFileSync(catalog, renderRuleCatalog(rules));
// The catalog is code: keep it as Prettier formats it, so `npm run check` passes.
execFileSync(join(root, 'node_modules', '.bin', 'prettier'), ['--write', catalog], { stdio: 'ignore' });
console.log(`Wrote ${doc} and ${catalog} (${rules.length} rules)`);
