/** Writes docs/rules.md from the rule metadata. Run: npx tsx scripts/generate-rules-doc.ts */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/engine/rules';
import { renderRulesDoc } from '../src/engine/rules/render-rules-doc';

const target = join(__dirname, '..', 'docs', 'rules.md');
writeFileSync(target, renderRulesDoc(rules));
console.log(`Wrote ${target} (${rules.length} rules)`);
