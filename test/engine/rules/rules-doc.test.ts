import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../../src/engine/rules';
import { renderRulesDoc } from '../../../src/engine/rules/render-rules-doc';

describe('docs/rules.md', () => {
  it('is up to date with the rule metadata (regenerate: npx tsx scripts/generate-rules-doc.ts)', () => {
    const onDisk = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8');
    expect(onDisk).toBe(renderRulesDoc(rules));
  });

  it('documents every rule with its thresholds', () => {
    const doc = renderRulesDoc(rules);
    for (const meta of rules) {
      expect(doc).toContain(`(\`${meta.id}\`)`);
      for (const name of Object.keys(meta.thresholds)) expect(doc).toContain(`| \`${name}\` |`);
    }
  });
});
